package click.elements.ip.classifier;

import java.util.List;

/**
 * The obvious reading of an {@link Expr}, written independently of {@link Program}: walk the tree,
 * read each leaf's bytes one by one. The compiled program must agree with it on every packet.
 */
final class ReferenceInterpreter {
    private final byte[] data;
    private final int net;
    private final int transport;

    /**
     * @param data      the packet's bytes
     * @param net       where the IP header starts in {@code data}
     * @param transport where the transport header starts in {@code data}
     */
    ReferenceInterpreter(byte[] data, int net, int transport) {
        this.data = data;
        this.net = net;
        this.transport = transport;
    }

    /** The output of the first rule whose pattern matches, or {@link ProgramCompiler#DROP}. */
    int firstMatch(List<ProgramCompiler.Rule> rules) {
        for (ProgramCompiler.Rule r : rules) {
            if (matches(r.pattern())) {
                return r.output();
            }
        }
        return ProgramCompiler.DROP;
    }

    boolean matches(Expr e) {
        if (e instanceof Expr.Const c) {
            return c.value();
        }
        if (e instanceof Expr.Leaf l) {
            return test(l.test());
        }
        if (e instanceof Expr.Not n) {
            return !matches(n.operand());
        }
        if (e instanceof Expr.Cond c) {
            return matches(c.cond()) ? matches(c.then()) : matches(c.otherwise());
        }
        if (e instanceof Expr.And a) {
            return a.operands().stream().allMatch(this::matches);
        }
        return ((Expr.Or) e).operands().stream().anyMatch(this::matches);
    }

    private boolean test(FieldTest t) {
        int start = (t.base() == FieldTest.Base.NETWORK ? net : transport) + t.offset();
        if (start + t.width() > data.length) {
            return false;
        }
        long raw = 0;
        for (int i = 0; i < t.width(); i++) {
            raw = raw * 256 + (data[start + i] & 0xFF);
        }
        long field = (raw >> t.shift()) & (t.mask() & 0xFFFFFFFFL);
        long v = t.value() & 0xFFFFFFFFL;
        switch (t.rel()) {
            case EQ: return field == v;
            case NE: return field != v;
            case LT: return field < v;
            case GT: return field > v;
            case LE: return field <= v;
            case GE: return field >= v;
            default: throw new AssertionError(t.rel());
        }
    }
}

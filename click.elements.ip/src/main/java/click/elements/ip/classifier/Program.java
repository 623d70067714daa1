package click.elements.ip.classifier;

import click.api.Packet;
import click.elements.ip.classifier.FieldTest.Base;

/**
 * A compiled classifier: a flat array of field tests, each with a "yes" and a "no" successor that is
 * either a later test or a result (an output number, or {@link ProgramCompiler#DROP}). Every edge
 * points forward, so a packet meets each test at most once and the walk always ends.
 *
 * <p>Where the headers are: the IP header starts at the packet's network header annotation if set
 * (MarkIPHeader, CheckIPHeader), else at the first data byte; the transport header starts at the
 * transport header annotation, or after the IP header's IHL words when there is no annotation.
 *
 * <p>Thread ownership: immutable; {@link #match} allocates nothing and may run on any number of
 * threads at once.
 */
public final class Program {
    // Per test, struct-of-arrays for a tight loop.
    private final boolean[] transport;
    private final int[] offset;
    private final int[] width;
    private final int[] shift;
    private final int[] mask;
    private final int[] op;           // Relation ordinal: a plain int switch in the loop
    private final int[] value;
    private final int[] yes;
    private final int[] no;
    private final int start;
    private final FieldTest[] tests;

    Program(FieldTest[] tests, int[] yes, int[] no, int start) {
        int n = tests.length;
        this.tests = tests;
        this.transport = new boolean[n];
        this.offset = new int[n];
        this.width = new int[n];
        this.shift = new int[n];
        this.mask = new int[n];
        this.op = new int[n];
        this.value = new int[n];
        for (int i = 0; i < n; i++) {
            FieldTest t = tests[i];
            transport[i] = t.base() == Base.TRANSPORT;
            offset[i] = t.offset();
            width[i] = t.width();
            shift[i] = t.shift();
            mask[i] = t.mask();
            op[i] = t.rel().ordinal();
            value[i] = t.value();
        }
        this.yes = yes;
        this.no = no;
        this.start = start;
    }

    /** Encodes a result as a successor: results are negative, tests are indices >= 0. */
    static int terminal(int output) {
        return -output - 2;
    }

    private static int result(int successor) {
        return -successor - 2;
    }

    /** Number of tests. */
    public int size() {
        return tests.length;
    }

    /** The output for {@code p} (the first matching rule's), or {@link ProgramCompiler#DROP}. */
    public int match(Packet p) {
        int pc = start;
        if (pc < 0) {
            return result(pc);
        }
        byte[] b = p.buffer();
        int end = p.offset() + p.length();
        int net;
        int transp;
        if (p.hasNetworkHeader()) {
            net = p.offset() + p.networkHeaderOffset();
            transp = p.offset() + p.transportHeaderOffset();
        } else {
            net = p.offset();
            transp = net < end ? net + ((b[net] & 0xF) << 2) : end;
        }
        do {
            int at = (transport[pc] ? transp : net) + offset[pc];
            int w = width[pc];
            boolean r = false;
            if (at + w <= end) {
                int x = b[at] & 0xFF;
                for (int i = 1; i < w; i++) {
                    x = x << 8 | (b[at + i] & 0xFF);
                }
                r = compare(op[pc], (x >>> shift[pc]) & mask[pc], value[pc]);
            }
            pc = r ? yes[pc] : no[pc];
        } while (pc >= 0);
        return result(pc);
    }

    private static final int EQ = Relation.EQ.ordinal();
    private static final int NE = Relation.NE.ordinal();
    private static final int LT = Relation.LT.ordinal();
    private static final int GT = Relation.GT.ordinal();
    private static final int LE = Relation.LE.ordinal();

    private static boolean compare(int op, int x, int v) {
        if (op == EQ) {
            return x == v;
        }
        if (op == NE) {
            return x != v;
        }
        int c = Integer.compareUnsigned(x, v);
        return op == LT ? c < 0 : op == GT ? c > 0 : op == LE ? c <= 0 : c >= 0;
    }

    /** A listing, one test per line: {@code 3  transp[0:2] == 80  yes -> output 0  no -> 4}. */
    public String describe() {
        if (start < 0) {
            return "all packets -> " + target(start) + "\n";
        }
        StringBuilder sb = new StringBuilder();
        int w = 0;
        for (FieldTest t : tests) {
            w = Math.max(w, t.toString().length());
        }
        for (int i = 0; i < tests.length; i++) {
            sb.append(String.format("%3d  %-" + w + "s  yes -> %-9s  no -> %s\n", i, tests[i], target(yes[i]),
                    target(no[i])));
        }
        return sb.toString();
    }

    private static String target(int successor) {
        if (successor >= 0) {
            return Integer.toString(successor);
        }
        int out = result(successor);
        return out == ProgramCompiler.DROP ? "drop" : "output " + out;
    }
}

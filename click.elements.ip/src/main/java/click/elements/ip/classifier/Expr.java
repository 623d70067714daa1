package click.elements.ip.classifier;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed pattern: a boolean expression whose leaves are {@link FieldTest}s. The factory methods
 * fold constants, so {@code and(TRUE, x)} is {@code x} and {@code not(not(x))} is {@code x}.
 */
public sealed interface Expr {
    Expr TRUE = new Const(true);
    Expr FALSE = new Const(false);

    /** Matches every packet ({@code true}) or none ({@code false}). */
    record Const(boolean value) implements Expr {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /** One field test. */
    record Leaf(FieldTest test) implements Expr {
        @Override
        public String toString() {
            return test.toString();
        }
    }

    record Not(Expr operand) implements Expr {
        @Override
        public String toString() {
            return "!(" + operand + ")";
        }
    }

    /** {@code cond ? then : otherwise}: kept as one node so the condition is laid out once. */
    record Cond(Expr cond, Expr then, Expr otherwise) implements Expr {
        @Override
        public String toString() {
            return "(" + cond + " ? " + then + " : " + otherwise + ")";
        }
    }

    /** True when every operand is (at least two operands). */
    record And(List<Expr> operands) implements Expr {
        @Override
        public String toString() {
            return join(operands, " && ");
        }
    }

    /** True when some operand is (at least two operands). */
    record Or(List<Expr> operands) implements Expr {
        @Override
        public String toString() {
            return join(operands, " || ");
        }
    }

    static Expr leaf(FieldTest t) {
        return new Leaf(t);
    }

    static Expr not(Expr e) {
        if (e instanceof Const c) {
            return c.value() ? FALSE : TRUE;
        }
        if (e instanceof Not n) {
            return n.operand();
        }
        return new Not(e);
    }

    static Expr and(Expr... es) {
        return combine(es, true);
    }

    static Expr or(Expr... es) {
        return combine(es, false);
    }

    /** {@code cond ? then : otherwise}. */
    static Expr ternary(Expr cond, Expr then, Expr otherwise) {
        if (cond instanceof Const c) {
            return c.value() ? then : otherwise;
        }
        return new Cond(cond, then, otherwise);
    }

    private static Expr combine(Expr[] es, boolean isAnd) {
        List<Expr> out = new ArrayList<>();
        for (Expr e : es) {
            if (e instanceof Const c) {
                if (c.value() != isAnd) {
                    return c;          // false in an and, true in an or
                }
                continue;              // true in an and, false in an or: neutral
            }
            if (isAnd && e instanceof And a) {
                out.addAll(a.operands());
            } else if (!isAnd && e instanceof Or o) {
                out.addAll(o.operands());
            } else {
                out.add(e);
            }
        }
        if (out.isEmpty()) {
            return isAnd ? TRUE : FALSE;
        }
        if (out.size() == 1) {
            return out.get(0);
        }
        return isAnd ? new And(List.copyOf(out)) : new Or(List.copyOf(out));
    }

    private static String join(List<Expr> operands, String op) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < operands.size(); i++) {
            sb.append(i == 0 ? "" : op).append(operands.get(i));
        }
        return sb.append(')').toString();
    }
}

package click.elements.ip.classifier;

/**
 * What the outcome of one {@link FieldTest} says about another, for the compiler to skip tests
 * whose outcome is already known on a path. Sound but deliberately incomplete: "unknown" is
 * always a safe answer.
 *
 * <p>Remember that a test is false on a packet too short to hold its bytes. So "A is true" tells
 * us A's bytes are present and A's relation holds, while "A is false" only tells us that the bytes
 * are missing or the relation fails.
 */
final class Implication {
    private Implication() {
    }

    /** The outcome of {@code b} on a path where {@code a} came out {@code outcome}, or null if unknown. */
    static Boolean decide(FieldTest a, boolean outcome, FieldTest b) {
        if (outcome) {
            if (implies(a, b)) {
                return Boolean.TRUE;
            }
            return excludes(a, b) ? Boolean.FALSE : null;
        }
        // b true would make a true, but a is false.
        return implies(b, a) ? Boolean.FALSE : null;
    }

    /** Whether no packet satisfies {@code t}. */
    static boolean unsatisfiable(FieldTest t) {
        return setOf(t.rel(), Integer.toUnsignedLong(t.value()), t.maxValue()).isEmpty();
    }

    /** Whether every packet passing {@code x} passes {@code y}. */
    static boolean implies(FieldTest x, FieldTest y) {
        if (x.base() != y.base() || y.end() > x.end()) {
            return false;   // x says nothing about whether y's bytes are present
        }
        if (y.mask() == 0) {
            return y.rel().holds(0, Integer.toUnsignedLong(y.value()));
        }
        Long known = knownField(x, y);
        if (known != null) {
            return y.rel().holds(known, Integer.toUnsignedLong(y.value()));
        }
        return x.sameField(y) && valueSet(x).within(valueSet(y));
    }

    /** Whether no packet passes both {@code x} and {@code y}. */
    static boolean excludes(FieldTest x, FieldTest y) {
        if (x.base() != y.base()) {
            return false;
        }
        Long known = knownField(x, y);
        if (known != null) {
            return !y.rel().holds(known, Integer.toUnsignedLong(y.value()));
        }
        return x.sameField(y) && valueSet(x).disjoint(valueSet(y));
    }

    /**
     * The value of {@code y}'s field when {@code x}, an equality test, is true and pins down every
     * bit {@code y} reads; null otherwise.
     */
    private static Long knownField(FieldTest x, FieldTest y) {
        if (x.rel() != Relation.EQ || x.base() != y.base()) {
            return null;
        }
        long xMask = x.rawMask();
        long xBits = (Integer.toUnsignedLong(x.value()) << x.shift()) & xMask;
        long yMask = y.rawMask();
        long raw = 0;
        for (int i = 0; i < y.width(); i++) {
            int yByteMask = (int) (yMask >>> (8 * (y.width() - 1 - i))) & 0xFF;
            int at = y.offset() + i - x.offset();
            if (yByteMask == 0) {
                continue;
            }
            if (at < 0 || at >= x.width()) {
                return null;
            }
            int shift = 8 * (x.width() - 1 - at);
            int xByteMask = (int) (xMask >>> shift) & 0xFF;
            if ((yByteMask & ~xByteMask) != 0) {
                return null;
            }
            raw |= (long) ((int) (xBits >>> shift) & yByteMask) << (8 * (y.width() - 1 - i));
        }
        return (raw >>> y.shift()) & y.maxValue();
    }

    private static ValueSet valueSet(FieldTest t) {
        return setOf(t.rel(), Integer.toUnsignedLong(t.value()), t.maxValue());
    }

    /** The field values in [0, max] satisfying {@code REL value}. */
    private static ValueSet setOf(Relation rel, long value, long max) {
        switch (rel) {
            case EQ: return ValueSet.range(value, value, max);
            case NE: return ValueSet.range(0, value - 1, max).union(ValueSet.range(value + 1, max, max));
            case LT: return ValueSet.range(0, value - 1, max);
            case LE: return ValueSet.range(0, value, max);
            case GT: return ValueSet.range(value + 1, max, max);
            default: return ValueSet.range(value, max, max);
        }
    }

    /** At most two disjoint closed intervals of unsigned values. */
    private record ValueSet(long lo1, long hi1, long lo2, long hi2) {
        private static final ValueSet EMPTY = new ValueSet(1, 0, 1, 0);

        static ValueSet range(long lo, long hi, long max) {
            long h = Math.min(hi, max);
            return lo > h || h < 0 ? EMPTY : new ValueSet(lo, h, 1, 0);
        }

        ValueSet union(ValueSet o) {
            return new ValueSet(lo1, hi1, o.lo1, o.hi1);
        }

        boolean isEmpty() {
            return lo1 > hi1 && lo2 > hi2;
        }

        boolean within(ValueSet o) {
            return (lo1 > hi1 || o.covers(lo1, hi1)) && (lo2 > hi2 || o.covers(lo2, hi2));
        }

        private boolean covers(long lo, long hi) {
            return (lo1 <= lo && hi <= hi1) || (lo2 <= lo && hi <= hi2);
        }

        boolean disjoint(ValueSet o) {
            return !overlap(lo1, hi1, o) && !overlap(lo2, hi2, o);
        }

        private static boolean overlap(long lo, long hi, ValueSet o) {
            return lo <= hi && ((o.lo1 <= o.hi1 && lo <= o.hi1 && o.lo1 <= hi)
                    || (o.lo2 <= o.hi2 && lo <= o.hi2 && o.lo2 <= hi));
        }
    }
}

package click.elements.ip.classifier;

/** How a header field is compared with a value; comparisons are unsigned. */
public enum Relation {
    EQ("=="), NE("!="), LT("<"), GT(">"), LE("<="), GE(">=");

    private final String symbol;

    Relation(String symbol) {
        this.symbol = symbol;
    }

    /** Whether {@code field REL value} holds; both are unsigned 32-bit quantities held in longs. */
    public boolean holds(long field, long value) {
        switch (this) {
            case EQ: return field == value;
            case NE: return field != value;
            case LT: return field < value;
            case GT: return field > value;
            case LE: return field <= value;
            default: return field >= value;
        }
    }

    /** The relation that holds exactly when this one does not. */
    public Relation complement() {
        switch (this) {
            case EQ: return NE;
            case NE: return EQ;
            case LT: return GE;
            case GT: return LE;
            case LE: return GT;
            default: return LT;
        }
    }

    /**
     * Whether this relation is one of the negative forms ({@code !=}, {@code <}, {@code <=}).
     * Click defines a negative relation on a two-field primitive ({@code src or dst port}) as the
     * negation of the whole positive primitive, so the parser needs to know.
     */
    public boolean negative() {
        return this == NE || this == LT || this == LE;
    }

    /** The relation written as {@code token} ({@code =} and {@code ==} are both EQ), or null. */
    public static Relation ofToken(String token) {
        switch (token) {
            case "=": case "==": return EQ;
            case "!=": return NE;
            case "<": return LT;
            case ">": return GT;
            case "<=": return LE;
            case ">=": return GE;
            default: return null;
        }
    }

    @Override
    public String toString() {
        return symbol;
    }
}

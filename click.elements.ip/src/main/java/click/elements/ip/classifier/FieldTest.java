package click.elements.ip.classifier;

import click.api.net.IPAddress;

/**
 * One test of a header field: read {@code width} bytes (big-endian) at {@code offset} from the start
 * of the IP header ({@link Base#NETWORK}) or of the transport header ({@link Base#TRANSPORT}),
 * shift right by {@code shift}, AND with {@code mask}, and compare with {@code value}.
 *
 * <p>A test whose bytes lie past the end of the packet is false, whatever its relation: a packet too
 * short to hold a field matches no test of that field (but does match the negation of one).
 *
 * @param mask  unsigned 32-bit mask applied after the shift; 0 makes the test a pure length check
 * @param value unsigned 32-bit value
 */
public record FieldTest(Base base, int offset, int width, int shift, int mask, Relation rel, int value) {
    /** Which header a field offset counts from. */
    public enum Base {
        NETWORK("ip"), TRANSPORT("transp");

        private final String word;

        Base(String word) {
            this.word = word;
        }

        @Override
        public String toString() {
            return word;
        }
    }

    public FieldTest {
        if (width < 1 || width > 4 || offset < 0 || shift < 0 || shift >= 8 * width
                || (Integer.toUnsignedLong(mask) << shift) >>> (8 * width) != 0) {
            throw new IllegalArgumentException("bad field test: " + base + "[" + offset + ":" + width + "] >> "
                    + shift + " & 0x" + Integer.toHexString(mask));
        }
    }

    /** A test that is true exactly when the packet holds the bytes before {@code end} of {@code base}. */
    public static FieldTest available(Base base, int end) {
        return new FieldTest(base, end - 1, 1, 0, 0, Relation.EQ, 0);
    }

    /** Offset just past the last byte read. */
    public int end() {
        return offset + width;
    }

    /** The mask in place within the bytes read (mask shifted left by shift). */
    public long rawMask() {
        return Integer.toUnsignedLong(mask) << shift;
    }

    /** Largest value the masked field can take. */
    public long maxValue() {
        return Integer.toUnsignedLong(mask);
    }

    /** Whether the two tests read the same bits the same way (they may differ in relation and value). */
    public boolean sameField(FieldTest o) {
        return base == o.base && offset == o.offset && width == o.width && shift == o.shift && mask == o.mask;
    }

    /** Whether this test is a pure length check (it reads no bits and always compares true). */
    public boolean isLengthCheck() {
        return mask == 0 && rel.holds(0, Integer.toUnsignedLong(value));
    }

    @Override
    public String toString() {
        if (isLengthCheck()) {
            return "length(" + base + ") >= " + end();
        }
        StringBuilder sb = new StringBuilder().append(base).append('[').append(offset);
        if (width > 1) {
            sb.append(':').append(width);
        }
        sb.append(']');
        if (shift > 0) {
            sb.append(" >> ").append(shift);
        }
        long full = width == 4 ? 0xFFFFFFFFL : (1L << (8 * width)) - 1;
        boolean address = base == Base.NETWORK && (offset == 12 || offset == 16) && width == 4 && shift == 0;
        if (Integer.toUnsignedLong(mask) != full >>> shift) {
            sb.append(" & ").append(address ? IPAddress.toString(mask) : "0x" + Integer.toHexString(mask));
        }
        sb.append(' ').append(rel).append(' ');
        return sb.append(address ? IPAddress.toString(value) : Integer.toUnsignedString(value)).toString();
    }
}

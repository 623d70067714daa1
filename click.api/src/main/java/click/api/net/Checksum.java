package click.api.net;

/**
 * The Internet checksum (RFC 1071) and its incremental update (RFC 1624), as used by IPv4, ICMP,
 * UDP and TCP.
 */
public final class Checksum {
    private Checksum() {
    }

    /** The ones-complement sum of {@code len} bytes at {@code buf[from..]}, not yet folded or inverted. */
    public static long sum(byte[] buf, int from, int len, long initial) {
        long s = initial;
        int i = from;
        int end = from + len - 1;
        while (i < end) {
            s += (buf[i] & 0xFF) << 8 | (buf[i + 1] & 0xFF);
            i += 2;
        }
        if (i == end) {
            s += (buf[i] & 0xFF) << 8;
        }
        return s;
    }

    /** Folds a sum to 16 bits (end-around carry). */
    public static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** The checksum of {@code len} bytes: the inverted folded sum. A region containing a correct checksum gives 0. */
    public static int compute(byte[] buf, int from, int len) {
        return ~fold(sum(buf, from, len, 0)) & 0xFFFF;
    }

    /** The TCP/UDP pseudo-header sum for IPv4. */
    public static long pseudoHeaderSum(int src, int dst, int protocol, int length) {
        return (src >>> 16) + (src & 0xFFFF) + (dst >>> 16) + (dst & 0xFFFF) + protocol + length;
    }

    /**
     * RFC 1624 eqn. 3: the new checksum after a 16-bit field changed from {@code oldWord} to
     * {@code newWord}: HC' = ~(~HC + ~m + m').
     */
    public static int update16(int checksum, int oldWord, int newWord) {
        long s = (~checksum & 0xFFFF) + (~oldWord & 0xFFFF) + (newWord & 0xFFFF);
        return ~fold(s) & 0xFFFF;
    }

    /** RFC 1624 update for a 32-bit field (an address) changed from {@code oldValue} to {@code newValue}. */
    public static int update32(int checksum, int oldValue, int newValue) {
        long s = (~checksum & 0xFFFF)
                + (~(oldValue >>> 16) & 0xFFFF) + (~oldValue & 0xFFFF)
                + (newValue >>> 16 & 0xFFFF) + (newValue & 0xFFFF);
        return ~fold(s) & 0xFFFF;
    }
}

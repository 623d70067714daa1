package click.api.net;

/** IPv4 addresses as 32-bit ints (network order: 192.0.2.1 is 0xC0000201). */
public final class IPAddress {
    private IPAddress() {
    }

    /** Parses dotted-quad text; throws {@link IllegalArgumentException} if it is not one. */
    public static int parse(String s) {
        int v = 0;
        int parts = 0;
        int cur = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                cur = (cur < 0 ? 0 : cur * 10) + (c - '0');
                if (cur > 255) {
                    throw new IllegalArgumentException("not an IPv4 address: " + s);
                }
            } else if (c == '.' && cur >= 0 && parts < 4) {
                v = v << 8 | cur;
                parts++;
                cur = -1;
            } else {
                throw new IllegalArgumentException("not an IPv4 address: " + s);
            }
        }
        if (parts != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + s);
        }
        return v;
    }

    public static String toString(int a) {
        return (a >>> 24) + "." + (a >>> 16 & 0xFF) + "." + (a >>> 8 & 0xFF) + "." + (a & 0xFF);
    }

    /** The netmask of a prefix length: 24 gives 255.255.255.0. */
    public static int maskOf(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    /** The prefix length of a contiguous mask, or -1 if the mask has holes. */
    public static int prefixLengthOf(int mask) {
        int len = Integer.bitCount(mask);
        return maskOf(len) == mask ? len : -1;
    }
}

package click.api.net;

/** Ethernet addresses as 48-bit longs (00:11:22:33:44:55 is 0x001122334455). */
public final class EtherAddress {
    public static final long BROADCAST = 0xFFFF_FFFF_FFFFL;

    private EtherAddress() {
    }

    /** Parses six hex bytes separated by {@code :} or {@code -}. */
    public static long parse(String s) {
        String[] parts = s.trim().split("[:-]");
        if (parts.length != 6) {
            throw new IllegalArgumentException("not an Ethernet address: " + s);
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 2) {
                throw new IllegalArgumentException("not an Ethernet address: " + s);
            }
            v = v << 8 | Integer.parseInt(p, 16);
        }
        return v;
    }

    public static String toString(long a) {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            int b = (int) (a >>> (8 * i)) & 0xFF;
            sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
            if (i > 0) {
                sb.append(':');
            }
        }
        return sb.toString().toUpperCase(java.util.Locale.ROOT);
    }

    /** Reads six bytes at {@code buf[at..]}. */
    public static long read(byte[] buf, int at) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = v << 8 | (buf[at + i] & 0xFF);
        }
        return v;
    }

    /** Writes six bytes at {@code buf[at..]}. */
    public static void write(byte[] buf, int at, long a) {
        for (int i = 5; i >= 0; i--) {
            buf[at + 5 - i] = (byte) (a >>> (8 * i));
        }
    }

    public static boolean isGroup(long a) {
        return (a >>> 40 & 1) != 0;
    }
}

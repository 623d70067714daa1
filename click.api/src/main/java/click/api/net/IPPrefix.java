package click.api.net;

/** An IPv4 address with a netmask; {@code addr} keeps the host bits as written. */
public record IPPrefix(int addr, int mask) {
    /** Parses {@code A/LEN}, {@code A/MASK}, {@code A MASK}, or a bare address (a /32). */
    public static IPPrefix parse(String s) {
        s = s.trim();
        int cut = s.indexOf('/');
        if (cut < 0) {
            cut = s.indexOf(' ');
        }
        if (cut < 0) {
            return new IPPrefix(IPAddress.parse(s), -1);
        }
        int a = IPAddress.parse(s.substring(0, cut).trim());
        String m = s.substring(cut + 1).trim();
        int mask;
        if (m.indexOf('.') >= 0) {
            mask = IPAddress.parse(m);
        } else {
            int len;
            try {
                len = Integer.parseInt(m);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length: " + m);
            }
            if (len < 0 || len > 32) {
                throw new IllegalArgumentException("bad prefix length: " + m);
            }
            mask = IPAddress.maskOf(len);
        }
        return new IPPrefix(a, mask);
    }

    /** The network address (host bits cleared). */
    public int network() {
        return addr & mask;
    }

    /** Prefix length, or -1 for a non-contiguous mask. */
    public int length() {
        return IPAddress.prefixLengthOf(mask);
    }

    public boolean contains(int a) {
        return (a & mask) == (addr & mask);
    }

    @Override
    public String toString() {
        int len = length();
        return IPAddress.toString(addr) + "/" + (len >= 0 ? Integer.toString(len) : IPAddress.toString(mask));
    }
}

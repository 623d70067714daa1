package click.elements.nat;

import click.api.net.IPAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A rewriting pattern, {@code SADDR SPORT DADDR DPORT} (address and port translation) or
 * {@code SADDR DADDR} (address translation only). A dash keeps the packet's field. One field may
 * vary: the source port as a range {@code L-H} (NAPT), or the source address as a range
 * {@code A-B} or prefix {@code A/LEN} (Basic NAT). A variation may end in {@code #} (allocate
 * sequentially) or {@code ?} (random, without first trying the packet's own value).
 *
 * <p>Allocation picks a value whose reply flow is not in the table yet, so no two live mappings
 * can receive the same reply packets. By default it first tries the packet's own source port (or
 * address) if that lies in the range, then a random starting point, then every value in turn.
 *
 * <p>Thread ownership: immutable after parsing, except the sequential cursor, which only the
 * table's creation lock holder touches.
 */
final class RewritePattern {
    private final int saddr;
    private final int sport;
    private final int daddr;
    private final int dport;
    /** Values the varying field can take, minus one; 0 when nothing varies. */
    private final int variationTop;
    /** True for the four-field (ports) form: the source port varies; else the source address. */
    private final boolean napt;
    private final boolean sequential;
    private final boolean preferOriginal;
    private int nextVariation;

    private RewritePattern(int saddr, int sport, int daddr, int dport, int variationTop, boolean napt,
                    boolean sequential, boolean preferOriginal) {
        this.saddr = saddr;
        this.sport = sport;
        this.daddr = daddr;
        this.dport = dport;
        this.variationTop = variationTop;
        this.napt = napt;
        this.sequential = sequential;
        this.preferOriginal = preferOriginal;
    }

    boolean hasPorts() {
        return napt;
    }

    boolean setsDestinationPort() {
        return dport != 0;
    }

    boolean setsDestinationAddress() {
        return daddr != 0;
    }

    /**
     * Parses the pattern words (without the output ports): four words for the ports form, two for
     * the address-only form. Throws {@link IllegalArgumentException} with a message for the user.
     */
    static RewritePattern parse(String[] w) {
        if (w.length != 4 && w.length != 2) {
            throw new IllegalArgumentException("expected 'SADDR SPORT DADDR DPORT' or 'SADDR DADDR', got \""
                    + String.join(" ", w) + "\"");
        }
        boolean napt = w.length == 4;
        String sa = w[0];
        String sp = napt ? w[1] : "-";
        String da = napt ? w[2] : w[1];
        String dp = napt ? w[3] : "-";
        boolean sequential = false;
        boolean preferOriginal = true;
        String varying = napt ? sp : sa;
        if (varying.endsWith("#")) {
            sequential = true;
            preferOriginal = false;
            varying = varying.substring(0, varying.length() - 1);
        } else if (varying.endsWith("?")) {
            preferOriginal = false;
            varying = varying.substring(0, varying.length() - 1);
        }
        int saddr;
        int sport;
        int top;
        if (napt) {
            saddr = address(sa, "source address");
            int[] range = portRange(varying);
            sport = range[0];
            top = range[1] - range[0];
        } else {
            int[] range = addressRange(varying);
            saddr = range[0];
            top = range[1] - range[0];
            sport = 0;
        }
        int daddr = address(da, "destination address");
        int dport = dp.equals("-") ? 0 : port(dp, "destination port");
        return new RewritePattern(saddr, sport, daddr, dport, top, napt, sequential, preferOriginal);
    }

    private static int address(String s, String what) {
        if (s.equals("-")) {
            return 0;
        }
        try {
            return IPAddress.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad " + what + " \"" + s + "\" (expected an IPv4 address or '-')");
        }
    }

    private static int port(String s, String what) {
        try {
            int v = Integer.parseInt(s);
            if (v >= 1 && v <= 65535) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("bad " + what + " \"" + s + "\" (expected 1-65535 or '-')");
    }

    /** {@code -}, {@code P} or {@code L-H} as {low, high}; {0, 0} for a dash. */
    private static int[] portRange(String s) {
        if (s.equals("-")) {
            return new int[] {0, 0};
        }
        int dash = s.indexOf('-');
        if (dash < 0) {
            int p = port(s, "source port");
            return new int[] {p, p};
        }
        int lo = port(s.substring(0, dash), "source port range start");
        int hi = port(s.substring(dash + 1), "source port range end");
        if (hi < lo) {
            throw new IllegalArgumentException("bad source port range \"" + s + "\" (end below start)");
        }
        return new int[] {lo, hi};
    }

    /** {@code -}, {@code A}, {@code A-B} or {@code A/LEN} as {low, high} (unsigned order). */
    private static int[] addressRange(String s) {
        if (s.equals("-")) {
            return new int[] {0, 0};
        }
        int slash = s.indexOf('/');
        if (slash >= 0) {
            int base = address(s.substring(0, slash), "source address");
            int len;
            try {
                len = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                len = -1;
            }
            if (len < 1 || len > 32) {
                throw new IllegalArgumentException("bad source prefix \"" + s + "\" (expected ADDR/1-32)");
            }
            int mask = IPAddress.maskOf(len);
            int net = base & mask;
            if (len >= 31) {
                return new int[] {len == 32 ? base : net, net | ~mask};
            }
            return new int[] {net + 1, (net | ~mask) - 1}; // skip the network and broadcast addresses
        }
        int dash = s.indexOf('-');
        if (dash < 0) {
            int a = address(s, "source address");
            return new int[] {a, a};
        }
        int lo = address(s.substring(0, dash), "source address range start");
        int hi = address(s.substring(dash + 1), "source address range end");
        if (Integer.compareUnsigned(hi, lo) < 0) {
            throw new IllegalArgumentException("bad source address range \"" + s + "\" (end below start)");
        }
        return new int[] {lo, hi};
    }

    /**
     * The rewritten flow for {@code original}, with a varying field chosen so that its reply key is
     * not in {@code table}; null if every value is taken. Call with the table's creation lock held.
     */
    FlowKey rewrite(FlowKey original, FlowTable table) {
        FlowKey out = original.copy();
        if (saddr != 0) out.saddr = saddr;
        if (sport != 0) out.sport = sport;
        if (daddr != 0) out.daddr = daddr;
        if (dport != 0) out.dport = dport;
        if (variationTop == 0) {
            return table.replyTaken(out) ? null : out;
        }
        int base = napt ? sport : saddr;
        int own = napt ? original.sport : original.saddr;
        if (preferOriginal && Integer.compareUnsigned(own - base, variationTop) <= 0 && tryValue(out, own, table)) {
            return out;
        }
        int v;
        if (sequential) {
            v = Integer.compareUnsigned(nextVariation, variationTop) > 0 ? 0 : nextVariation;
        } else {
            v = (int) ThreadLocalRandom.current().nextLong((variationTop & 0xFFFFFFFFL) + 1);
        }
        for (long tried = 0; tried <= (variationTop & 0xFFFFFFFFL); tried++) {
            if (tryValue(out, base + v, table)) {
                nextVariation = v + 1;
                return out;
            }
            v = v == variationTop ? 0 : v + 1;
        }
        return null;
    }

    private boolean tryValue(FlowKey out, int value, FlowTable table) {
        if (napt) {
            out.sport = value;
        } else {
            out.saddr = value;
        }
        return !table.replyTaken(out);
    }

    /** The pattern as written, for the {@code patterns} handler. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (!napt && variationTop != 0) {
            sb.append(IPAddress.toString(saddr)).append('-').append(IPAddress.toString(saddr + variationTop));
        } else {
            sb.append(saddr == 0 ? "-" : IPAddress.toString(saddr));
        }
        if (napt) {
            sb.append(' ').append(sport == 0 ? "-" : variationTop == 0 ? Integer.toString(sport)
                    : sport + "-" + (sport + variationTop));
        }
        if (variationTop != 0 && sequential) {
            sb.append('#');
        } else if (variationTop != 0 && !preferOriginal) {
            sb.append('?');
        }
        sb.append(' ').append(daddr == 0 ? "-" : IPAddress.toString(daddr));
        if (napt) {
            sb.append(' ').append(dport == 0 ? "-" : Integer.toString(dport));
        }
        return sb.toString();
    }
}

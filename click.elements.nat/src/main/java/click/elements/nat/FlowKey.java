package click.elements.nat;

/**
 * A flow identifier as a mapping-table key: protocol, source address and port, destination
 * address and port. Keys stored in a table are never changed; a thread looks a packet up with its
 * own mutable {@linkplain #probe() probe key}, so a lookup allocates nothing.
 *
 * <p>The protocol is the IP protocol number, or one of the pseudo-protocols below for tables that
 * are not keyed by TCP/UDP ports: ICMP echo requests and replies use different pseudo-protocols so
 * that a request and a reply between the same hosts with the same identifier never share a key, and
 * {@link #reverseProtocol} maps one onto the other.
 *
 * <p>Thread ownership: a stored key is immutable after it is published into a table. A probe key
 * belongs to one thread and is only valid until that thread's next lookup.
 */
final class FlowKey implements Comparable<FlowKey> {
    /** Pseudo-protocol of an ICMP echo request (identifier in the source port). */
    static final int ICMP_ECHO = 0x101;
    /** Pseudo-protocol of an ICMP echo reply (identifier in the destination port). */
    static final int ICMP_ECHO_REPLY = 0x102;
    /** Pseudo-protocol of an address-only (Basic NAT) mapping. */
    static final int ADDRESS = 0x200;

    private static final ThreadLocal<FlowKey> PROBE = ThreadLocal.withInitial(FlowKey::new);

    int protocol;
    int saddr;
    int sport;
    int daddr;
    int dport;

    FlowKey() {
    }

    FlowKey(int protocol, int saddr, int sport, int daddr, int dport) {
        set(protocol, saddr, sport, daddr, dport);
    }

    /**
     * The calling thread's probe key. Never keep it across a call that may look up another table
     * (an output push): the next lookup on this thread overwrites it.
     */
    static FlowKey probe() {
        return PROBE.get();
    }

    FlowKey set(int protocol, int saddr, int sport, int daddr, int dport) {
        this.protocol = protocol;
        this.saddr = saddr;
        this.sport = sport;
        this.daddr = daddr;
        this.dport = dport;
        return this;
    }

    /** Makes this the key of the flow coming back: addresses and ports swapped. */
    FlowKey setReverse(int protocol, int saddr, int sport, int daddr, int dport) {
        return set(reverseProtocol(protocol), daddr, dport, saddr, sport);
    }

    /** An immutable copy to store in a table. */
    FlowKey copy() {
        return new FlowKey(protocol, saddr, sport, daddr, dport);
    }

    /** The protocol of the reverse flow: echo requests are answered by echo replies. */
    static int reverseProtocol(int protocol) {
        return switch (protocol) {
            case ICMP_ECHO -> ICMP_ECHO_REPLY;
            case ICMP_ECHO_REPLY -> ICMP_ECHO;
            default -> protocol;
        };
    }

    @Override
    public int hashCode() {
        // one multiply-xorshift round over the packed 5-tuple spreads nearby addresses and ports
        long h = ((long) saddr << 32 | (daddr & 0xFFFFFFFFL)) * 0x9E3779B97F4A7C15L;
        h ^= ((long) protocol << 32 | (long) sport << 16 | dport) * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
        return (int) (h ^ h >>> 32);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowKey k && k.saddr == saddr && k.daddr == daddr && k.sport == sport
                && k.dport == dport && k.protocol == protocol;
    }

    /** A total order, so that ConcurrentHashMap's tree bins stay balanced under hash collisions. */
    @Override
    public int compareTo(FlowKey k) {
        int c = Integer.compare(saddr, k.saddr);
        if (c == 0) c = Integer.compare(daddr, k.daddr);
        if (c == 0) c = Integer.compare(sport, k.sport);
        if (c == 0) c = Integer.compare(dport, k.dport);
        if (c == 0) c = Integer.compare(protocol, k.protocol);
        return c;
    }

    static String protocolName(int protocol) {
        return switch (protocol) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case ICMP_ECHO -> "icmp-echo";
            case ICMP_ECHO_REPLY -> "icmp-reply";
            case ADDRESS -> "ip";
            default -> "proto" + protocol;
        };
    }

    @Override
    public String toString() {
        return protocolName(protocol) + " " + Mapping.tuple(saddr, sport, daddr, dport);
    }
}

package click.api.net;

import click.api.Packet;

/**
 * IPv4 header helpers on a {@link Packet}, shared by the IP, NAT and IPsec bundles. Offsets
 * ({@code ip}) are data offsets of the IP header, as {@link #headerOffset} returns; field offsets
 * come from {@link Headers}. Nothing here allocates.
 */
public final class IPv4 {
    private IPv4() {
    }

    /**
     * Where the IP header starts: the network header annotation (set by CheckIPHeader or
     * MarkIPHeader) if there is one, else the start of the data.
     */
    public static int headerOffset(Packet p) {
        return p.hasNetworkHeader() ? p.networkHeaderOffset() : 0;
    }

    /**
     * Whether the data holds a whole IPv4 header at {@code ip}: 20 bytes at least, and as many as
     * its header length field says. Elements that read headers without CheckIPHeader before them
     * test this first, so a runt is dropped rather than read past its end.
     */
    public static boolean hasHeader(Packet p, int ip) {
        if (ip < 0 || p.length() < ip + Headers.IP_MIN_LEN) {
            return false;
        }
        int hlen = headerLength(p, ip);
        return hlen >= Headers.IP_MIN_LEN && p.length() >= ip + hlen;
    }

    /** Header length in bytes, from the IHL field. */
    public static int headerLength(Packet p, int ip) {
        return (p.u8(ip + Headers.IP_VHL) & 0xF) << 2;
    }

    /** The total length field. */
    public static int totalLength(Packet p, int ip) {
        return p.u16(ip + Headers.IP_LEN);
    }

    /** The fragment offset in bytes (the field's 13 bits times 8). */
    public static int fragmentOffset(Packet p, int ip) {
        return (p.u16(ip + Headers.IP_OFF) & Headers.IP_OFFMASK) << 3;
    }

    /** Whether the packet is a fragment (more fragments follow, or a non-zero offset). */
    public static boolean isFragment(Packet p, int ip) {
        return (p.u16(ip + Headers.IP_OFF) & (Headers.IP_MF | Headers.IP_OFFMASK)) != 0;
    }

    /** Recomputes and stores the header checksum. */
    public static void setHeaderChecksum(Packet p, int ip) {
        p.setU16(ip + Headers.IP_SUM, 0);
        p.setU16(ip + Headers.IP_SUM, Checksum.compute(p.buffer(), p.offset() + ip, headerLength(p, ip)));
    }

    /** Whether the stored header checksum is right. */
    public static boolean headerChecksumValid(Packet p, int ip) {
        return Checksum.compute(p.buffer(), p.offset() + ip, headerLength(p, ip)) == 0;
    }

    /**
     * Recomputes and stores the TCP, UDP or ICMP checksum of an unfragmented packet whose data
     * holds the whole datagram. A UDP checksum computing to 0 is sent as 0xFFFF (RFC 768).
     * Returns false, changing nothing, for other protocols or a truncated packet.
     */
    public static boolean setTransportChecksum(Packet p, int ip) {
        int at = transportChecksumOffset(p, ip);
        if (at < 0) {
            return false;
        }
        p.setU16(at, 0);
        int sum = transportChecksum(p, ip);
        if (sum == 0 && p.u8(ip + Headers.IP_PROTO) == Headers.IP_PROTO_UDP) {
            sum = 0xFFFF;
        }
        p.setU16(at, sum);
        return true;
    }

    /**
     * The checksum over the transport segment (with the pseudo-header for TCP and UDP), including
     * whatever checksum field it holds: 0 when that field is right. -1 for other protocols or a
     * truncated packet.
     */
    public static int transportChecksum(Packet p, int ip) {
        if (transportChecksumOffset(p, ip) < 0) {
            return -1;
        }
        int hlen = headerLength(p, ip);
        int len = totalLength(p, ip) - hlen;
        int proto = p.u8(ip + Headers.IP_PROTO);
        long initial = proto == Headers.IP_PROTO_ICMP ? 0
                : Checksum.pseudoHeaderSum(p.i32(ip + Headers.IP_SRC), p.i32(ip + Headers.IP_DST), proto, len);
        return ~Checksum.fold(Checksum.sum(p.buffer(), p.offset() + ip + hlen, len, initial)) & 0xFFFF;
    }

    /** Data offset of the transport checksum field, or -1 if there is none to compute. */
    private static int transportChecksumOffset(Packet p, int ip) {
        int hlen = headerLength(p, ip);
        int total = totalLength(p, ip);
        if (isFragment(p, ip) || total < hlen || ip + total > p.length()) {
            return -1;
        }
        int t = ip + hlen;
        int len = total - hlen;
        return switch (p.u8(ip + Headers.IP_PROTO)) {
            case Headers.IP_PROTO_TCP -> len >= Headers.TCP_MIN_LEN ? t + Headers.TCP_SUM : -1;
            case Headers.IP_PROTO_UDP -> len >= Headers.UDP_LEN ? t + Headers.UDP_SUM : -1;
            case Headers.IP_PROTO_ICMP -> len >= Headers.ICMP_LEN ? t + Headers.ICMP_SUM : -1;
            default -> -1;
        };
    }

    /**
     * Writes {@code addr} into the source or destination field ({@link Headers#IP_SRC} or
     * {@link Headers#IP_DST}) and updates the header checksum and, in an unfragmented or first
     * fragment, the TCP or UDP checksum (whose pseudo-header holds the address) incrementally
     * (RFC 1624). A UDP checksum of 0 (none) stays 0.
     */
    public static void setAddress(Packet p, int ip, int field, int addr) {
        int old = p.i32(ip + field);
        p.setI32(ip + field, addr);
        p.setU16(ip + Headers.IP_SUM, Checksum.update32(p.u16(ip + Headers.IP_SUM), old, addr));
        if ((p.u16(ip + Headers.IP_OFF) & Headers.IP_OFFMASK) != 0) {
            return;
        }
        int t = ip + headerLength(p, ip);
        int proto = p.u8(ip + Headers.IP_PROTO);
        int sumAt;
        if (proto == Headers.IP_PROTO_TCP && t + Headers.TCP_MIN_LEN <= p.length()) {
            sumAt = t + Headers.TCP_SUM;
        } else if (proto == Headers.IP_PROTO_UDP && t + Headers.UDP_LEN <= p.length() && p.u16(t + Headers.UDP_SUM) != 0) {
            sumAt = t + Headers.UDP_SUM;
        } else {
            return;
        }
        int sum = Checksum.update32(p.u16(sumAt), old, addr);
        p.setU16(sumAt, proto == Headers.IP_PROTO_UDP && sum == 0 ? 0xFFFF : sum);
    }

    /** Class D, 224.0.0.0/4. */
    public static boolean isMulticast(int addr) {
        return (addr & 0xF0000000) == 0xE0000000;
    }

    /** Class E, 240.0.0.0/4, which includes the limited broadcast 255.255.255.255. */
    public static boolean isExperimental(int addr) {
        return (addr & 0xF0000000) == 0xF0000000;
    }
}

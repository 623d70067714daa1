package click.testing;

import click.api.Packet;
import click.api.net.EtherAddress;
import click.api.net.Headers;
import click.api.net.IPAddress;
import click.api.net.IPv4;

/**
 * Builds IPv4 test packets (UDP, TCP, ICMP or any protocol), optionally behind an Ethernet header,
 * with correct lengths and checksums unless told otherwise.
 * <pre>{@code
 *   Packet p = PacketBuilder.udp().src("192.0.2.1").dst("198.51.100.7").ttl(1).payload(32).build();
 *   Packet f = PacketBuilder.icmp(8, 0).dst("192.0.2.9").ether("02:00:00:00:00:01", "02:00:00:00:00:02").build();
 * }</pre>
 * Payload bytes default to a counting pattern (0, 1, 2, ...), so corruption is visible.
 */
public final class PacketBuilder {
    private final int protocol;
    private int src = IPAddress.parse("192.0.2.1");
    private int dst = IPAddress.parse("198.51.100.2");
    private int ttl = 64;
    private int tos;
    private int id = 1;
    private int flagsAndOffset;
    private byte[] options = new byte[0];
    private byte[] payload = pattern(18);
    private int sport = 1234;
    private int dport = 80;
    private int icmpType;
    private int icmpCode;
    private int icmpRest;
    private boolean badChecksum;
    private int version = 4;
    private boolean ether;
    private long etherSrc;
    private long etherDst;

    private PacketBuilder(int protocol) {
        this.protocol = protocol;
    }

    public static PacketBuilder udp() {
        return new PacketBuilder(Headers.IP_PROTO_UDP);
    }

    public static PacketBuilder tcp() {
        return new PacketBuilder(Headers.IP_PROTO_TCP);
    }

    public static PacketBuilder icmp(int type, int code) {
        PacketBuilder b = new PacketBuilder(Headers.IP_PROTO_ICMP);
        b.icmpType = type;
        b.icmpCode = code;
        return b;
    }

    /** An IP packet of any protocol; the payload follows the IP header directly. */
    public static PacketBuilder ip(int protocol) {
        return new PacketBuilder(protocol);
    }

    public PacketBuilder src(String a) {
        src = IPAddress.parse(a);
        return this;
    }

    public PacketBuilder dst(String a) {
        dst = IPAddress.parse(a);
        return this;
    }

    public PacketBuilder ttl(int v) {
        ttl = v;
        return this;
    }

    public PacketBuilder tos(int v) {
        tos = v;
        return this;
    }

    public PacketBuilder id(int v) {
        id = v;
        return this;
    }

    /** Sets the don't-fragment bit. */
    public PacketBuilder df() {
        flagsAndOffset |= Headers.IP_DF;
        return this;
    }

    /** Makes the packet a fragment: byte offset (a multiple of 8) and the more-fragments bit. */
    public PacketBuilder fragment(int byteOffset, boolean more) {
        flagsAndOffset = (flagsAndOffset & Headers.IP_DF) | (byteOffset >> 3) | (more ? Headers.IP_MF : 0);
        return this;
    }

    /** IP options, padded with end-of-list bytes to a multiple of 4. */
    public PacketBuilder options(int... bytes) {
        byte[] o = new byte[(bytes.length + 3) & ~3];
        for (int i = 0; i < bytes.length; i++) {
            o[i] = (byte) bytes[i];
        }
        options = o;
        return this;
    }

    public PacketBuilder payload(byte[] data) {
        payload = data.clone();
        return this;
    }

    /** A payload of {@code n} pattern bytes. */
    public PacketBuilder payload(int n) {
        payload = pattern(n);
        return this;
    }

    public PacketBuilder ports(int source, int destination) {
        sport = source;
        dport = destination;
        return this;
    }

    /** The ICMP header's second word (identifier and sequence, or gateway, or MTU). */
    public PacketBuilder icmpRest(int v) {
        icmpRest = v;
        return this;
    }

    public PacketBuilder version(int v) {
        version = v;
        return this;
    }

    /** Stores a wrong IP header checksum. */
    public PacketBuilder badChecksum() {
        badChecksum = true;
        return this;
    }

    /** Puts an Ethernet header (type IP) in front. */
    public PacketBuilder ether(String source, String destination) {
        ether = true;
        etherSrc = EtherAddress.parse(source);
        etherDst = EtherAddress.parse(destination);
        return this;
    }

    /** The packet's bytes. */
    public byte[] bytes() {
        Packet p = build();
        byte[] b = p.toByteArray();
        p.kill();
        return b;
    }

    /** A new packet from the current thread's pool; annotations unset. */
    public Packet build() {
        int hlen = Headers.IP_MIN_LEN + options.length;
        int thlen = switch (protocol) {
            case Headers.IP_PROTO_UDP -> Headers.UDP_LEN;
            case Headers.IP_PROTO_TCP -> Headers.TCP_MIN_LEN;
            case Headers.IP_PROTO_ICMP -> Headers.ICMP_LEN;
            default -> 0;
        };
        int ipLen = hlen + thlen + payload.length;
        int e = ether ? Headers.ETHER_LEN : 0;
        Packet p = Packet.make(e + ipLen);
        if (ether) {
            EtherAddress.write(p.buffer(), p.offset() + Headers.ETHER_DST, etherDst);
            EtherAddress.write(p.buffer(), p.offset() + Headers.ETHER_SRC, etherSrc);
            p.setU16(Headers.ETHER_TYPE, Headers.ETHERTYPE_IP);
        }
        int ip = e;
        p.setU8(ip + Headers.IP_VHL, version << 4 | hlen >> 2);
        p.setU8(ip + Headers.IP_TOS, tos);
        p.setU16(ip + Headers.IP_LEN, ipLen);
        p.setU16(ip + Headers.IP_ID, id);
        p.setU16(ip + Headers.IP_OFF, flagsAndOffset);
        p.setU8(ip + Headers.IP_TTL, ttl);
        p.setU8(ip + Headers.IP_PROTO, protocol);
        p.setI32(ip + Headers.IP_SRC, src);
        p.setI32(ip + Headers.IP_DST, dst);
        p.setBytes(ip + Headers.IP_MIN_LEN, options, 0, options.length);
        int t = ip + hlen;
        switch (protocol) {
            case Headers.IP_PROTO_UDP -> {
                p.setU16(t + Headers.UDP_SPORT, sport);
                p.setU16(t + Headers.UDP_DPORT, dport);
                p.setU16(t + Headers.UDP_LENGTH, thlen + payload.length);
            }
            case Headers.IP_PROTO_TCP -> {
                p.setU16(t + Headers.TCP_SPORT, sport);
                p.setU16(t + Headers.TCP_DPORT, dport);
                p.setU8(t + Headers.TCP_OFF, 5 << 4);
                p.setU8(t + Headers.TCP_FLAGS, Headers.TH_ACK);
                p.setU16(t + Headers.TCP_WIN, 8192);
            }
            case Headers.IP_PROTO_ICMP -> {
                p.setU8(t + Headers.ICMP_TYPE, icmpType);
                p.setU8(t + Headers.ICMP_CODE, icmpCode);
                p.setI32(t + Headers.ICMP_ID, icmpRest);
            }
            default -> { }
        }
        p.setBytes(t + thlen, payload, 0, payload.length);
        if (version == 4) {
            IPv4.setHeaderChecksum(p, ip);
            IPv4.setTransportChecksum(p, ip);
        }
        if (badChecksum) {
            p.setU16(ip + Headers.IP_SUM, p.u16(ip + Headers.IP_SUM) ^ 0x5555);
        }
        return p;
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }
}

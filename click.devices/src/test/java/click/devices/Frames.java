package click.devices;

import click.api.Packet;
import click.api.net.Checksum;
import java.nio.charset.StandardCharsets;

/** Ethernet frames for the device tests. */
final class Frames {
    private Frames() {
    }

    /** An Ethernet/IPv4/UDP frame carrying {@code text}, with a correct IP header checksum (UDP checksum 0: none). */
    static Packet udp(long dstMac, long srcMac, int srcIp, int dstIp, int sport, int dport, String text) {
        byte[] data = text.getBytes(StandardCharsets.US_ASCII);
        int ipLen = 20 + 8 + data.length;
        Packet p = Packet.make(14 + ipLen);
        setMac(p, 0, dstMac);
        setMac(p, 6, srcMac);
        p.setU16(12, 0x0800);
        ipHeader(p, 14, ipLen, 17, srcIp, dstIp);
        p.setU16(34, sport);
        p.setU16(36, dport);
        p.setU16(38, 8 + data.length);
        p.setU16(40, 0);
        p.setBytes(42, data, 0, data.length);
        return p;
    }

    static void setMac(Packet p, int at, long mac) {
        for (int i = 0; i < 6; i++) {
            p.setU8(at + i, (int) (mac >>> (40 - 8 * i)));
        }
    }

    static int ip(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }

    /** An IPv4 ICMP echo request (no link header) from {@code src} to {@code dst}. */
    static Packet echoRequest(int src, int dst, int id, int seq) {
        Packet p = Packet.make(20 + 8 + 16);
        ipHeader(p, 0, 20 + 8 + 16, 1, src, dst);
        p.setU8(20, 8);
        p.setU8(21, 0);
        p.setU16(22, 0);
        p.setU16(24, id);
        p.setU16(26, seq);
        for (int i = 0; i < 16; i++) {
            p.setU8(28 + i, i);
        }
        p.setU16(22, Checksum.compute(p.buffer(), p.offset() + 20, 24));
        return p;
    }

    /** {@code p} with an Ethernet header in front (type IPv4). */
    static Packet ether(Packet p, long dstMac, long srcMac) {
        p.push(14);
        setMac(p, 0, dstMac);
        setMac(p, 6, srcMac);
        p.setU16(12, 0x0800);
        return p;
    }

    /** An ARP reply frame: {@code mac} has {@code ip}, told to {@code toMac}/{@code toIp}. */
    static Packet arpReply(long mac, int ip, long toMac, int toIp) {
        Packet p = Packet.make(42);
        setMac(p, 0, toMac);
        setMac(p, 6, mac);
        p.setU16(12, 0x0806);
        p.setU16(14, 1);
        p.setU16(16, 0x0800);
        p.setU8(18, 6);
        p.setU8(19, 4);
        p.setU16(20, 2);
        setMac(p, 22, mac);
        p.setI32(28, ip);
        setMac(p, 32, toMac);
        p.setI32(38, toIp);
        return p;
    }

    /** Writes a 20-byte IPv4 header at {@code at} with a correct checksum. */
    static void ipHeader(Packet p, int at, int totalLength, int protocol, int src, int dst) {
        p.setU8(at, 0x45);
        p.setU8(at + 1, 0);
        p.setU16(at + 2, totalLength);
        p.setU16(at + 4, 1);
        p.setU16(at + 6, 0);
        p.setU8(at + 8, 64);
        p.setU8(at + 9, protocol);
        p.setU16(at + 10, 0);
        p.setI32(at + 12, src);
        p.setI32(at + 16, dst);
        p.setU16(at + 10, Checksum.compute(p.buffer(), p.offset() + at, 20));
    }
}

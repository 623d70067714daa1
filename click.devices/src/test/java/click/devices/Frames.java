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
        p.setU8(14, 0x45);
        p.setU8(15, 0);
        p.setU16(16, ipLen);
        p.setU16(18, 1);
        p.setU16(20, 0);
        p.setU8(22, 64);
        p.setU8(23, 17);
        p.setU16(24, 0);
        p.setI32(26, srcIp);
        p.setI32(30, dstIp);
        p.setU16(24, Checksum.compute(p.buffer(), p.offset() + 14, 20));
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
}

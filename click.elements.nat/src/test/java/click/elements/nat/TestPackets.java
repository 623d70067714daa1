package click.elements.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import click.api.Packet;
import click.api.net.Checksum;
import click.api.net.IPAddress;

/**
 * Builds IPv4 test packets with correct checksums and checks checksums by full recomputation.
 * Packets start at the IP header, which is marked as CheckIPHeader would.
 */
final class TestPackets {
    static final int TCP = 6, UDP = 17, ICMP = 1;
    static final int FIN = 0x01, SYN = 0x02, RST = 0x04, ACK = 0x10;

    private TestPackets() {
    }

    static Packet udp(String src, int sport, String dst, int dport, int payload) {
        return mark(udpBytes(src, sport, dst, dport, payload));
    }

    static byte[] udpBytes(String src, int sport, String dst, int dport, int payload) {
        byte[] b = ip(UDP, src, dst, 8 + payload);
        putU16(b, 20, sport);
        putU16(b, 22, dport);
        putU16(b, 24, 8 + payload);
        for (int i = 0; i < payload; i++) {
            b[28 + i] = (byte) (i * 7 + 1);
        }
        putU16(b, 26, transportChecksum(b, UDP));
        return b;
    }

    /** A UDP packet whose sender did not compute a checksum (field 0). */
    static Packet udpNoChecksum(String src, int sport, String dst, int dport, int payload) {
        byte[] b = udpBytes(src, sport, dst, dport, payload);
        putU16(b, 26, 0);
        return mark(b);
    }

    static Packet tcp(String src, int sport, String dst, int dport, int flags, int payload) {
        byte[] b = ip(TCP, src, dst, 20 + payload);
        putU16(b, 20, sport);
        putU16(b, 22, dport);
        putI32(b, 24, 1000);
        putI32(b, 28, 2000);
        b[32] = 0x50;
        b[33] = (byte) flags;
        putU16(b, 34, 65535);
        for (int i = 0; i < payload; i++) {
            b[40 + i] = (byte) (i + 3);
        }
        putU16(b, 36, transportChecksum(b, TCP));
        return mark(b);
    }

    static Packet icmpEcho(String src, String dst, int type, int ident, int seq) {
        return mark(icmpEchoBytes(src, dst, type, ident, seq));
    }

    static byte[] icmpEchoBytes(String src, String dst, int type, int ident, int seq) {
        byte[] b = ip(ICMP, src, dst, 16);
        b[20] = (byte) type;
        putU16(b, 24, ident);
        putU16(b, 26, seq);
        for (int i = 0; i < 8; i++) {
            b[28 + i] = (byte) (0x40 + i);
        }
        putU16(b, 22, Checksum.compute(b, 20, 16));
        return b;
    }

    /** An ICMP error from {@code src} to {@code dst} quoting {@code quoted} (an IP packet, whole or cut). */
    static Packet icmpError(int type, int code, String src, String dst, byte[] quoted) {
        byte[] b = ip(ICMP, src, dst, 8 + quoted.length);
        b[20] = (byte) type;
        b[21] = (byte) code;
        System.arraycopy(quoted, 0, b, 28, quoted.length);
        putU16(b, 22, Checksum.compute(b, 20, 8 + quoted.length));
        return mark(b);
    }

    private static byte[] ip(int proto, String src, String dst, int transportLength) {
        byte[] b = new byte[20 + transportLength];
        b[0] = 0x45;
        putU16(b, 2, b.length);
        putU16(b, 4, 0x1234);
        b[8] = 64;
        b[9] = (byte) proto;
        putI32(b, 12, IPAddress.parse(src));
        putI32(b, 16, IPAddress.parse(dst));
        putU16(b, 10, Checksum.compute(b, 0, 20));
        return b;
    }

    private static Packet mark(byte[] b) {
        Packet p = Packet.make(b);
        p.setNetworkHeader(0, 20);
        return p;
    }

    /** Marks {@code p} as a non-first fragment (fragment offset 8 bytes), fixing the IP checksum. */
    static Packet laterFragment(Packet p) {
        p.setU16(6, 1);
        p.setU16(10, 0);
        p.setU16(10, Checksum.compute(p.buffer(), p.offset(), 20));
        return p;
    }

    /** The checksum over the TCP or UDP segment of an IP packet at {@code b[0..]} with its pseudo-header. */
    static int transportChecksum(byte[] b, int proto) {
        int len = b.length - 20;
        int sumAt = 20 + (proto == TCP ? 16 : 6);
        byte[] copy = b.clone();
        copy[sumAt] = 0;
        copy[sumAt + 1] = 0;
        long s = Checksum.pseudoHeaderSum(getI32(b, 12), getI32(b, 16), proto, len);
        int c = ~Checksum.fold(Checksum.sum(copy, 20, len, s)) & 0xFFFF;
        return proto == UDP && c == 0 ? 0xFFFF : c;
    }

    /**
     * Recomputes every checksum of {@code p} from scratch and fails if one is wrong: IP header;
     * TCP/UDP with pseudo-header (a UDP checksum of 0 means none); ICMP over the whole message;
     * and, for an ICMP error quoting a complete packet, the quoted packet's checksums too.
     */
    static void assertChecksumsValid(Packet p) {
        assertChecksumsValid(p.toByteArray());
    }

    /** {@link #assertChecksumsValid(Packet)} for a packet's bytes, IP header first. */
    static void assertChecksumsValid(byte[] ipPacket) {
        assertValid(ipPacket, "");
    }

    /** Click's {@code \<hex>} data syntax for {@code bytes}. */
    static String clickData(byte[] bytes) {
        StringBuilder sb = new StringBuilder("\\<");
        for (byte x : bytes) {
            sb.append(String.format("%02x", x & 0xFF));
        }
        return sb.append('>').toString();
    }

    private static void assertValid(byte[] b, String what) {
        int ihl = (b[0] & 0xF) * 4;
        assertEquals(0, Checksum.compute(b, 0, ihl), what + "IP header checksum");
        int proto = b[9] & 0xFF;
        int total = Math.min(getU16(b, 2), b.length);
        int len = total - ihl;
        if (proto == TCP || proto == UDP) {
            if (proto == UDP && getU16(b, ihl + 6) == 0) {
                return;
            }
            long s = Checksum.pseudoHeaderSum(getI32(b, 12), getI32(b, 16), proto, len);
            assertEquals(0, ~Checksum.fold(Checksum.sum(b, ihl, len, s)) & 0xFFFF, what + "transport checksum");
        } else if (proto == ICMP) {
            assertEquals(0, Checksum.compute(b, ihl, len), what + "ICMP checksum");
            int type = b[ihl] & 0xFF;
            if (type != 0 && type != 8 && len >= 8 + 20) {
                byte[] inner = java.util.Arrays.copyOfRange(b, ihl + 8, total);
                if (getU16(inner, 2) == inner.length) {
                    assertValid(inner, "quoted ");
                } else {
                    assertEquals(0, Checksum.compute(inner, 0, (inner[0] & 0xF) * 4), "quoted IP header checksum");
                }
            }
        }
    }

    static String src(Packet p) {
        return IPAddress.toString(p.i32(12));
    }

    static String dst(Packet p) {
        return IPAddress.toString(p.i32(16));
    }

    static int sport(Packet p) {
        return p.u16(20);
    }

    static int dport(Packet p) {
        return p.u16(22);
    }

    static int icmpIdent(Packet p) {
        return p.u16(24);
    }

    static void putU16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static void putI32(byte[] b, int at, int v) {
        putU16(b, at, v >>> 16);
        putU16(b, at + 2, v);
    }

    static int getU16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    static int getI32(byte[] b, int at) {
        return getU16(b, at) << 16 | getU16(b, at + 2);
    }
}

package click.elements.ip;

import click.api.Packet;
import click.api.net.IPAddress;

/**
 * Builds IPv4 test packets field by field: a 20-byte header plus options, a transport header,
 * optional link-layer bytes in front, and optional truncation (to make short packets).
 * <pre>{@code
 *   Packet p = IPv4PacketBuilder.tcp("192.0.2.1", 1234, "198.51.100.2", 80, TH_SYN).annotated(14).packet();
 * }</pre>
 */
public final class IPv4PacketBuilder {
    public int tos;
    public int totalLengthOverride = -1;
    public int id = 1;
    public int flags;            // IP_DF / IP_MF bits as in Headers
    public int fragmentOffset;   // in 8-byte units
    public int ttl = 64;
    public int proto;
    public int src;
    public int dst;
    public int version = 4;
    public int ihlOverride = -1; // written into the header instead of the real length
    public byte[] options = new byte[0];
    public byte[] transport = new byte[0];
    public int linkHeader;       // bytes in front of the IP header
    public boolean annotate;     // set the network header annotation
    public int truncateTo = -1;  // bytes kept from the IP header on, or -1 for all

    public static IPv4PacketBuilder ip(int proto, String src, String dst) {
        IPv4PacketBuilder b = new IPv4PacketBuilder();
        b.proto = proto;
        b.src = IPAddress.parse(src);
        b.dst = IPAddress.parse(dst);
        return b;
    }

    public static IPv4PacketBuilder tcp(String src, int sport, String dst, int dport, int tcpFlags) {
        IPv4PacketBuilder b = ip(6, src, dst);
        b.transport = new byte[20];
        put16(b.transport, 0, sport);
        put16(b.transport, 2, dport);
        b.transport[12] = 0x50;
        b.transport[13] = (byte) tcpFlags;
        put16(b.transport, 14, 8192);
        return b;
    }

    public static IPv4PacketBuilder udp(String src, int sport, String dst, int dport) {
        IPv4PacketBuilder b = ip(17, src, dst);
        b.transport = new byte[8];
        put16(b.transport, 0, sport);
        put16(b.transport, 2, dport);
        put16(b.transport, 4, 8);
        return b;
    }

    public static IPv4PacketBuilder icmp(String src, String dst, int type, int code) {
        IPv4PacketBuilder b = ip(1, src, dst);
        b.transport = new byte[8];
        b.transport[0] = (byte) type;
        b.transport[1] = (byte) code;
        return b;
    }

    public IPv4PacketBuilder tos(int v) {
        tos = v;
        return this;
    }

    public IPv4PacketBuilder ttl(int v) {
        ttl = v;
        return this;
    }

    public IPv4PacketBuilder fragment(int ipFlags, int offsetUnits) {
        flags = ipFlags;
        fragmentOffset = offsetUnits;
        return this;
    }

    /** Adds IP options (padded with zeros to a multiple of 4 bytes). */
    public IPv4PacketBuilder options(int length) {
        options = new byte[(length + 3) & ~3];
        for (int i = 0; i < options.length; i++) {
            options[i] = 1;   // NOP
        }
        return this;
    }

    /** Keeps only the first {@code ipBytes} bytes from the start of the IP header. */
    public IPv4PacketBuilder truncate(int ipBytes) {
        truncateTo = ipBytes;
        return this;
    }

    /** Puts {@code linkBytes} in front of the IP header and sets the network header annotation. */
    public IPv4PacketBuilder annotated(int linkBytes) {
        linkHeader = linkBytes;
        annotate = true;
        return this;
    }

    public int headerLength() {
        return 20 + options.length;
    }

    public byte[] bytes() {
        int hl = headerLength();
        byte[] out = new byte[linkHeader + hl + transport.length];
        int ip = linkHeader;
        int ihl = ihlOverride >= 0 ? ihlOverride : hl / 4;
        out[ip] = (byte) (version << 4 | (ihl & 0xF));
        out[ip + 1] = (byte) tos;
        put16(out, ip + 2, totalLengthOverride >= 0 ? totalLengthOverride : hl + transport.length);
        put16(out, ip + 4, id);
        put16(out, ip + 6, flags | fragmentOffset);
        out[ip + 8] = (byte) ttl;
        out[ip + 9] = (byte) proto;
        put32(out, ip + 12, src);
        put32(out, ip + 16, dst);
        System.arraycopy(options, 0, out, ip + 20, options.length);
        System.arraycopy(transport, 0, out, ip + hl, transport.length);
        for (int i = 0; i < linkHeader; i++) {
            out[i] = (byte) 0xEE;   // junk that no IP test should ever read
        }
        if (truncateTo >= 0 && linkHeader + truncateTo < out.length) {
            byte[] cut = new byte[linkHeader + truncateTo];
            System.arraycopy(out, 0, cut, 0, cut.length);
            return cut;
        }
        return out;
    }

    /** A packet from the current thread's pool, annotated if asked. */
    public Packet packet() {
        Packet p = Packet.make(bytes());
        if (annotate) {
            // as MarkIPHeader does: the transport header follows the IHL words
            p.setNetworkHeader(linkHeader, 4 * (ihlOverride >= 0 ? ihlOverride : headerLength() / 4));
        }
        return p;
    }

    static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static void put32(byte[] b, int at, int v) {
        put16(b, at, v >>> 16);
        put16(b, at + 2, v);
    }
}

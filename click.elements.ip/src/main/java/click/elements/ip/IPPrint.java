package click.elements.ip;

import click.api.Args;
import click.api.ConfigException;
import click.api.ConfigText;
import click.api.Element;
import click.api.ElementInfo;
import click.api.HandlerException;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.net.Headers;
import click.api.net.IPAddress;
import click.api.net.IPv4;

/**
 * <h2>IPPrint</h2>
 * <b>Synopsis:</b> {@code IPPrint([LABEL, keywords CONTENTS, MAXLENGTH, ID, TTL, TOS, LENGTH, TIMESTAMP, PAINT, ACTIVE])}
 * <p><b>Prints one line per IP packet, tcpdump style.</b> Category: debugging. Ports: 1 input,
 * 1 output, agnostic.
 *
 * <p><b>Processing:</b> every packet passes unchanged; while ACTIVE, a line describing it goes to
 * the router's log: LABEL, the timestamp annotation, addresses, and per protocol: TCP ports,
 * flags, sequence numbers and window; UDP ports and length; ICMP type and code (with identifier
 * and sequence for echoes); otherwise the protocol number. Fragments show
 * {@code (frag ID:LEN@OFFSET+)}. The IP header is found by the network header annotation, else at
 * the data start. Printing allocates: IPPrint is for watching, not for the fast path.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>LABEL</dt><dd>string, default empty: printed first.</dd>
 * <dt>CONTENTS</dt><dd>boolean, default false: also print the packet bytes in hex.</dd>
 * <dt>MAXLENGTH</dt><dd>integer, default 1500: bytes of contents printed at most.</dd>
 * <dt>ID, TTL, TOS, LENGTH</dt><dd>booleans, default false: also print those header fields.</dd>
 * <dt>TIMESTAMP</dt><dd>boolean, default true: print the timestamp annotation.</dd>
 * <dt>PAINT</dt><dd>boolean, default false: print the paint annotation.</dd>
 * <dt>ACTIVE</dt><dd>boolean, default true.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>active (read/write)</dt><dd>the ACTIVE setting.</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> uses the network header, timestamp and paint.
 * <p><b>Example:</b> {@code CheckIPHeader(14) -> IPPrint(in, TTL true) -> ...} prints lines like
 * {@code in: 1700000001.000000: 192.0.2.1.1234 > 198.51.100.2.53: udp 18 ttl 64}.
 * <p><b>See also:</b> Print, CheckIPHeader.
 */
@ElementInfo(ports = "1/1", processing = "a/a", category = "debugging")
public final class IPPrint extends Element {
    private String label = "";
    private boolean contents;
    private int maxLength;
    private boolean id;
    private boolean ttl;
    private boolean tos;
    private boolean length;
    private boolean timestamp;
    private boolean paint;
    private volatile boolean active = true;

    @Override
    public void configure(Args args) throws ConfigException {
        String l = args.positional("LABEL").asString("");
        boolean c = args.optional("CONTENTS").asBool(false);
        int max = args.optional("MAXLENGTH").asInt(1500, 0, Integer.MAX_VALUE);
        boolean i = args.optional("ID").asBool(false);
        boolean t = args.optional("TTL").asBool(false);
        boolean s = args.optional("TOS").asBool(false);
        boolean len = args.optional("LENGTH").asBool(false);
        boolean ts = args.optional("TIMESTAMP").asBool(true);
        boolean pt = args.optional("PAINT").asBool(false);
        boolean act = args.optional("ACTIVE").asBool(true);
        args.complete();
        label = l;
        contents = c;
        maxLength = max;
        id = i;
        ttl = t;
        tos = s;
        length = len;
        timestamp = ts;
        paint = pt;
        active = act;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (active) {
            context().message(this, describe(p));
        }
        return p;
    }

    /** The line printed for {@code p}. */
    String describe(Packet p) {
        StringBuilder sb = new StringBuilder();
        if (!label.isEmpty()) {
            sb.append(label).append(": ");
        }
        if (timestamp) {
            long ns = p.timestamp();
            sb.append(ns / 1_000_000_000L).append('.').append(String.format("%06d", ns % 1_000_000_000L / 1000)).append(": ");
        }
        int ip = IPv4.headerOffset(p);
        if (ip < 0 || p.length() < ip + Headers.IP_MIN_LEN || p.u8(ip) >> 4 != 4) {
            sb.append("not an IP packet (").append(p.length()).append(" bytes)");
        } else {
            describeIP(p, ip, sb);
        }
        if (paint) {
            sb.append(" paint ").append(p.paint());
        }
        if (contents) {
            sb.append('\n');
            int n = Math.min(p.length(), maxLength);
            for (int k = 0; k < n; k++) {
                sb.append(String.format("%02x", p.u8(k))).append(k % 4 == 3 && k + 1 < n ? " " : "");
            }
        }
        return sb.toString();
    }

    private void describeIP(Packet p, int ip, StringBuilder sb) {
        int hlen = IPv4.headerLength(p, ip);
        int total = IPv4.totalLength(p, ip);
        String src = IPAddress.toString(p.i32(ip + Headers.IP_SRC));
        String dst = IPAddress.toString(p.i32(ip + Headers.IP_DST));
        int proto = p.u8(ip + Headers.IP_PROTO);
        int t = ip + hlen;
        int payload = total - hlen;
        boolean first = IPv4.fragmentOffset(p, ip) == 0;
        if (first && proto == Headers.IP_PROTO_TCP && p.length() >= t + Headers.TCP_MIN_LEN) {
            int dataLen = payload - ((p.u8(t + Headers.TCP_OFF) >> 4) << 2);
            long seq = p.i32(t + Headers.TCP_SEQ) & 0xFFFFFFFFL;
            sb.append(src).append('.').append(p.u16(t + Headers.TCP_SPORT)).append(" > ")
              .append(dst).append('.').append(p.u16(t + Headers.TCP_DPORT)).append(": ")
              .append(tcpFlags(p.u8(t + Headers.TCP_FLAGS))).append(' ')
              .append(seq).append(':').append(seq + Math.max(0, dataLen)).append('(').append(Math.max(0, dataLen)).append(')');
            if ((p.u8(t + Headers.TCP_FLAGS) & Headers.TH_ACK) != 0) {
                sb.append(" ack ").append(p.i32(t + Headers.TCP_ACK) & 0xFFFFFFFFL);
            }
            sb.append(" win ").append(p.u16(t + Headers.TCP_WIN));
        } else if (first && proto == Headers.IP_PROTO_UDP && p.length() >= t + Headers.UDP_LEN) {
            sb.append(src).append('.').append(p.u16(t + Headers.UDP_SPORT)).append(" > ")
              .append(dst).append('.').append(p.u16(t + Headers.UDP_DPORT)).append(": udp ")
              .append(p.u16(t + Headers.UDP_LENGTH) - Headers.UDP_LEN);
        } else if (first && proto == Headers.IP_PROTO_ICMP && p.length() >= t + Headers.ICMP_LEN) {
            int type = p.u8(t + Headers.ICMP_TYPE);
            sb.append(src).append(" > ").append(dst).append(": icmp ");
            if (type == Headers.ICMP_ECHO || type == Headers.ICMP_ECHO_REPLY) {
                sb.append(type == Headers.ICMP_ECHO ? "echo" : "echo-reply").append(" (")
                  .append(p.u16(t + Headers.ICMP_ID)).append(", ").append(p.u16(t + Headers.ICMP_SEQ)).append(')');
            } else {
                sb.append("type ").append(type).append(" code ").append(p.u8(t + Headers.ICMP_CODE));
            }
        } else {
            sb.append(src).append(" > ").append(dst).append(": ip-proto-").append(proto).append(' ').append(payload);
        }
        if (IPv4.isFragment(p, ip)) {
            sb.append(" (frag ").append(p.u16(ip + Headers.IP_ID)).append(':').append(payload).append('@')
              .append(IPv4.fragmentOffset(p, ip)).append((p.u16(ip + Headers.IP_OFF) & Headers.IP_MF) != 0 ? "+" : "").append(')');
        }
        if (id) {
            sb.append(" id ").append(p.u16(ip + Headers.IP_ID));
        }
        if (ttl) {
            sb.append(" ttl ").append(p.u8(ip + Headers.IP_TTL));
        }
        if (tos) {
            sb.append(" tos ").append(p.u8(ip + Headers.IP_TOS));
        }
        if (length) {
            sb.append(" length ").append(total);
        }
    }

    private static String tcpFlags(int f) {
        StringBuilder sb = new StringBuilder();
        if ((f & Headers.TH_FIN) != 0) sb.append('F');
        if ((f & Headers.TH_SYN) != 0) sb.append('S');
        if ((f & Headers.TH_RST) != 0) sb.append('R');
        if ((f & Headers.TH_PUSH) != 0) sb.append('P');
        if ((f & Headers.TH_URG) != 0) sb.append('U');
        return sb.length() == 0 ? "." : sb.toString();
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.readWrite("active", () -> Boolean.toString(active), v -> {
            try {
                active = ConfigText.parseBool(v);
            } catch (IllegalArgumentException e) {
                throw new HandlerException("expected true or false, got \"" + v.trim() + "\"");
            }
        });
    }
}

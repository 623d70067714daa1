package click.elements.ip;

import click.api.Args;
import click.api.ConfigException;
import click.api.DropCounters;
import click.api.Element;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.Tally;
import click.api.net.Headers;
import click.api.net.IPAddress;
import click.api.net.IPAnnotations;
import click.api.net.IPv4;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * <h2>ICMPError</h2>
 * <b>Synopsis:</b> {@code ICMPError(SRC, TYPE [, CODE, keywords BADADDRS, MTU, RATE, BURST, SET_FIX_ANNO])}
 * <p><b>Answers a packet with an ICMP error message (RFC 792, RFC 1812 4.3).</b> Category: IP,
 * ICMP. Ports: 1 input, 1 output, agnostic.
 *
 * <p><b>Processing:</b> for each IP packet in (network header annotation, else the data start), a
 * new IP/ICMP packet of TYPE and CODE goes out, from SRC to the packet's source, with TTL 255,
 * precedence 6 (TOS 0xC0, RFC 1812 4.3.2.5) and, as payload, the packet's IP header with its
 * options plus the first 8 bytes after it. The packet itself is consumed. Type-specific fields:
 * <ul>
 * <li>unreachable/needfrag: the next-hop MTU, from MTU if given, else from the NEXT_HOP_MTU
 * annotation (set by IPFragmenter), else 576;</li>
 * <li>redirect: the gateway, taken from the packet's destination IP annotation (the next hop the
 * route lookup chose);</li>
 * <li>parameterproblem: the pointer, from the PARAM_POINTER annotation (set by IPGWOptions).</li>
 * </ul>
 * Connect the output to the route lookup, as if the error came in on an interface: the error's
 * destination annotation is set, and its FIX_IP_SRC annotation tells FixIPSrc on the way out to
 * give it the outgoing interface's address.
 *
 * <p>No error is sent (RFC 1812 4.3.2.7), and the packet is only counted, when it is: an ICMP error
 * message itself; addressed to an IP broadcast or multicast address (255.255.255.255, class D, or
 * BADADDRS) or received as a link-level broadcast or multicast; a fragment other than the first;
 * from a source that is not one host (0.0.0.0, 127/8, class D or E, BADADDRS); too short to hold
 * its IP header; for redirects, source routed (RFC 1812 5.2.7.2). Errors beyond the RATE limit are
 * not sent either (RFC 1812 4.3.2.8): a token bucket refilled at RATE per second holds at most
 * BURST errors.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>SRC</dt><dd>IP address, required: the error's source (FixIPSrc may replace it).</dd>
 * <dt>TYPE</dt><dd>ICMP type, by number or name (unreachable, sourcequench, redirect,
 * timeexceeded, parameterproblem), required.</dd>
 * <dt>CODE</dt><dd>ICMP code, by number or name (needfrag, host, net, port, transit, reassembly,
 * erroratptr, ...), default 0.</dd>
 * <dt>BADADDRS</dt><dd>space-separated addresses (such as directed broadcasts) never answered.</dd>
 * <dt>MTU</dt><dd>integer: the MTU reported in needfrag errors (see above).</dd>
 * <dt>RATE</dt><dd>integer, errors per second, default 0 (unlimited, like Click).</dd>
 * <dt>BURST</dt><dd>integer, default 10: the most errors sent at once when RATE is set.</dd>
 * <dt>SET_FIX_ANNO</dt><dd>boolean, default true: whether to set the FIX_IP_SRC annotation.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>count (read)</dt><dd>errors sent.</dd>
 * <dt>drops (read)</dt><dd>packets answered with nothing.</dd>
 * <dt>drop_details (read)</dt><dd>those per reason, one line each: count, name, text.</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> uses the network header, destination IP address, packet type,
 * PARAM_POINTER and NEXT_HOP_MTU; sets on the error the destination IP address, the network header,
 * FIX_IP_SRC (see click.api.net.IPAnnotations), and copies the timestamp. The error's paint is 0:
 * it was made by the router, so it must not look as if it came in on an interface (a PaintTee on
 * its way out would take it for a packet to redirect).
 * <p><b>Example:</b> {@code dt :: DecIPTTL; dt[1] -> ICMPError(192.0.2.1, timeexceeded) -> rt;}
 * <p><b>See also:</b> DecIPTTL, IPFragmenter, IPGWOptions, FixIPSrc, PaintTee, CheckPaint.
 */
@ElementInfo(ports = "1/1", processing = "a/a", category = "IP")
public final class ICMPError extends Element {
    /** Why no error was sent. */
    enum Reason {
        MALFORMED("too short for its IP header"),
        ERROR_ABOUT_ERROR("packet is an ICMP error"),
        BROADCAST_DESTINATION("broadcast or multicast destination"),
        NOT_FIRST_FRAGMENT("fragment other than the first"),
        BAD_SOURCE("source is not a single host"),
        SOURCE_ROUTED("redirect for a source-routed packet"),
        RATE_LIMITED("over the rate limit");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Bytes of the offending datagram quoted after its header (RFC 792). */
    private static final int QUOTED_DATA = 8;
    private static final int DEFAULT_MTU = 576;
    private static final int TOS_INTERNETWORK_CONTROL = 0xC0;
    private static final int OPT_LSRR = 131, OPT_SSRR = 137;

    /** Packets answered with nothing, per reason (package-private for tests). */
    final DropCounters<Reason> drops = new DropCounters<>(Reason.class);
    private final Tally sent = new Tally();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private int src;
    private int type;
    private int code;
    private int[] badAddrs = new int[0];
    private int mtu;
    private boolean setFixAnno = true;
    private long rate;
    private long burst;
    /** Token bucket, in units of 1e-9 tokens: refilled at RATE tokens a second, capped at BURST. */
    private long tokens;
    private long lastRefill;

    @Override
    public void configure(Args args) throws ConfigException {
        int s = args.requiredPositional("SRC").asIPv4(0);
        String typeWord = args.requiredPositional("TYPE").asWord("0");
        String codeWord = args.positional("CODE").asWord("0");
        String bad = args.optional("BADADDRS").raw();
        int m = args.optional("MTU").asInt(0, 68, 65535);
        int r = args.optional("RATE").asInt(0, 0, Integer.MAX_VALUE);
        int b = args.optional("BURST").asInt(10, 1, Integer.MAX_VALUE);
        boolean fix = args.optional("SET_FIX_ANNO").asBool(true);
        int t = ICMPTypes.parse(typeWord, ICMPTypes.TYPES);
        if (t < 0) {
            args.error("expected an ICMP type (a number or one of " + new java.util.TreeSet<>(ICMPTypes.TYPES.keySet())
                    + ") for TYPE, got \"" + typeWord + "\"");
        } else if (!ICMPTypes.isError(t)) {
            args.error("TYPE " + typeWord + " is not an ICMP error type");
        }
        int c = ICMPTypes.parse(codeWord, t < 0 ? java.util.Map.of() : ICMPTypes.codes(t));
        if (c < 0) {
            args.error("expected an ICMP code for type " + typeWord + " (a number"
                    + (t >= 0 && !ICMPTypes.codes(t).isEmpty() ? " or one of " + new java.util.TreeSet<>(ICMPTypes.codes(t).keySet()) : "")
                    + ") for CODE, got \"" + codeWord + "\"");
        }
        List<Integer> addrs = new ArrayList<>();
        if (bad != null) {
            for (String w : bad.trim().split("\\s+")) {
                try {
                    addrs.add(IPAddress.parse(w));
                } catch (IllegalArgumentException e) {
                    args.error("expected a list of IP addresses for BADADDRS, got \"" + w + "\"");
                }
            }
        }
        args.complete();
        src = s;
        type = t;
        code = c;
        badAddrs = addrs.stream().mapToInt(Integer::intValue).toArray();
        mtu = m;
        setFixAnno = fix;
        rate = r;
        burst = b;
        tokens = b * 1_000_000_000L;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        Reason refusal = refusal(p);
        if (refusal == null && rate > 0 && !takeToken()) {
            refusal = Reason.RATE_LIMITED;
        }
        if (refusal != null) {
            drops.count(refusal);
            p.kill();
            return null;
        }
        Packet e = makeError(p);
        p.kill();
        sent.increment();
        return e;
    }

    /** Why RFC 1812 forbids an error about {@code p}, or null if it may get one. */
    private Reason refusal(Packet p) {
        int ip = IPv4.headerOffset(p);
        if (!IPv4.hasHeader(p, ip)) {
            return Reason.MALFORMED;
        }
        int hlen = IPv4.headerLength(p, ip);
        int dst = p.i32(ip + Headers.IP_DST);
        int source = p.i32(ip + Headers.IP_SRC);
        if (IPv4.fragmentOffset(p, ip) != 0) {
            return Reason.NOT_FIRST_FRAGMENT;
        }
        if (p.u8(ip + Headers.IP_PROTO) == Headers.IP_PROTO_ICMP
                && (p.length() < ip + hlen + 1 || ICMPTypes.isError(p.u8(ip + hlen + Headers.ICMP_TYPE)))) {
            return Reason.ERROR_ABOUT_ERROR;
        }
        if (dst == -1 || IPv4.isMulticast(dst) || listed(dst)
                || p.packetType() == Packet.BROADCAST || p.packetType() == Packet.MULTICAST) {
            return Reason.BROADCAST_DESTINATION;
        }
        if (source == 0 || (source >>> 24) == 127 || IPv4.isMulticast(source) || IPv4.isExperimental(source)
                || listed(source)) {
            return Reason.BAD_SOURCE;
        }
        if (type == Headers.ICMP_REDIRECT && sourceRouted(p, ip, hlen)) {
            return Reason.SOURCE_ROUTED;
        }
        return null;
    }

    private boolean listed(int a) {
        for (int x : badAddrs) {
            if (x == a) {
                return true;
            }
        }
        return false;
    }

    private static boolean sourceRouted(Packet p, int ip, int hlen) {
        int i = ip + Headers.IP_MIN_LEN;
        int end = ip + hlen;
        while (i < end) {
            int opt = p.u8(i);
            if (opt == 0) {
                break;
            }
            if (opt == 1) {
                i++;
                continue;
            }
            if (opt == OPT_LSRR || opt == OPT_SSRR) {
                return true;
            }
            if (i + 1 >= end || p.u8(i + 1) < 2) {
                break;
            }
            i += p.u8(i + 1);
        }
        return false;
    }

    private synchronized boolean takeToken() {
        long now = context().clock().nanoTime();
        if (lastRefill != 0) {
            long cap = burst * 1_000_000_000L;
            tokens = Math.min(cap, tokens + (now - lastRefill) * rate);
        }
        lastRefill = now;
        if (tokens < 1_000_000_000L) {
            return false;
        }
        tokens -= 1_000_000_000L;
        return true;
    }

    private Packet makeError(Packet p) {
        int ip = IPv4.headerOffset(p);
        int hlen = IPv4.headerLength(p, ip);
        int quoted = Math.min(hlen + QUOTED_DATA, Math.min(p.length() - ip, Math.max(hlen, IPv4.totalLength(p, ip))));
        int icmp = Headers.IP_MIN_LEN;
        int total = icmp + Headers.ICMP_LEN + quoted;
        int dst = p.i32(ip + Headers.IP_SRC);
        Packet e = Packet.make(total);
        e.setU8(Headers.IP_VHL, 0x45);
        e.setU8(Headers.IP_TOS, TOS_INTERNETWORK_CONTROL);
        e.setU16(Headers.IP_LEN, total);
        e.setU16(Headers.IP_ID, nextId.getAndIncrement() & 0xFFFF);
        e.setU16(Headers.IP_OFF, 0);
        e.setU8(Headers.IP_TTL, 255);
        e.setU8(Headers.IP_PROTO, Headers.IP_PROTO_ICMP);
        e.setU16(Headers.IP_SUM, 0);
        e.setI32(Headers.IP_SRC, src);
        e.setI32(Headers.IP_DST, dst);
        e.setU8(icmp + Headers.ICMP_TYPE, type);
        e.setU8(icmp + Headers.ICMP_CODE, code);
        e.setI32(icmp + Headers.ICMP_ID, restOfHeader(p));
        p.getBytes(ip, e.buffer(), e.offset() + icmp + Headers.ICMP_LEN, quoted);
        IPv4.setHeaderChecksum(e, 0);
        IPv4.setTransportChecksum(e, 0);
        e.setNetworkHeader(0, Headers.IP_MIN_LEN);
        e.setDstIp(dst);
        e.setTimestamp(p.timestamp());
        if (setFixAnno) {
            e.setUserAnnoU8(IPAnnotations.FIX_IP_SRC, 1);
        }
        return e;
    }

    /** The ICMP header's second word for this type. */
    private int restOfHeader(Packet p) {
        if (type == Headers.ICMP_UNREACH && code == 4) {
            int annotated = p.userAnnoI32(IPAnnotations.NEXT_HOP_MTU);
            return mtu > 0 ? mtu : annotated > 0 ? annotated & 0xFFFF : DEFAULT_MTU;
        }
        if (type == Headers.ICMP_REDIRECT) {
            return p.dstIp();
        }
        if (type == Headers.ICMP_PARAM_PROBLEM) {
            return p.userAnnoU8(IPAnnotations.PARAM_POINTER) << 24;
        }
        return 0;
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("count", () -> Long.toString(sent.sum()))
         .read("drops", () -> Long.toString(drops.total()))
         .read("drop_details", drops::details);
    }
}

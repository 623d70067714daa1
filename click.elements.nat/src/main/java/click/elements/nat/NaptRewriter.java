package click.elements.nat;

import static click.api.net.Headers.IP_DST;
import static click.api.net.Headers.IP_PROTO;
import static click.api.net.Headers.IP_PROTO_TCP;
import static click.api.net.Headers.IP_PROTO_UDP;
import static click.api.net.Headers.IP_SRC;
import static click.api.net.Headers.TCP_FLAGS;
import static click.api.net.Headers.TCP_MIN_LEN;
import static click.api.net.Headers.TH_FIN;
import static click.api.net.Headers.TH_RST;
import static click.api.net.Headers.TH_SYN;
import static click.api.net.Headers.UDP_LEN;

import click.api.Arg;
import click.api.Args;
import click.api.Packet;

/**
 * Address and port translation of TCP and UDP flows (IPRewriter, TCPRewriter, UDPRewriter): flows
 * keyed by protocol and 4-tuple, both IP and transport checksums updated, connection state tracked
 * for expiry.
 *
 * <p>TCP state, per mapping: RST marks the connection done at once; FIN marks its direction done;
 * a SYN or payload in a direction clears that direction's done mark (the connection was reused).
 * A connection done both ways expires after the done timeout; one with payload both ways after the
 * data timeout; any other after the no-data timeout. UDP: a flow with at least three packets and
 * one reply is streaming and gets the streaming timeout.
 */
abstract class NaptRewriter extends RewriterBase {
    static final long MINUTE = 60 * SECOND;

    private long tcpDataTimeout = 24 * 60 * MINUTE;
    private long tcpDoneTimeout = 30 * SECOND;
    private long tcpNodataTimeout = 5 * MINUTE;
    private long tcpGuarantee = 5 * SECOND;
    private long udpTimeout = 5 * MINUTE;
    private long udpStreamingTimeout = 5 * MINUTE;
    private long udpGuarantee = 5 * SECOND;

    /** Whether TCP flows get TCP state tracking and timeouts (false: treated like UDP flows). */
    abstract boolean tracksTcp();

    /**
     * Reads the timeout keywords and everything common. {@code tcpKeywords}: TCP_TIMEOUT (alias
     * TIMEOUT), TCP_DONE_TIMEOUT, TCP_NODATA_TIMEOUT, TCP_GUARANTEE; {@code udpPrefix} null for
     * none, else the UDP keywords PREFIX+TIMEOUT, PREFIX+STREAMING_TIMEOUT, PREFIX+GUARANTEE.
     */
    final void configureNapt(Args args, boolean tcpKeywords, String udpPrefix) throws click.api.ConfigException {
        long data = tcpDataTimeout, done = tcpDoneTimeout, nodata = tcpNodataTimeout, tg = tcpGuarantee;
        if (tcpKeywords) {
            data = time(args.optional("TIMEOUT"), 24 * 60 * MINUTE);
            data = time(args.optional("TCP_TIMEOUT"), data);
            done = time(args.optional("TCP_DONE_TIMEOUT"), 30 * SECOND);
            nodata = time(args.optional("TCP_NODATA_TIMEOUT"), 5 * MINUTE);
            tg = time(args.optional("TCP_GUARANTEE"), 5 * SECOND);
        }
        long ut = udpTimeout, us = udpStreamingTimeout, ug = udpGuarantee;
        if (udpPrefix != null) {
            ut = time(args.optional(udpPrefix + "TIMEOUT"), 5 * MINUTE);
            us = time(args.optional(udpPrefix + "STREAMING_TIMEOUT"), ut);
            ug = time(args.optional(udpPrefix + "GUARANTEE"), 5 * SECOND);
        }
        configureCommon(args);
        tcpDataTimeout = data;
        tcpDoneTimeout = done;
        tcpNodataTimeout = nodata;
        tcpGuarantee = tg;
        udpTimeout = ut;
        udpStreamingTimeout = us;
        udpGuarantee = ug;
        setTouchGranularity(data, done, nodata, tg, ut, us, ug);
    }

    private static long time(Arg a, long dflt) {
        return a.asTimeNanos(dflt);
    }

    @Override
    Reason flowKey(Packet p, int ip, FlowKey probe) {
        int proto = p.u8(ip + IP_PROTO);
        if (!acceptsProtocol(proto)) {
            return Reason.UNSUPPORTED;
        }
        if (!firstFragment(p, ip)) {
            return Reason.FRAGMENT;
        }
        int th = transportOffset(p, ip);
        if (p.length() < th + (proto == IP_PROTO_TCP ? TCP_MIN_LEN : UDP_LEN)) {
            return Reason.TRUNCATED;
        }
        probe.set(proto, p.i32(ip + IP_SRC), p.u16(th), p.i32(ip + IP_DST), p.u16(th + 2));
        return null;
    }

    @Override
    Mapping.Half findQuoted(Packet p, int qip, int qth, FlowKey probe) {
        int proto = p.u8(qip + IP_PROTO);
        if (!acceptsProtocol(proto) || !firstFragment(p, qip) || p.length() < qth + 4) {
            return null;
        }
        probe.set(proto, p.i32(qip + IP_DST), p.u16(qth + 2), p.i32(qip + IP_SRC), p.u16(qth));
        return table.get(probe);
    }

    @Override
    void rewrite(Packet p, int ip, Mapping.Half h) {
        int th = transportOffset(p, ip);
        int proto = p.u8(ip + IP_PROTO);
        int oldS = p.i32(ip + IP_SRC);
        int oldD = p.i32(ip + IP_DST);
        Rewrite.addresses(p, ip, h.saddr, h.daddr);
        Rewrite.transport(p, th, proto, oldS, h.saddr, oldD, h.daddr, true, h.sport, h.dport);
        if (proto == IP_PROTO_TCP && tracksTcp()) {
            trackTcp(p, ip, th, h);
        } else {
            trackUdp(h);
        }
    }

    private static void trackTcp(Packet p, int ip, int th, Mapping.Half h) {
        int flags = p.u8(th + TCP_FLAGS);
        boolean payload = hasPayload(p, ip, th);
        int shift = h.isReply ? 1 : 0;
        int set = 0;
        int clear = 0;
        if ((flags & TH_RST) != 0) {
            set = Mapping.BOTH_DONE;
        } else if ((flags & TH_FIN) != 0) {
            set = Mapping.FORWARD_DONE << shift;
        } else if ((flags & TH_SYN) != 0 || payload) {
            clear = Mapping.FORWARD_DONE << shift;
        }
        if (payload) {
            set |= Mapping.FORWARD_DATA << shift;
        }
        if ((set | clear) != 0) {
            h.mapping.updateState(set, clear);
        }
    }

    private static void trackUdp(Mapping.Half h) {
        int s = h.mapping.state();
        if (streaming(s)) {
            return;
        }
        int count = Math.min(3, (s & Mapping.UDP_COUNT_MASK) / Mapping.UDP_COUNT_UNIT + 1);
        int set = count * Mapping.UDP_COUNT_UNIT | (h.isReply ? Mapping.UDP_REPLY_SEEN : 0);
        h.mapping.updateState(set, Mapping.UDP_COUNT_MASK);
    }

    private static boolean streaming(int state) {
        return (state & Mapping.UDP_REPLY_SEEN) != 0 && (state & Mapping.UDP_COUNT_MASK) == Mapping.UDP_COUNT_MASK;
    }

    @Override
    long timeoutOf(Mapping m) {
        int s = m.state();
        if (m.protocol == IP_PROTO_TCP && tracksTcp()) {
            if ((s & Mapping.BOTH_DONE) == Mapping.BOTH_DONE) {
                return tcpDoneTimeout;
            }
            return (s & Mapping.BOTH_DATA) == Mapping.BOTH_DATA ? tcpDataTimeout : tcpNodataTimeout;
        }
        return streaming(s) ? udpStreamingTimeout : udpTimeout;
    }

    @Override
    long guaranteeOf(Mapping m) {
        return m.protocol == IP_PROTO_TCP && tracksTcp() ? tcpGuarantee : udpGuarantee;
    }

    static boolean isTcpOrUdp(int protocol) {
        return protocol == IP_PROTO_TCP || protocol == IP_PROTO_UDP;
    }
}

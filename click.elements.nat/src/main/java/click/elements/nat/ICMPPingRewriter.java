package click.elements.nat;

import static click.api.net.Headers.ICMP_ECHO;
import static click.api.net.Headers.ICMP_ECHO_REPLY;
import static click.api.net.Headers.ICMP_ID;
import static click.api.net.Headers.ICMP_LEN;
import static click.api.net.Headers.ICMP_SUM;
import static click.api.net.Headers.ICMP_TYPE;
import static click.api.net.Headers.IP_DST;
import static click.api.net.Headers.IP_PROTO;
import static click.api.net.Headers.IP_PROTO_ICMP;
import static click.api.net.Headers.IP_SRC;

import click.api.Args;
import click.api.ConfigException;
import click.api.ElementInfo;
import click.api.Packet;

/**
 * <h2>ICMPPingRewriter</h2>
 * <b>Synopsis:</b> {@code ICMPPingRewriter(INPUTSPEC1, ..., INPUTSPECn [, KEYWORDS])}
 * <p><b>Rewrites ICMP echo requests and replies, so pings pass a NAT.</b> Category: nat. Ports: one
 * input per INPUTSPEC, one or more outputs; push.
 *
 * <p><b>Processing:</b> a flow is (source address, destination address, identifier). An echo
 * request with no mapping is handled by its input's INPUTSPEC, as in IPRewriter; a pattern's SPORT
 * range is the range of new identifiers ({@code pattern 192.0.2.1 1024-65535 - - 0 1}), and DPORT
 * must be a dash. A mapping rewrites the request's addresses and identifier and sends it to
 * FOUTPUT; echo replies to the rewritten request are rewritten back and sent to ROUTPUT. Replies
 * without a mapping, other ICMP messages, other protocols and later fragments are dropped unless
 * the input spec is {@code pass}. IP and ICMP checksums are updated incrementally.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>TIMEOUT</dt><dd>time, default 5 minutes: idle timeout of a mapping.</dd>
 * <dt>GUARANTEE</dt><dd>time, default 5 seconds: recently used mappings are never evicted.</dd>
 * <dt>REAP_INTERVAL, MAPPING_CAPACITY (alias CAPACITY), DST_ANNO</dt><dd>as in IPRewriter.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b> table (lines {@code icmp-echo (SA, ID, DA, 0) => (SA', ID', DA', 0) [OUT]}),
 * table_size, nmappings, size, mapping_failures, capacity (read/write), clear, patterns, drops,
 * drop_details: as in IPRewriter.
 *
 * <p><b>Annotations:</b> needs the network header annotation; sets the destination IP address
 * annotation (DST_ANNO).
 *
 * <p><b>Example:</b> {@code ICMPPingRewriter(pattern 192.0.2.1 1024-65535 - - 0 1, drop)}
 * <p><b>See also:</b> IPRewriter, ICMPRewriter.
 */
@ElementInfo(ports = "1-/1-", processing = "h/h", category = "nat")
public final class ICMPPingRewriter extends RewriterBase {
    @Override
    public void configure(Args args) throws ConfigException {
        configureWithTimeout(args);
    }

    @Override
    String checkPattern(RewritePattern p) {
        if (!p.hasPorts() || p.setsDestinationPort()) {
            return "expected a pattern 'SADDR SPORT DADDR -' (SPORT: the identifier range), got '" + p + "'";
        }
        return null;
    }

    @Override
    Reason flowKey(Packet p, int ip, FlowKey probe) {
        if (p.u8(ip + IP_PROTO) != IP_PROTO_ICMP) {
            return Reason.UNSUPPORTED;
        }
        if (!firstFragment(p, ip)) {
            return Reason.FRAGMENT;
        }
        int th = transportOffset(p, ip);
        if (p.length() < th + ICMP_LEN) {
            return Reason.TRUNCATED;
        }
        int type = p.u8(th + ICMP_TYPE);
        int ident = p.u16(th + ICMP_ID);
        int src = p.i32(ip + IP_SRC);
        int dst = p.i32(ip + IP_DST);
        if (type == ICMP_ECHO) {
            probe.set(FlowKey.ICMP_ECHO, src, ident, dst, 0);
        } else if (type == ICMP_ECHO_REPLY) {
            probe.set(FlowKey.ICMP_ECHO_REPLY, src, 0, dst, ident);
        } else {
            return Reason.UNSUPPORTED;
        }
        return null;
    }

    @Override
    boolean mayCreate(FlowKey probe) {
        return probe.protocol == FlowKey.ICMP_ECHO;
    }

    @Override
    void rewrite(Packet p, int ip, Mapping.Half h) {
        int th = transportOffset(p, ip);
        Rewrite.addresses(p, ip, h.saddr, h.daddr);
        // requests carry the identifier in the key's source port, replies in its destination port
        boolean request = p.u8(th + ICMP_TYPE) == ICMP_ECHO;
        Rewrite.word(p, th + ICMP_ID, request ? h.sport : h.dport, th + ICMP_SUM);
    }

    @Override
    Mapping.Half findQuoted(Packet p, int qip, int qth, FlowKey probe) {
        if (p.u8(qip + IP_PROTO) != IP_PROTO_ICMP || !firstFragment(p, qip) || p.length() < qth + ICMP_LEN) {
            return null;
        }
        int type = p.u8(qth + ICMP_TYPE);
        int ident = p.u16(qth + ICMP_ID);
        int src = p.i32(qip + IP_SRC);
        int dst = p.i32(qip + IP_DST);
        if (type == ICMP_ECHO) {
            probe.set(FlowKey.ICMP_ECHO_REPLY, dst, 0, src, ident);
        } else if (type == ICMP_ECHO_REPLY) {
            probe.set(FlowKey.ICMP_ECHO, dst, ident, src, 0);
        } else {
            return null;
        }
        return table.get(probe);
    }
}

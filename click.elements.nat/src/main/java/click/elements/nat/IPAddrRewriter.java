package click.elements.nat;

import static click.api.net.Headers.IP_DST;
import static click.api.net.Headers.IP_PROTO;
import static click.api.net.Headers.IP_PROTO_TCP;
import static click.api.net.Headers.IP_PROTO_UDP;
import static click.api.net.Headers.IP_SRC;
import static click.api.net.Headers.TCP_MIN_LEN;
import static click.api.net.Headers.UDP_LEN;

import click.api.Args;
import click.api.ConfigException;
import click.api.ElementInfo;
import click.api.Packet;

/**
 * <h2>IPAddrRewriter</h2>
 * <b>Synopsis:</b> {@code IPAddrRewriter(INPUTSPEC1, ..., INPUTSPECn [, KEYWORDS])}
 * <p><b>Rewrites IP packets' source addresses (Basic NAT).</b> Category: nat. Ports: one input per
 * INPUTSPEC, one or more outputs; push.
 *
 * <p><b>Processing:</b> mappings are per address, for any IP protocol. A packet whose source
 * address has a mapping gets the mapped source address and goes to FOUTPUT; otherwise a packet
 * whose destination address is a mapped address gets the original address as destination and goes
 * to ROUTPUT; otherwise its input's INPUTSPEC applies: {@code drop}, {@code pass OUTPUT},
 * {@code keep FOUTPUT ROUTPUT}, or {@code pattern SADDR - FOUTPUT ROUTPUT}, where SADDR is an
 * address, a range {@code A-B} or a prefix {@code A/LEN} (network and broadcast addresses left
 * out); a free address is chosen (the packet's own if it lies in the range, else a random one;
 * append {@code #} to allocate sequentially, {@code ?} to never prefer the packet's own). The
 * destination field must be a dash. The IP checksum, and the TCP or UDP checksum of first
 * fragments, are updated incrementally.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>TIMEOUT</dt><dd>time, default 5 minutes: idle timeout of a mapping.</dd>
 * <dt>GUARANTEE</dt><dd>time, default 5 seconds: recently used mappings are never evicted.</dd>
 * <dt>REAP_INTERVAL, MAPPING_CAPACITY (alias CAPACITY), DST_ANNO</dt><dd>as in IPRewriter.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b> table (lines {@code ip (SA, 0, 0.0.0.0, 0) => (SA', 0, 0.0.0.0, 0) [OUT]}; a
 * zero field stays unchanged), table_size, nmappings, size, mapping_failures, capacity
 * (read/write), clear, patterns, drops, drop_details: as in IPRewriter.
 *
 * <p><b>Annotations:</b> needs the network header annotation; sets the destination IP address
 * annotation (DST_ANNO).
 *
 * <p><b>Differences from Click:</b> a packet whose own source address lies in the pattern's range
 * keeps it when it is free (Click always picks at random unless {@code #} is given);
 * {@code ?} restores Click's behaviour.
 *
 * <p><b>Example:</b> {@code IPAddrRewriter(pattern 192.0.2.16/28 - 0 1, drop)}
 * <p><b>See also:</b> IPRewriter, ICMPRewriter.
 */
@ElementInfo(ports = "1-/1-", processing = "h/h", category = "nat")
public final class IPAddrRewriter extends RewriterBase {
    @Override
    public void configure(Args args) throws ConfigException {
        configureWithTimeout(args);
    }

    @Override
    String checkPattern(RewritePattern p) {
        if (p.hasPorts() || p.setsDestinationAddress()) {
            return "expected a pattern 'SADDR -' (SADDR an address, range or prefix), got '" + p + "'";
        }
        return null;
    }

    @Override
    Reason flowKey(Packet p, int ip, FlowKey probe) {
        probe.set(FlowKey.ADDRESS, p.i32(ip + IP_SRC), 0, 0, 0);
        return null;
    }

    @Override
    Mapping.Half lookup(Packet p, int ip, FlowKey probe) {
        Mapping.Half h = table.get(probe);
        if (h != null) {
            return h;
        }
        int src = probe.saddr;
        h = table.get(probe.set(FlowKey.ADDRESS, 0, 0, p.i32(ip + IP_DST), 0));
        if (h == null) {
            probe.set(FlowKey.ADDRESS, src, 0, 0, 0); // a new mapping is made for the source
        }
        return h;
    }

    @Override
    void rewrite(Packet p, int ip, Mapping.Half h) {
        int oldS = p.i32(ip + IP_SRC);
        int oldD = p.i32(ip + IP_DST);
        // forward halves change the source, reply halves the destination; a zero field stays
        int newS = h.saddr != 0 ? h.saddr : oldS;
        int newD = h.daddr != 0 ? h.daddr : oldD;
        Rewrite.addresses(p, ip, newS, newD);
        int proto = p.u8(ip + IP_PROTO);
        int th = transportOffset(p, ip);
        if (firstFragment(p, ip) && ((proto == IP_PROTO_TCP && p.length() >= th + TCP_MIN_LEN)
                || (proto == IP_PROTO_UDP && p.length() >= th + UDP_LEN))) {
            Rewrite.transport(p, th, proto, oldS, newS, oldD, newD, false, 0, 0);
        }
    }

    @Override
    Mapping.Half findQuoted(Packet p, int qip, int qth, FlowKey probe) {
        Mapping.Half h = table.get(probe.set(FlowKey.ADDRESS, 0, 0, p.i32(qip + IP_SRC), 0));
        return h != null ? h : table.get(probe.set(FlowKey.ADDRESS, p.i32(qip + IP_DST), 0, 0, 0));
    }
}

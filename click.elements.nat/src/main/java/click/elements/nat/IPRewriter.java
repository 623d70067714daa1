package click.elements.nat;

import static click.api.net.Headers.IP_PROTO_TCP;
import static click.api.net.Headers.IP_PROTO_UDP;

import click.api.Args;
import click.api.ConfigException;
import click.api.ElementInfo;
import click.api.HandlerRegistry;

/**
 * <h2>IPRewriter</h2>
 * <b>Synopsis:</b> {@code IPRewriter(INPUTSPEC1, ..., INPUTSPECn [, KEYWORDS])}
 * <p><b>Rewrites TCP and UDP packets' addresses and ports (NAPT).</b> Category: nat. Ports: one
 * input per INPUTSPEC, one or more outputs; push.
 *
 * <p><b>Processing:</b> each packet's flow, (protocol, source address, source port, destination
 * address, destination port), is looked up in the mapping table. A mapping says what the flow
 * becomes and where it goes:
 * <pre>{@code
 * (SA, SP, DA, DP) => (SA', SP', DA', DP') [FOUTPUT]      forward
 * (DA', DP', SA', SP') => (DA, DP, SA, SP) [ROUTPUT]      reply
 * }</pre>
 * A packet with a mapping is rewritten (IP and TCP/UDP checksums updated incrementally, RFC 1624;
 * a UDP checksum of 0 stays 0) and pushed to the mapping's output. A packet without one is handled
 * by the INPUTSPEC of its input port:
 * <ul>
 * <li>{@code drop} (or {@code discard}): the packet is dropped.</li>
 * <li>{@code pass OUTPUT}: the packet goes to OUTPUT unchanged; no mapping is made.</li>
 * <li>{@code keep FOUTPUT ROUTPUT}: a mapping that changes nothing is made; the packet goes to
 *     FOUTPUT, replies to ROUTPUT.</li>
 * <li>{@code pattern SADDR SPORT DADDR DPORT FOUTPUT ROUTPUT}: a mapping is made by the pattern.
 *     A dash keeps the packet's field. SPORT may be a range {@code L-H}: a port is chosen so that
 *     no two mappings get the same reply flow, preferring the packet's own source port, else
 *     starting at a random port; {@code L-H#} allocates sequentially, {@code L-H?} never prefers the
 *     packet's port. If no port is free the packet is dropped and counted in mapping_failures.</li>
 * <li>{@code pattern NAME FOUTPUT ROUTPUT}: the pattern NAME of an IPRewriterPatterns element.</li>
 * </ul>
 * Packets that are not TCP or UDP, second and later fragments, and packets with a truncated
 * transport header are dropped, unless their input spec is {@code pass}. Input packets need their
 * IP header annotation (CheckIPHeader or MarkIPHeader).
 *
 * <p>Mappings expire after an idle time that depends on the connection's state. TCP: RST, or FIN
 * in both directions, marks a connection done (a later SYN or payload in a direction revives it);
 * done connections expire after TCP_DONE_TIMEOUT, connections with payload seen both ways after
 * TCP_TIMEOUT, others after TCP_NODATA_TIMEOUT. UDP: flows expire after UDP_TIMEOUT, or
 * UDP_STREAMING_TIMEOUT once streaming (3 packets, one of them a reply). Expired mappings are
 * removed every REAP_INTERVAL. When the table holds MAPPING_CAPACITY mappings, a new flow evicts the
 * longest-idle mapping whose guarantee (TCP_GUARANTEE, UDP_GUARANTEE) has passed; if there is none
 * the new flow's packet is dropped and counted in mapping_failures.
 *
 * <p>Under several threads, looking up a mapping takes no lock and allocates nothing; only making a
 * mapping takes the table's lock, so allocation never hands out one reply flow twice.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>TCP_TIMEOUT (alias TIMEOUT)</dt><dd>time, default 24 hours: idle timeout of TCP connections
 * with payload seen in both directions.</dd>
 * <dt>TCP_DONE_TIMEOUT</dt><dd>time, default 30 seconds (the paper's; Click 2 uses 4 minutes):
 * idle timeout of TCP connections that saw RST or FIN both ways.</dd>
 * <dt>TCP_NODATA_TIMEOUT</dt><dd>time, default 5 minutes: idle timeout of other TCP connections.</dd>
 * <dt>TCP_GUARANTEE</dt><dd>time, default 5 seconds: a TCP mapping used this recently is never
 * evicted to make room.</dd>
 * <dt>UDP_TIMEOUT</dt><dd>time, default 5 minutes: idle timeout of UDP flows.</dd>
 * <dt>UDP_STREAMING_TIMEOUT</dt><dd>time, default UDP_TIMEOUT: idle timeout of streaming UDP flows.</dd>
 * <dt>UDP_GUARANTEE</dt><dd>time, default 5 seconds: like TCP_GUARANTEE for UDP.</dd>
 * <dt>REAP_INTERVAL</dt><dd>time, default 15 seconds (Click: 15 minutes): how often expired
 * mappings are removed.</dd>
 * <dt>MAPPING_CAPACITY (alias CAPACITY)</dt><dd>integer, default 1000000 (Click: unbounded): the
 * most mappings the table holds. Sharing another rewriter's capacity by naming it is not
 * supported.</dd>
 * <dt>DST_ANNO</dt><dd>boolean, default true: set the destination address annotation to the
 * rewritten destination.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>table (read)</dt><dd>every mapping, one line per direction:
 * {@code tcp (SA, SP, DA, DP) => (SA', SP', DA', DP') [OUTPUT]}.</dd>
 * <dt>tcp_table, udp_table (read)</dt><dd>the same for one protocol.</dd>
 * <dt>table_size, nmappings, size (read)</dt><dd>number of mappings (flows).</dd>
 * <dt>mapping_failures (read)</dt><dd>new flows dropped: no free port, or table full.</dd>
 * <dt>capacity (read/write)</dt><dd>MAPPING_CAPACITY; writing a smaller value evicts the
 * longest-idle mappings.</dd>
 * <dt>clear (write)</dt><dd>removes every mapping.</dd>
 * <dt>patterns (read)</dt><dd>the input specs, one per line.</dd>
 * <dt>add_mapping (write)</dt><dd>adds a static mapping that never expires (not in Click):
 * {@code PROTO SADDR SPORT DADDR DPORT => SADDR' SPORT' DADDR' DPORT' FOUTPUT ROUTPUT}, e.g.
 * {@code tcp 10.0.0.2 22 198.51.100.7 40000 => 192.0.2.1 2222 198.51.100.7 40000 0 1}.</dd>
 * <dt>drops, drop_details (read)</dt><dd>packets dropped, in total and by reason.</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> needs the network header annotation; sets the destination IP address
 * annotation (DST_ANNO).
 *
 * <p><b>Hot swap:</b> the mappings of a same-named IPRewriter in the replaced configuration move to
 * the new one, so live connections survive a reconfiguration (Click drops them).
 *
 * <p><b>Differences from Click:</b> IPMapper elements as INPUTSPECs are not supported; the default
 * capacity, done timeout and reap interval differ as noted; a table full of guaranteed flows is
 * scanned for eviction candidates at most once a second.
 *
 * <p><b>Example:</b> the paper's NAT: inside flows leave with source 192.0.2.1 and a fresh port,
 * replies come back in on input 1.
 * <pre>{@code
 * rw :: IPRewriter(pattern 192.0.2.1 1024-65535 - - 0 1, drop);
 * inside -> [0]rw[0] -> outside;
 * outside -> [1]rw[1] -> inside;
 * }</pre>
 * <p><b>See also:</b> TCPRewriter, UDPRewriter, IPAddrRewriter, ICMPPingRewriter, ICMPRewriter,
 * IPRewriterPatterns.
 */
@ElementInfo(ports = "1-/1-", processing = "h/h", category = "nat")
public final class IPRewriter extends NaptRewriter {
    @Override
    public void configure(Args args) throws ConfigException {
        configureNapt(args, true, "UDP_");
    }

    @Override
    boolean tracksTcp() {
        return true;
    }

    @Override
    boolean acceptsProtocol(int protocol) {
        return isTcpOrUdp(protocol);
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        super.addHandlers(h);
        h.read("tcp_table", () -> table(IP_PROTO_TCP))
         .read("udp_table", () -> table(IP_PROTO_UDP));
    }
}

package click.elements.nat;

import static click.api.net.Headers.IP_PROTO_TCP;

import click.api.Args;
import click.api.ConfigException;
import click.api.ElementInfo;

/**
 * <h2>TCPRewriter</h2>
 * <b>Synopsis:</b> {@code TCPRewriter(INPUTSPEC1, ..., INPUTSPECn [, KEYWORDS])}
 * <p><b>Rewrites TCP packets' addresses and ports.</b> Category: nat. Ports: one input per
 * INPUTSPEC, one or more outputs; push.
 *
 * <p><b>Processing:</b> IPRewriter for TCP only: the same INPUTSPECs, mapping table, connection
 * state tracking, expiry, capacity and checksum updates. Packets that are not TCP are dropped
 * unless their input spec is {@code pass}.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>TCP_TIMEOUT (alias TIMEOUT)</dt><dd>time, default 24 hours: idle timeout of connections with
 * payload seen both ways.</dd>
 * <dt>TCP_DONE_TIMEOUT</dt><dd>time, default 30 seconds: idle timeout after RST or FIN both ways.</dd>
 * <dt>TCP_NODATA_TIMEOUT</dt><dd>time, default 5 minutes: idle timeout of other connections.</dd>
 * <dt>TCP_GUARANTEE</dt><dd>time, default 5 seconds: recently used mappings are never evicted.</dd>
 * <dt>REAP_INTERVAL, MAPPING_CAPACITY (alias CAPACITY), DST_ANNO</dt><dd>as in IPRewriter.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b> table, table_size, nmappings, size, mapping_failures, capacity (read/write),
 * clear, patterns, add_mapping (tcp only), drops, drop_details: as in IPRewriter.
 *
 * <p><b>Annotations:</b> needs the network header annotation; sets the destination IP address
 * annotation (DST_ANNO).
 *
 * <p><b>Differences from Click:</b> sequence-number deltas (used by Click's FTPPortMapper) are not
 * implemented, so sequence and acknowledgement numbers pass unchanged.
 *
 * <p><b>Example:</b> {@code TCPRewriter(pattern 192.0.2.1 1024-65535# - - 0 1, drop)}
 * <p><b>See also:</b> IPRewriter, UDPRewriter, IPRewriterPatterns.
 */
@ElementInfo(ports = "1-/1-", processing = "h/h", category = "nat")
public final class TCPRewriter extends NaptRewriter {
    @Override
    public void configure(Args args) throws ConfigException {
        configureNapt(args, true, null);
    }

    @Override
    boolean tracksTcp() {
        return true;
    }

    @Override
    boolean acceptsProtocol(int protocol) {
        return protocol == IP_PROTO_TCP;
    }
}

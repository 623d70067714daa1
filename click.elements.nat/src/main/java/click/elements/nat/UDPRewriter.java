package click.elements.nat;

import click.api.Args;
import click.api.ConfigException;
import click.api.ElementInfo;

/**
 * <h2>UDPRewriter</h2>
 * <b>Synopsis:</b> {@code UDPRewriter(INPUTSPEC1, ..., INPUTSPECn [, KEYWORDS])}
 * <p><b>Rewrites UDP (and TCP) packets' addresses and ports without TCP state.</b> Category: nat.
 * Ports: one input per INPUTSPEC, one or more outputs; push.
 *
 * <p><b>Processing:</b> IPRewriter with UDP expiry rules for every flow: as in Click, it rewrites
 * TCP correctly too, but treats TCP flows like UDP ones (no FIN/RST tracking). A flow expires after
 * TIMEOUT idle, or STREAMING_TIMEOUT once it is streaming (three packets, one a reply). Other
 * protocols and later fragments are dropped unless the input spec is {@code pass}.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>TIMEOUT</dt><dd>time, default 5 minutes: idle timeout.</dd>
 * <dt>STREAMING_TIMEOUT</dt><dd>time, default TIMEOUT: idle timeout of streaming flows.</dd>
 * <dt>GUARANTEE</dt><dd>time, default 5 seconds: recently used mappings are never evicted.</dd>
 * <dt>REAP_INTERVAL, MAPPING_CAPACITY (alias CAPACITY), DST_ANNO</dt><dd>as in IPRewriter.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b> table, table_size, nmappings, size, mapping_failures, capacity (read/write),
 * clear, patterns, add_mapping, drops, drop_details: as in IPRewriter.
 *
 * <p><b>Annotations:</b> needs the network header annotation; sets the destination IP address
 * annotation (DST_ANNO).
 *
 * <p><b>Example:</b> {@code UDPRewriter(pattern 192.0.2.1 1024-65535 - - 0 1, drop, TIMEOUT 30s)}
 * <p><b>See also:</b> IPRewriter, TCPRewriter.
 */
@ElementInfo(ports = "1-/1-", processing = "h/h", category = "nat")
public final class UDPRewriter extends NaptRewriter {
    @Override
    public void configure(Args args) throws ConfigException {
        configureNapt(args, false, "");
    }

    @Override
    boolean tracksTcp() {
        return false;
    }

    @Override
    boolean acceptsProtocol(int protocol) {
        return isTcpOrUdp(protocol);
    }
}

package click.elements.ip;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementInfo;
import click.api.Packet;

/**
 * <h2>MarkIPHeader</h2>
 * <b>Synopsis:</b> {@code MarkIPHeader([OFFSET])}
 * <p><b>Marks where the IP header starts, without checking it.</b> Category: IP. Ports: 1 input,
 * 1 output, agnostic.
 *
 * <p><b>Processing:</b> sets the packet's network header annotation to OFFSET bytes into the data,
 * and the transport header annotation just after the IP header (its length taken from the header's
 * IHL field). The packet is not checked; use CheckIPHeader for that.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>OFFSET</dt><dd>unsigned integer, default 0: bytes from the data start to the IP header
 * (14 after an Ethernet header).</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> sets the network and transport header positions.
 * <p><b>Example:</b> {@code FromDump(in.pcap) -> MarkIPHeader(14) -> IPPrint;}
 * <p><b>See also:</b> CheckIPHeader, CheckIPHeader2, Strip.
 */
@ElementInfo(ports = "1/1", processing = "a/a", category = "IP")
public final class MarkIPHeader extends Element {
    private int offset;

    @Override
    public void configure(Args args) throws ConfigException {
        int off = args.positional("OFFSET").asInt(0, 0, Integer.MAX_VALUE);
        args.complete();
        offset = off;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int headerLength = p.length() > offset ? (p.u8(offset) & 0xF) << 2 : 0;
        p.setNetworkHeader(offset, headerLength);
        return p;
    }
}

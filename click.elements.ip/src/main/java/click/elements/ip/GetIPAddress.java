package click.elements.ip;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementInfo;
import click.api.Packet;

/**
 * <h2>GetIPAddress</h2>
 * <b>Synopsis:</b> {@code GetIPAddress(OFFSET)}
 * <p><b>Sets the destination IP address annotation from packet data.</b> Category: IP. Ports:
 * 1 input, 1 output, agnostic.
 *
 * <p><b>Processing:</b> copies the four bytes OFFSET bytes into the packet into the destination IP
 * address annotation; 16 is the destination field of an IP header at the data start. A packet too
 * short to hold them passes unchanged.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>OFFSET</dt><dd>unsigned integer, required: where the address is.</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> sets the destination IP address.
 * <p><b>Example:</b> {@code Strip(14) -> CheckIPHeader -> GetIPAddress(16) -> rt :: RadixIPLookup(...)}
 * <p><b>See also:</b> SetIPAddress, StoreIPAddress, CheckIPHeader.
 */
@ElementInfo(ports = "1/1", processing = "a/a", category = "IP")
public final class GetIPAddress extends Element {
    private int offset;

    @Override
    public void configure(Args args) throws ConfigException {
        int off = args.requiredPositional("OFFSET").asInt(0, 0, Integer.MAX_VALUE);
        args.complete();
        offset = off;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (p.length() >= offset + 4) {
            p.setDstIp(p.i32(offset));
        }
        return p;
    }
}

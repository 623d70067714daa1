package click.elements.ip;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementInfo;
import click.api.HandlerException;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.net.IPAddress;

/**
 * <h2>SetIPAddress</h2>
 * <b>Synopsis:</b> {@code SetIPAddress(ADDR)}
 * <p><b>Sets the destination IP address annotation to a fixed address.</b> Category: IP. Ports:
 * 1 input, 1 output, agnostic.
 *
 * <p><b>Processing:</b> every packet's destination IP address annotation becomes ADDR; the data is
 * not touched (StoreIPAddress writes the annotation into the packet).
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>ADDR</dt><dd>IP address, required.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>addr (read/write)</dt><dd>the address.</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> sets the destination IP address.
 * <p><b>Example:</b> {@code SetIPAddress(192.0.2.254) -> arpq :: ARPQuerier(...)} sends everything to one next hop.
 * <p><b>See also:</b> GetIPAddress, StoreIPAddress.
 */
@ElementInfo(ports = "1/1", processing = "a/a", category = "IP")
public final class SetIPAddress extends Element {
    private volatile int addr;

    @Override
    public void configure(Args args) throws ConfigException {
        int a = args.requiredPositional("ADDR").asIPv4(0);
        args.complete();
        addr = a;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        p.setDstIp(addr);
        return p;
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.readWrite("addr", () -> IPAddress.toString(addr), v -> {
            try {
                addr = IPAddress.parse(v.trim());
            } catch (IllegalArgumentException e) {
                throw new HandlerException("expected an IP address, got \"" + v.trim() + "\"");
            }
        });
    }
}

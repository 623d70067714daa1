package click.elements.ip;

import click.api.Element;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.Tally;
import click.api.net.IPv4;

/**
 * <h2>SetIPChecksum</h2>
 * <b>Synopsis:</b> {@code SetIPChecksum()}
 * <p><b>Recomputes the IP header checksum.</b> Category: IP. Ports: 1 input, 1 output, agnostic.
 *
 * <p><b>Processing:</b> stores the right checksum in the IP header (found by the network header
 * annotation, else at the data start). A packet too short for the header its length field claims
 * is dropped and counted.
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>drops (read)</dt><dd>packets too short to checksum.</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> uses the network header.
 * <p><b>Example:</b> {@code StoreData(15, \<10>) -> SetIPChecksum -> ...}
 * <p><b>See also:</b> CheckIPHeader, SetUDPChecksum, SetTCPChecksum.
 */
@ElementInfo(ports = "1/1", processing = "a/a", category = "IP")
public final class SetIPChecksum extends Element {
    private final Tally drops = new Tally();

    @Override
    protected Packet simpleAction(Packet p) {
        int ip = IPv4.headerOffset(p);
        if (!IPv4.hasHeader(p, ip)) {
            drops.increment();
            p.kill();
            return null;
        }
        IPv4.setHeaderChecksum(p, ip);
        return p;
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("drops", () -> Long.toString(drops.sum()));
    }
}

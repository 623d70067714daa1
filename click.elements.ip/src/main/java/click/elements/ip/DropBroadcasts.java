package click.elements.ip;

import click.api.Element;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.Tally;

/**
 * <h2>DropBroadcasts</h2>
 * <b>Synopsis:</b> {@code DropBroadcasts()}
 * <p><b>Drops packets that arrived as link-level broadcasts or multicasts.</b> Category: IP. Ports:
 * 1 input, 1 output, agnostic.
 *
 * <p><b>Processing:</b> a packet whose packet type annotation is BROADCAST or MULTICAST is dropped
 * (RFC 1812 5.3.4: a router must not forward a link-level broadcast); others pass. Put it after the
 * route lookup, on the forwarding path only, so broadcasts still reach the local host.
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>drops (read)</dt><dd>packets dropped.</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> uses the packet type.
 * <p><b>Example:</b> {@code rt[1] -> DropBroadcasts -> PaintTee(1) -> IPGWOptions(192.0.2.1) -> ...}
 * <p><b>See also:</b> FromDevice, CheckIPHeader.
 */
@ElementInfo(ports = "1/1", processing = "a/a", category = "IP")
public final class DropBroadcasts extends Element {
    private final Tally drops = new Tally();

    @Override
    protected Packet simpleAction(Packet p) {
        byte type = p.packetType();
        if (type == Packet.BROADCAST || type == Packet.MULTICAST) {
            drops.increment();
            p.kill();
            return null;
        }
        return p;
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("drops", () -> Long.toString(drops.sum()));
    }
}

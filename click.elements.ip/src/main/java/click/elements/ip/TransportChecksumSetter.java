package click.elements.ip;

import click.api.Element;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.Tally;
import click.api.net.Headers;
import click.api.net.IPv4;

/** SetUDPChecksum and SetTCPChecksum: recompute one protocol's checksum, drop what cannot have one. */
abstract class TransportChecksumSetter extends Element {
    private final Tally drops = new Tally();

    /** The IP protocol number this element handles. */
    abstract int protocol();

    @Override
    protected Packet simpleAction(Packet p) {
        int ip = IPv4.headerOffset(p);
        if (!IPv4.hasHeader(p, ip) || p.u8(ip + Headers.IP_PROTO) != protocol()
                || !IPv4.setTransportChecksum(p, ip)) {
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

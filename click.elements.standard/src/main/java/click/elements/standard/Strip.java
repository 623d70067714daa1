package click.elements.standard;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementInfo;
import click.api.Packet;

/**
 * <h2>Strip</h2>
 * <b>Synopsis:</b> {@code Strip(LENGTH)}
 * <p><b>Removes bytes from the front of packets.</b> Category: encapsulation. Ports: 1 input,
 * 1 output, agnostic.
 *
 * <p><b>Processing:</b> removes the first LENGTH bytes of every packet (a packet shorter than that
 * becomes empty) and passes it on. Nothing is copied: the bytes become headroom again, so Unstrip
 * can bring them back, and header annotations keep pointing at the same bytes.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>LENGTH</dt><dd>integer &gt;= 0, required: bytes to remove.</dd>
 * </dl>
 *
 * <p><b>Example:</b> {@code FromDevice(eth0) -> Strip(14) -> CheckIPHeader -> ...} removes the
 * Ethernet header.
 * <p><b>See also:</b> Unstrip, EtherEncap.
 */
@ElementInfo(ports = "1/1", processing = "a/a", category = "encapsulation")
public final class Strip extends Element {
    private int length;

    @Override
    public void configure(Args args) throws ConfigException {
        int n = args.requiredPositional("LENGTH").asInt(0, 0, Integer.MAX_VALUE);
        args.complete();
        length = n;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        return p.pull(Math.min(length, p.length()));
    }
}

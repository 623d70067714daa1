package click.elements.standard;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.Tally;

/**
 * <h2>Unstrip</h2>
 * <b>Synopsis:</b> {@code Unstrip(LENGTH)}
 * <p><b>Puts back bytes at the front of packets.</b> Category: encapsulation. Ports: 1 input,
 * 1 output, agnostic.
 *
 * <p><b>Processing:</b> extends every packet by LENGTH bytes at the front and passes it on; after a
 * Strip of the same length these are the bytes Strip removed. If the headroom is too small, the
 * data moves toward the end of the buffer to make room (the new front bytes are then undefined). A
 * packet whose buffer cannot hold LENGTH more bytes at all is killed and counted in {@code drops}.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>LENGTH</dt><dd>integer &gt;= 0, required: bytes to put back.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>drops (read)</dt><dd>packets killed because they could not grow (jclick only: Click copies
 * such packets into a larger buffer).</dd>
 * </dl>
 *
 * <p><b>Example:</b> {@code ... -> Strip(14) -> CheckIPHeader -> Unstrip(14) -> Queue -> ToDevice(eth1);}
 * <p><b>See also:</b> Strip.
 */
@ElementInfo(ports = "1/1", processing = "a/a", category = "encapsulation")
public final class Unstrip extends Element {
    private final Tally drops = new Tally();
    private int length;

    @Override
    public void configure(Args args) throws ConfigException {
        int n = args.requiredPositional("LENGTH").asInt(0, 0, Integer.MAX_VALUE);
        args.complete();
        length = n;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (length > p.headroom() + p.tailroom()) {
            p.kill();
            drops.increment();
            return null;
        }
        return p.push(length);
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("drops", () -> Long.toString(drops.sum()));
    }
}

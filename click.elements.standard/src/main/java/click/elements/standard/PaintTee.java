package click.elements.standard;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementInfo;
import click.api.Packet;

/**
 * <h2>PaintTee</h2>
 * <b>Synopsis:</b> {@code PaintTee(COLOR [, ANNO])}
 * <p><b>Copies packets of a given paint colour to a second output.</b> Category: paint. Ports:
 * 1 input, 2 outputs; input and output 0 agnostic, output 1 push.
 *
 * <p><b>Processing:</b> every packet leaves by output 0. If its paint annotation equals COLOR, a
 * copy (a new packet from the pool) is pushed out of output 1 first. In the IP router this finds
 * packets routed back out of the interface they came in on, to send ICMP redirects.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>COLOR</dt><dd>integer 0..255, required.</dd>
 * <dt>ANNO</dt><dd>{@code PAINT} (default) or a user annotation byte offset 0..15: where the colour
 * is read.</dd>
 * </dl>
 *
 * <p><b>Annotations used:</b> paint (or the user byte named by ANNO).
 *
 * <p><b>Example:</b> {@code rt[1] -> pt :: PaintTee(1) -> ...; pt[1] -> ICMPError(192.0.2.1, redirect, host) -> rt;}
 * <p><b>See also:</b> Paint, Tee.
 */
@ElementInfo(ports = "1/2", processing = "a/ah", category = "paint")
public final class PaintTee extends Element {
    private PaintAnno paint = new PaintAnno(0, PaintAnno.PAINT);

    @Override
    public void configure(Args args) throws ConfigException {
        PaintAnno pa = PaintAnno.read(args);
        args.complete();
        paint = pa;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (paint.matches(p)) {
            output(1).push(p.copy());
        }
        return p;
    }
}

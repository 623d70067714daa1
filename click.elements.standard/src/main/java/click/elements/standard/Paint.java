package click.elements.standard;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.Packet;

/**
 * <h2>Paint</h2>
 * <b>Synopsis:</b> {@code Paint(COLOR [, ANNO])}
 * <p><b>Sets the paint annotation.</b> Category: paint. Ports: 1 input, 1 output, agnostic.
 *
 * <p><b>Processing:</b> sets every packet's paint annotation to COLOR and passes it on. Routers paint
 * packets with the number of the interface they arrived on, so that PaintTee can later spot packets
 * that leave by the same interface (for ICMP redirects).
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>COLOR</dt><dd>integer 0..255, required.</dd>
 * <dt>ANNO</dt><dd>{@code PAINT} (default) or a user annotation byte offset 0..15: where the colour
 * is stored.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>color (read/write)</dt><dd>COLOR.</dd>
 * </dl>
 *
 * <p><b>Annotations set:</b> paint (or the user byte named by ANNO).
 *
 * <p><b>Differences from Click:</b> Click's ANNO names any annotation byte; jclick's paint
 * annotation is its own field, and ANNO may otherwise name one of the 16 user annotation bytes.
 *
 * <p><b>Example:</b> {@code FromDevice(eth0) -> Paint(1) -> ...}
 * <p><b>See also:</b> PaintTee.
 */
@ElementInfo(ports = "1/1", processing = "a/a", category = "paint")
public final class Paint extends Element {
    private volatile PaintAnno paint = new PaintAnno(0, PaintAnno.PAINT);

    @Override
    public void configure(Args args) throws ConfigException {
        PaintAnno pa = PaintAnno.read(args);
        args.complete();
        paint = pa;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        paint.paint(p);
        return p;
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.readWrite("color", () -> Integer.toString(paint.color()),
                v -> paint = paint.withColor(HandlerValues.parseInt(v, 0, 255, "a colour (an integer from 0 to 255)")));
    }
}

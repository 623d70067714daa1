package click.elements.ip;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.Packet;

/**
 * <h2>CheckPaint</h2>
 * <b>Synopsis:</b> {@code CheckPaint(COLOR)}
 * <p><b>Checks the paint annotation.</b> Category: paint. Ports: 1 input, 1 or 2 outputs; agnostic
 * input and first output, push second output.
 *
 * <p><b>Processing:</b> a packet whose paint annotation equals COLOR leaves on output 0; any other
 * packet leaves on output 1 if connected, else it is dropped. It is the filtering twin of PaintTee:
 * where a router must not send a packet back out of the interface it came in on, CheckPaint(N) on
 * the way out to interface N diverts such packets (paint N) to an ICMPError redirect and lets the
 * rest (output 1) go on; PaintTee(N) instead forwards every packet and sends the redirect about a
 * copy.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>COLOR</dt><dd>integer 0 to 255, required.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>color (read)</dt><dd>the COLOR setting.</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> uses the paint.
 * <p><b>Example:</b> {@code cp :: CheckPaint(2); cp[0] -> ICMPError(192.0.2.1, redirect, host) -> rt; cp[1] -> IPGWOptions(192.0.2.1) -> ...}
 * <p><b>See also:</b> Paint, PaintTee, ICMPError.
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah", category = "paint")
public final class CheckPaint extends Element {
    private int color;

    @Override
    public void configure(Args args) throws ConfigException {
        int c = args.requiredPositional("COLOR").asInt(0, 0, 255);
        args.complete();
        color = c;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (p.paint() == color) {
            return p;
        }
        checkedPush(1, p);
        return null;
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("color", () -> Integer.toString(color));
    }
}

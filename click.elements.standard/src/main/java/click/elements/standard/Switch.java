package click.elements.standard;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.Packet;

/**
 * <h2>Switch</h2>
 * <b>Synopsis:</b> {@code Switch([OUTPUT])}
 * <p><b>Sends every packet to one output, chosen by a handler.</b> Category: classification. Ports:
 * 1 push input, any number of push outputs.
 *
 * <p><b>Processing:</b> pushes every packet out of output OUTPUT. A negative OUTPUT, or one with no
 * such port, kills the packets instead.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>OUTPUT</dt><dd>integer, default 0: the output to use; -1 drops.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>switch (read/write)</dt><dd>OUTPUT; a write takes effect with the next packet. Writing a
 * number of no existing output makes the Switch drop, and reads back as -1.</dd>
 * </dl>
 *
 * <p><b>Example:</b> {@code src -> s :: Switch(0); s[0] -> Queue -> ...; s[1] -> Discard;} then
 * writing 1 to {@code s.switch} diverts the traffic.
 * <p><b>See also:</b> RoundRobinSwitch, HashSwitch, PrioSched.
 */
@ElementInfo(ports = "1/-", processing = "h/h", category = "classification")
public final class Switch extends Element {
    private volatile int output;

    @Override
    public void configure(Args args) throws ConfigException {
        int out = args.positional("OUTPUT").asInt(0);
        args.complete();
        output = inRange(out);
    }

    private int inRange(int out) {
        return out >= 0 && out < noutputs() ? out : -1;
    }

    @Override
    public void push(int port, Packet p) {
        int out = output;
        if (out >= 0) {
            output(out).push(p);
        } else {
            p.kill();
        }
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.readWrite("switch", () -> Integer.toString(output),
                v -> output = inRange(HandlerValues.parseInt(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "an output number")));
    }
}

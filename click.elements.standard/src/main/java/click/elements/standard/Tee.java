package click.elements.standard;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementInfo;
import click.api.Packet;

/**
 * <h2>Tee</h2>
 * <b>Synopsis:</b> {@code Tee([N])}
 * <p><b>Duplicates packets.</b> Category: basic tools. Ports: 1 push input, 1 or more push outputs.
 *
 * <p><b>Processing:</b> every packet pushed in leaves once by every output: outputs 0 to N-2 get
 * copies (each a new packet from the pool, data and annotations copied), and the last output gets
 * the original packet.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>N</dt><dd>integer, optional: the number of outputs, checked against the configuration's
 * connections.</dd>
 * </dl>
 *
 * <p><b>Example:</b> {@code ... -> t :: Tee(2); t[0] -> ToDump(copy.pcap); t[1] -> Queue -> ...}
 * <p><b>See also:</b> PaintTee.
 */
@ElementInfo(ports = "1/1-", processing = "h/h", category = "basic tools")
public final class Tee extends Element {
    @Override
    public void configure(Args args) throws ConfigException {
        int n = args.positional("N").asInt(noutputs(), 1, Integer.MAX_VALUE);
        if (n != noutputs()) {
            args.error("N is " + n + " but " + noutputs() + (noutputs() == 1 ? " output is" : " outputs are")
                    + " connected");
        }
        args.complete();
    }

    @Override
    public void push(int port, Packet p) {
        int last = noutputs() - 1;
        for (int i = 0; i < last; i++) {
            output(i).push(p.copy());
        }
        output(last).push(p);
    }
}

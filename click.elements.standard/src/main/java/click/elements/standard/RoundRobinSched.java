package click.elements.standard;

import click.api.Element;
import click.api.ElementInfo;
import click.api.Packet;

/**
 * <h2>RoundRobinSched</h2>
 * <b>Synopsis:</b> {@code RoundRobinSched}
 * <p><b>Pulls from its inputs in turn.</b> Category: scheduling. Ports: any number of pull inputs,
 * 1 pull output.
 *
 * <p><b>Processing:</b> a pull on the output tries the inputs one after another, starting with the
 * input after the one that gave the last packet, and returns the first packet it gets; nothing if
 * every input is empty. Busy inputs therefore take equal turns.
 *
 * <p>Thread ownership: the turn is plain state of the single puller of the output.
 *
 * <p><b>Example:</b> {@code a :: Queue; b :: Queue; a -> [0]rr :: RoundRobinSched; b -> [1]rr; rr -> ToDevice(eth0);}
 * <p><b>See also:</b> PrioSched, RoundRobinSwitch.
 */
@ElementInfo(ports = "-/1", processing = "l/l", category = "scheduling")
public final class RoundRobinSched extends Element {
    private int next;

    @Override
    public Packet pull(int port) {
        int n = ninputs();
        int i = next;
        for (int tried = 0; tried < n; tried++) {
            Packet p = input(i).pull();
            i = i + 1 == n ? 0 : i + 1;
            if (p != null) {
                next = i;
                return p;
            }
        }
        return null;
    }
}

package click.elements.standard;

import click.api.Element;
import click.api.ElementInfo;
import click.api.Packet;

/**
 * <h2>PrioSched</h2>
 * <b>Synopsis:</b> {@code PrioSched}
 * <p><b>Pulls from its inputs in strict priority order.</b> Category: scheduling. Ports: any number
 * of pull inputs, 1 pull output.
 *
 * <p><b>Processing:</b> a pull on the output pulls input 0 first, then input 1, and so on, and
 * returns the first packet it gets; nothing if every input is empty. So input 0 always wins, and a
 * busy input 0 starves the others.
 *
 * <p>A puller downstream may sleep while every queue upstream of every input is empty: the router
 * combines those queues' notifiers into the puller's signal.
 *
 * <p><b>Example:</b> {@code hi :: Queue; lo :: Queue; hi -> [0]ps :: PrioSched; lo -> [1]ps; ps -> ToDevice(eth0);}
 * <p><b>See also:</b> RoundRobinSched, Queue.
 */
@ElementInfo(ports = "-/1", processing = "l/l", category = "scheduling")
public final class PrioSched extends Element {
    @Override
    public Packet pull(int port) {
        for (int i = 0, n = ninputs(); i < n; i++) {
            Packet p = input(i).pull();
            if (p != null) {
                return p;
            }
        }
        return null;
    }
}

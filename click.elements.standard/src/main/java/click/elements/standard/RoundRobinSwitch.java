package click.elements.standard;

import click.api.Element;
import click.api.ElementInfo;
import click.api.Packet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * <h2>RoundRobinSwitch</h2>
 * <b>Synopsis:</b> {@code RoundRobinSwitch}
 * <p><b>Deals packets out to its outputs in turn.</b> Category: classification. Ports: 1 push input,
 * 1 or more push outputs.
 *
 * <p><b>Processing:</b> pushes the first packet out of output 0, the next out of output 1, and so on,
 * starting again at 0 after the last output. With several pushing threads the turn is shared, so
 * the outputs still get equal shares.
 *
 * <p><b>Differences from Click:</b> the MAX keyword of recent Click versions is not supported.
 *
 * <p><b>Example:</b> {@code src -> rr :: RoundRobinSwitch; rr[0] -> pathA; rr[1] -> pathB;}
 * <p><b>See also:</b> HashSwitch, Switch, RoundRobinSched.
 */
@ElementInfo(ports = "1/1-", processing = "h/h", category = "classification")
public final class RoundRobinSwitch extends Element {
    private final AtomicInteger next = new AtomicInteger();

    @Override
    public void push(int port, Packet p) {
        int n = noutputs();
        int turn;
        int after;
        do { // a plain CAS loop: getAndUpdate with a lambda capturing n would allocate per packet
            turn = next.get();
            after = turn + 1 >= n ? 0 : turn + 1;
        } while (!next.compareAndSet(turn, after));
        output(turn).push(p);
    }
}

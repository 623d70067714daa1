package click.elements.standard;

import click.api.Element;
import click.api.ElementInfo;
import click.api.Packet;

/**
 * <h2>RoundRobinSwitch</h2>
 * <b>Synopsis:</b> {@code RoundRobinSwitch}
 * <p><b>Deals packets out to its outputs in turn.</b> Category: classification. Ports: 1 push input,
 * 1 or more push outputs.
 *
 * <p><b>Processing:</b> pushes the first packet out of output 0, the next out of output 1, and so on,
 * starting again at 0 after the last output. With several pushing threads the turn is shared
 * without synchronisation: every packet still leaves by a valid output and the shares stay about
 * equal, but two threads may now and then take the same turn. (An atomic turn would cost every
 * packet a locked instruction, a large part of a short path's cost.)
 *
 * <p><b>Differences from Click:</b> the MAX keyword of recent Click versions is not supported.
 *
 * <p><b>Example:</b> {@code src -> rr :: RoundRobinSwitch; rr[0] -> pathA; rr[1] -> pathB;}
 * <p><b>See also:</b> HashSwitch, Switch, RoundRobinSched.
 */
@ElementInfo(ports = "1/1-", processing = "h/h", category = "classification")
public final class RoundRobinSwitch extends Element {
    private int next;

    @Override
    public void push(int port, Packet p) {
        int turn = next; // read once: another thread's write cannot make it out of range below
        if (turn >= noutputs()) {
            turn = 0;
        }
        next = turn + 1;
        output(turn).push(p);
    }
}

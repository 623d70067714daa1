package click.elements.standard;

import click.api.Element;
import click.api.ElementInfo;
import click.api.EmptyNotifier;
import click.api.NotifierSource;
import click.api.Packet;

/**
 * <h2>Idle</h2>
 * <b>Synopsis:</b> {@code Idle}
 * <p><b>Never sends a packet; kills any it receives.</b> Category: basic sources. Ports: any number
 * of inputs and outputs, agnostic; no packet flows from any input to any output.
 *
 * <p><b>Processing:</b> a packet pushed in is killed. A pull returns nothing, and Idle never pushes
 * or pulls by itself. Its empty notifier is always asleep, so a puller downstream of an Idle sleeps
 * instead of polling. Use it to fill ports that a configuration must connect but that carry no
 * traffic.
 *
 * <p><b>Example:</b> {@code Idle -> [1]ps :: PrioSched;} or {@code c[2] -> Idle;}
 * <p><b>See also:</b> Discard, Null.
 */
@ElementInfo(ports = "-/-", processing = "a/a", flow = "x/y", category = "basic sources")
public final class Idle extends Element implements NotifierSource {
    private final EmptyNotifier never = new EmptyNotifier();

    public Idle() {
        never.sleep();
    }

    @Override
    public void push(int port, Packet p) {
        p.kill();
    }

    @Override
    public Packet pull(int port) {
        return null;
    }

    @Override
    public EmptyNotifier emptyNotifier(int port) {
        return never;
    }
}

package click.elements.standard;

import click.api.ActivitySignal;
import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementContext;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.Tally;
import click.api.TaskHandle;

/**
 * <h2>Discard</h2>
 * <b>Synopsis:</b> {@code Discard([ACTIVE, BURST])}
 * <p><b>Drops all packets.</b> Category: basic sinks. Ports: 1 input, agnostic; no outputs.
 *
 * <p><b>Processing:</b> a push input kills every packet pushed to it. On a pull input, Discard runs
 * a task that pulls up to BURST packets per run and kills them, sleeping while the upstream queue
 * is empty.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>ACTIVE</dt><dd>boolean, default true: whether the pull task runs.</dd>
 * <dt>BURST</dt><dd>integer, default 1: packets pulled per task run.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>count (read)</dt><dd>packets discarded.</dd>
 * <dt>reset_counts (write)</dt><dd>sets count to 0.</dd>
 * <dt>active (read/write)</dt><dd>the ACTIVE setting.</dd>
 * </dl>
 *
 * <p><b>Hot-swap:</b> a Discard of the same name in the new configuration goes on from this one's count.
 * <p><b>Example:</b> {@code InfiniteSource(LIMIT 10) -> d :: Discard;} then {@code d.count} reads 10.
 * <p><b>See also:</b> Counter, Idle.
 */
@ElementInfo(ports = "1/0", processing = "a/", category = "basic sinks")
public final class Discard extends Element {
    private final Tally count = new Tally();
    private volatile boolean active = true;
    private int burst = 1;
    private TaskHandle task;
    private ActivitySignal signal = ActivitySignal.ALWAYS;

    @Override
    public void configure(Args args) throws ConfigException {
        boolean act = args.positional("ACTIVE").asBool(true);
        int b = args.optional("BURST").asInt(1, 1, Integer.MAX_VALUE);
        args.complete();
        active = act;
        burst = b;
    }

    @Override
    public void initialize(ElementContext ctx) {
        if (!input(0).isPush()) {
            task = ctx.addTask(this, this::runTask);
            signal = ctx.upstreamEmptySignal(this, 0, task);
        }
    }

    @Override
    public void push(int port, Packet p) {
        p.kill();
        count.increment();
    }

    private int runTask() {
        int n = 0;
        // A queue upstream wakes this task when it fills, even while inactive: check ACTIVE here.
        while (active && n < burst) {
            Packet p = input(0).pull();
            if (p == null) {
                break;
            }
            p.kill();
            n++;
        }
        count.add(n);
        if (n == 0) {
            // Sleep first, then look again: a queue that filled (or an active write) between the
            // empty pull and the sleep woke a task that was still scheduled, and would be lost.
            task.sleep();
            if (active && signal.active()) {
                task.wake();
            }
        }
        return n;
    }

    /** Packets discarded so far. */
    @Override
    public void takeState(Element old) {
        if (old instanceof Discard) {
            count.add(((Discard) old).count.sum());
        } else if (sameElementClass(old)) { // a Discard of another version of this bundle
            count.add(HandlerValues.readFromOld(this, old, "count"));
        }
    }

    public long count() {
        return count.sum();
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("count", () -> Long.toString(count.sum()))
         .write("reset_counts", v -> count.reset())
         .readWrite("active", () -> Boolean.toString(active), v -> {
             active = HandlerValues.parseBool(v);
             if (active && task != null) {
                 task.wake(); // an inactive task puts itself to sleep at its next run
             }
         });
    }
}

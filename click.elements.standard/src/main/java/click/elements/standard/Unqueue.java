package click.elements.standard;

import click.api.ActivitySignal;
import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementContext;
import click.api.ElementInfo;
import click.api.HandlerException;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.Tally;
import click.api.TaskHandle;

/**
 * <h2>Unqueue</h2>
 * <b>Synopsis:</b> {@code Unqueue([BURST, KEYWORDS])}
 * <p><b>Pulls packets and pushes them on: a pull-to-push converter.</b> Category: shaping. Ports:
 * 1 pull input, 1 push output. Also known as PullToPush.
 *
 * <p><b>Processing:</b> a task pulls up to BURST packets from the input each time it runs and pushes
 * each one out of the output. When a run pulls nothing and every queue upstream is empty, the task
 * sleeps; the queues' empty notifiers wake it when a packet arrives. With no notifier upstream (a
 * source that cannot say it is empty), the task keeps polling.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>BURST</dt><dd>integer, default 1: most packets moved per task run; a negative value means
 * "until a pull returns nothing" (which never comes from a source that is never empty, such as a
 * pull InfiniteSource without LIMIT). 0 is an error.</dd>
 * <dt>ACTIVE</dt><dd>boolean, default true: whether the task runs.</dd>
 * <dt>LIMIT</dt><dd>integer, default -1: packets to move in all; negative means no limit.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>count (read)</dt><dd>packets moved.</dd>
 * <dt>reset (write)</dt><dd>sets count to 0 (so LIMIT counts afresh).</dd>
 * <dt>active (read/write)</dt><dd>ACTIVE.</dd>
 * <dt>burst (read/write)</dt><dd>BURST.</dd>
 * <dt>limit (read/write)</dt><dd>LIMIT.</dd>
 * </dl>
 *
 * <p><b>Example:</b> {@code InfiniteSource -> q :: Queue -> uq :: Unqueue(BURST 32) -> Discard;}
 * with {@code StaticThreadSched(uq 1)} moves the pulling side to thread 1.
 * <p><b>See also:</b> Queue, Discard, ToDevice.
 */
@ElementInfo(ports = "1/1", processing = "l/h", category = "shaping", aliases = "PullToPush")
public final class Unqueue extends Element {
    private final Tally count = new Tally();
    private volatile int burst = 1;
    private volatile boolean active = true;
    private volatile long limit = -1;
    private TaskHandle task;
    private ActivitySignal signal = ActivitySignal.ALWAYS;

    @Override
    public void configure(Args args) throws ConfigException {
        int b = args.positional("BURST").asInt(1);
        boolean act = args.optional("ACTIVE").asBool(true);
        long lim = args.optional("LIMIT").asLong(-1);
        if (b == 0) {
            args.error("expected a burst (an integer other than 0) for BURST, got \"0\"");
        }
        args.complete();
        burst = b;
        active = act;
        limit = lim;
    }

    @Override
    public void initialize(ElementContext ctx) {
        task = ctx.addTask(this, this::runTask);
        signal = ctx.upstreamEmptySignal(this, 0, task);
    }

    /** Packets this run may move: BURST, further bounded by LIMIT. */
    private long allowance() {
        if (!active) {
            return 0;
        }
        long max = burst < 0 ? Long.MAX_VALUE : burst;
        long lim = limit;
        return lim < 0 ? max : Math.min(max, lim - count.sum());
    }

    private int runTask() {
        long max = allowance();
        int n = 0;
        while (n < max) {
            Packet p = input(0).pull();
            if (p == null) {
                break;
            }
            output(0).push(p);
            n++;
        }
        count.add(n);
        if (n == 0) {
            // Sleep first, then look again: a queue that filled (or a handler that re-activated us)
            // between our empty pull and the sleep woke a task that was still scheduled.
            task.sleep();
            if (allowance() > 0 && signal.active()) {
                task.wake();
            }
        }
        return n;
    }

    /** Packets moved so far. */
    public long count() {
        return count.sum();
    }

    private void resume() {
        if (task != null && allowance() > 0) {
            task.wake();
        }
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("count", () -> Long.toString(count.sum()))
         .write("reset", v -> {
             count.reset();
             resume();
         })
         .readWrite("active", () -> Boolean.toString(active), v -> {
             active = HandlerValues.parseBool(v);
             resume();
         })
         .readWrite("burst", () -> Integer.toString(burst), v -> {
             int b = HandlerValues.parseInt(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "a burst (an integer other than 0)");
             if (b == 0) {
                 throw new HandlerException("expected a burst (an integer other than 0), got \"0\"");
             }
             burst = b;
         })
         .readWrite("limit", () -> Long.toString(limit), v -> {
             limit = HandlerValues.parseLong(v, Long.MIN_VALUE, Long.MAX_VALUE, "an integer (negative for no limit)");
             resume();
         });
    }
}

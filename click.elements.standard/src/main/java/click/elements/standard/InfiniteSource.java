package click.elements.standard;

import click.api.ActivitySignal;
import click.api.Args;
import click.api.ConfigException;
import click.api.ElementContext;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.TaskHandle;

/**
 * <h2>InfiniteSource</h2>
 * <b>Synopsis:</b> {@code InfiniteSource([DATA, LIMIT, BURST, ACTIVE, KEYWORDS])}
 * <p><b>Generates packets as fast as it is scheduled.</b> Category: basic sources. Ports: no inputs,
 * 1 output, agnostic.
 *
 * <p><b>Processing:</b> on a push output, a task sends BURST packets each time it runs, until LIMIT
 * packets have been sent; it then sleeps (and with STOP true, asks the router to stop). While every
 * queue its packets can reach is full, it sleeps too, and the first queue to drain wakes it
 * (Click's downstream full signal; a path that reaches no queue, such as one to a Discard, keeps
 * it sending). On a pull
 * output, every pull returns one packet until LIMIT is reached; after that, or while inactive, the
 * source's empty notifier lets the puller sleep.
 *
 * <p>Every packet is a fresh packet from the thread's pool holding a copy of DATA, so elements
 * downstream may change it, and the steady state allocates nothing.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>DATA</dt><dd>data, default 64 zero bytes: the contents of every packet, e.g.
 * {@code \<0800>} or {@code "text"}.</dd>
 * <dt>LIMIT</dt><dd>integer, default -1: packets to send in all; negative means no limit.</dd>
 * <dt>BURST</dt><dd>integer &gt;= 1, default 1: packets sent per task run.</dd>
 * <dt>ACTIVE</dt><dd>boolean, default true: whether to send at all.</dd>
 * <dt>LENGTH</dt><dd>integer, default -1: when &gt;= 0, every packet is exactly this long, DATA
 * being cut or repeated to fit. DATASIZE is an older name.</dd>
 * <dt>STOP</dt><dd>boolean, default false: when LIMIT packets have been sent, stop the router.</dd>
 * <dt>TIMESTAMP</dt><dd>boolean, default true: set each packet's timestamp annotation to the
 * current time.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>count (read)</dt><dd>packets sent.</dd>
 * <dt>reset (write)</dt><dd>sets count to 0, so another LIMIT packets will be sent.</dd>
 * <dt>data (read/write)</dt><dd>DATA, read back as {@code \<hex>}.</dd>
 * <dt>length (read/write)</dt><dd>LENGTH.</dd>
 * <dt>limit (read/write)</dt><dd>LIMIT.</dd>
 * <dt>burst (read/write)</dt><dd>BURST.</dd>
 * <dt>active (read/write)</dt><dd>ACTIVE; writing true starts sending again.</dd>
 * </dl>
 *
 * <p><b>Annotations set:</b> timestamp (unless TIMESTAMP is false).
 *
 * <p><b>Differences from Click:</b> Click's default DATA is a 69-byte text; jclick's is 64 zero
 * bytes. END_CALL is not supported (use STOP, or a Script that watches {@code count}). The deprecated
 * {@code burstsize} and {@code datasize} handlers are absent.
 *
 * <p><b>Example:</b> {@code InfiniteSource(\<0800>, LIMIT 1000, BURST 32, STOP true) -> c :: Counter -> Discard;}
 * <p><b>See also:</b> RatedSource, Discard, Unqueue.
 */
@ElementInfo(ports = "0/1", processing = "/a", category = "basic sources")
public final class InfiniteSource extends PacketSource {
    private volatile int burst = 1;
    private TaskHandle task;
    /** Whether some queue downstream has room (Click's downstream full signal); ALWAYS if a path has no queue. */
    private ActivitySignal nonFull = ActivitySignal.ALWAYS;

    @Override
    public void configure(Args args) throws ConfigException {
        byte[] data = args.positional("DATA").asBytes(DEFAULT_DATA);
        long limit = args.positional("LIMIT").asLong(-1);
        int b = args.positional("BURST").asInt(1, 1, Integer.MAX_VALUE);
        boolean act = args.positional("ACTIVE").asBool(true);
        Settings s = readSettings(args, data, limit, act);
        args.complete();
        apply(s);
        burst = b;
    }

    @Override
    public void initialize(ElementContext ctx) {
        if (output(0).isPush()) {
            task = ctx.addTask(this, this::runTask);
            nonFull = ctx.downstreamFullSignal(this, 0, task);
        }
    }

    private int runTask() {
        if (!nonFull.active()) {
            // every queue downstream is full: sleep until one drains (look again after the sleep:
            // a drain in between woke a task that was still scheduled)
            task.sleep();
            if (nonFull.active()) {
                task.wake();
            }
            return 0;
        }
        int n = active() ? claim(burst) : 0;
        for (int i = 0; i < n; i++) {
            output(0).push(makePacket());
        }
        if (!canSend()) {
            // Sleep first, then look again: a handler write (active, reset, limit) that came between
            // the check and the sleep woke a task that was still scheduled, and would be lost.
            task.sleep();
            if (canSend()) {
                task.wake();
            } else if (exhausted()) {
                limitReached();
            }
        }
        return n;
    }

    @Override
    public Packet pull(int port) {
        if (active() && claim(1) == 1) {
            return makePacket();
        }
        sleepNotifier();
        if (exhausted()) {
            limitReached();
        }
        return null;
    }

    @Override
    boolean readyAgain() {
        return canSend();
    }

    @Override
    void resume() {
        if (canSend()) {
            wakeSender(task);
        }
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        super.addHandlers(h);
        h.readWrite("burst", () -> Integer.toString(burst),
                v -> burst = HandlerValues.parseInt(v, 1, Integer.MAX_VALUE, "a burst (an integer >= 1)"));
    }
}

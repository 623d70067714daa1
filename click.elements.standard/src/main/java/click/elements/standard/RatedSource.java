package click.elements.standard;

import click.api.Args;
import click.api.Clock;
import click.api.ConfigException;
import click.api.ElementContext;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.TaskHandle;
import click.api.Timer;

/**
 * <h2>RatedSource</h2>
 * <b>Synopsis:</b> {@code RatedSource([DATA, RATE, LIMIT, ACTIVE, KEYWORDS])}
 * <p><b>Generates packets at a steady rate.</b> Category: basic sources. Ports: no inputs, 1 output,
 * agnostic.
 *
 * <p><b>Processing:</b> sends packets holding DATA at RATE packets per second of the router's clock,
 * until LIMIT packets have been sent (then, with STOP true, it asks the router to stop). Packet
 * {@code i} (counting from 0) is due {@code (i+1)/RATE} seconds after the source starts, or after
 * the last change of {@code rate}, {@code active} or {@code reset}. On a push output, a task sends
 * the packets that are due and then sleeps until a timer says the next one is; if the router fell
 * behind, it catches up at most 64 packets per run. On a pull output, a pull returns
 * a packet if one is due, else nothing, and the empty notifier lets the puller sleep until the next
 * one is due. Either way the source never busy-waits.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>DATA</dt><dd>data, default 64 zero bytes: the contents of every packet.</dd>
 * <dt>RATE</dt><dd>integer &gt;= 1, default 10: packets per second.</dd>
 * <dt>LIMIT</dt><dd>integer, default -1: packets to send in all; negative means no limit.</dd>
 * <dt>ACTIVE</dt><dd>boolean, default true: whether to send at all.</dd>
 * <dt>LENGTH</dt><dd>integer, default -1: when &gt;= 0, every packet is exactly this long, DATA
 * being cut or repeated to fit. DATASIZE is an older name.</dd>
 * <dt>STOP</dt><dd>boolean, default false: when LIMIT packets have been sent, stop the router.</dd>
 * <dt>TIMESTAMP</dt><dd>boolean, default true: set each packet's timestamp annotation.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>count (read)</dt><dd>packets sent.</dd>
 * <dt>reset (write)</dt><dd>sets count to 0, so another LIMIT packets will be sent.</dd>
 * <dt>data (read/write)</dt><dd>DATA, read back as {@code \<hex>}.</dd>
 * <dt>length (read/write)</dt><dd>LENGTH.</dd>
 * <dt>rate (read/write)</dt><dd>RATE.</dd>
 * <dt>limit (read/write)</dt><dd>LIMIT.</dd>
 * <dt>active (read/write)</dt><dd>ACTIVE.</dd>
 * </dl>
 *
 * <p><b>Annotations set:</b> timestamp (unless TIMESTAMP is false).
 *
 * <p><b>Differences from Click:</b> Click's default DATA is a 69-byte text; jclick's is 64 zero
 * bytes. BANDWIDTH and END_CALL are not supported. Click sends at most one packet per task run;
 * jclick catches up in bursts of up to 64 when the router was busy.
 *
 * <p><b>Example:</b> {@code RatedSource(\<0800>, 10, 1000) -> Queue -> ToDevice(eth0);}
 * <p><b>See also:</b> InfiniteSource, Unqueue.
 */
@ElementInfo(ports = "0/1", processing = "/a", category = "basic sources")
public final class RatedSource extends PacketSource {
    /** Most packets sent in one task run when catching up. */
    static final int MAX_BURST = 64;
    private static final double NANOS_PER_SECOND = 1e9;

    private volatile int rate = 10;
    /** Set by handlers; the sending side starts a new rate epoch when it sees it. */
    private volatile boolean restartEpoch;
    // Owned by the sending side (the task, or the single puller).
    private long epochStart;
    private long sentInEpoch;
    private Clock clock;
    private TaskHandle task;
    private Timer timer;

    @Override
    public void configure(Args args) throws ConfigException {
        byte[] data = args.positional("DATA").asBytes(DEFAULT_DATA);
        int r = args.positional("RATE").asInt(10, 1, Integer.MAX_VALUE);
        long limit = args.positional("LIMIT").asLong(-1);
        boolean act = args.positional("ACTIVE").asBool(true);
        Settings s = readSettings(args, data, limit, act);
        args.complete();
        apply(s);
        rate = r;
        restartEpoch = clock != null; // a live reconfiguration restarts the schedule; the first one starts in initialize
    }

    @Override
    public void initialize(ElementContext ctx) {
        clock = ctx.clock();
        epochStart = clock.nanoTime();
        sentInEpoch = 0;
        restartEpoch = false;
        if (output(0).isPush()) {
            task = ctx.addTask(this, this::runTask);
            timer = ctx.newTimer(this, task::wake);
        } else {
            timer = ctx.newTimer(this, this::wakeNotifier);
        }
    }

    /** Packets due now and not yet sent in this epoch. */
    private long due(long now) {
        if (restartEpoch) {
            restartEpoch = false;
            epochStart = now;
            sentInEpoch = 0;
        }
        long owed = (long) Math.floor((now - epochStart) * (rate / NANOS_PER_SECOND));
        return Math.max(0, owed - sentInEpoch);
    }

    /** When the next packet of this epoch is due, in clock nanoseconds. */
    private long nextDue() {
        return epochStart + (long) Math.ceil((sentInEpoch + 1) * (NANOS_PER_SECOND / rate));
    }

    private int runTask() {
        long now = clock.nanoTime();
        long due = due(now);
        int n = active() ? claim((int) Math.min(due, MAX_BURST)) : 0;
        sentInEpoch += n;
        for (int i = 0; i < n; i++) {
            output(0).push(makePacket());
        }
        if (n < due && canSend()) {
            return n; // still behind: stay scheduled and catch up on the next run
        }
        task.sleep();
        if (readyAgain()) {
            task.wake(); // a handler changed the schedule while we were deciding to sleep
        } else if (canSend()) {
            timer.scheduleAt(nextDue());
        } else if (exhausted()) {
            limitReached();
        }
        return n;
    }

    @Override
    public Packet pull(int port) {
        long due = due(clock.nanoTime());
        if (due > 0 && active() && claim(1) == 1) {
            sentInEpoch++;
            return makePacket();
        }
        sleepNotifier();
        if (canSend()) {
            timer.scheduleAt(nextDue());
        } else if (exhausted()) {
            limitReached();
        }
        return null;
    }

    @Override
    boolean readyAgain() {
        return restartEpoch && canSend();
    }

    @Override
    void resume() {
        restartEpoch = true;
        wakeSender(task);
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        super.addHandlers(h);
        h.readWrite("rate", () -> Integer.toString(rate), v -> {
            rate = HandlerValues.parseInt(v, 1, Integer.MAX_VALUE, "a rate (an integer >= 1)");
            resume();
        });
    }
}

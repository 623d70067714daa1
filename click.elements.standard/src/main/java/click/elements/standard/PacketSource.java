package click.elements.standard;

import click.api.Args;
import click.api.ConfigText;
import click.api.Element;
import click.api.EmptyNotifier;
import click.api.HandlerException;
import click.api.HandlerRegistry;
import click.api.NotifierSource;
import click.api.Packet;
import click.api.StageMeter;
import click.api.Tally;
import click.api.TaskHandle;
import java.util.HexFormat;

/**
 * What InfiniteSource and RatedSource share: the packet template (DATA, LENGTH), the LIMIT on
 * packets sent and its STOP action, ACTIVE, TIMESTAMP, the empty notifier of the pull output, and
 * the handlers for all of these.
 *
 * <p>Every packet sent is a fresh packet from the calling thread's pool holding a copy of the
 * template, so nothing is allocated per packet in the steady state and downstream elements may
 * change it freely.
 *
 * <p>Thread ownership: the packets are made by the element's task (push output) or by its single
 * puller (pull output). Handlers write from another thread; they only set volatile fields and then
 * call {@link #resume}, and the sending side re-checks after it goes to sleep, so a handler write
 * racing with a sleep is never lost.
 *
 * <p>Invariants: {@code count} never exceeds a non-negative {@code limit} except when a handler lowers
 * the limit below it; {@code requestStop} is called at most once per reaching of the limit.
 */
abstract class PacketSource extends Element implements NotifierSource {
    /** DATA when none is given: 64 zero bytes, the size of a minimum Ethernet frame. */
    static final byte[] DEFAULT_DATA = new byte[64];

    /** Settings every source reads the same way; a subclass reads its positional ones first. */
    record Settings(byte[] data, int length, long limit, boolean active, boolean stop, boolean timestamp) {
    }

    private final Tally count = new Tally();
    private final EmptyNotifier notifier = new EmptyNotifier();
    private volatile byte[] data = DEFAULT_DATA;
    private volatile int length = -1;
    private volatile byte[] template = DEFAULT_DATA;
    private volatile long limit = -1;
    private volatile boolean active = true;
    private volatile boolean stop;
    private volatile boolean timestamp = true;
    private volatile boolean stopRequested;

    /** Reads the keywords LENGTH (or its old name DATASIZE), STOP and TIMESTAMP, completing {@code data}, {@code limit} and {@code active}. */
    static Settings readSettings(Args args, byte[] data, long limit, boolean active) {
        int length = args.optional("DATASIZE").asInt(-1, -1, Integer.MAX_VALUE);
        length = args.optional("LENGTH").asInt(length, -1, Integer.MAX_VALUE);
        boolean stop = args.optional("STOP").asBool(false);
        boolean timestamp = args.optional("TIMESTAMP").asBool(true);
        return new Settings(data, length, limit, active, stop, timestamp);
    }

    /**
     * Takes the settings and starts counting afresh; call after {@link Args#complete()}. A live
     * reconfiguration of a source that had stopped at its limit gets it sending again.
     */
    void apply(Settings s) {
        data = s.data();
        length = s.length();
        template = template(s.data(), s.length());
        limit = s.limit();
        active = s.active();
        stop = s.stop();
        timestamp = s.timestamp();
        stopRequested = false;
        count.reset();
        resume();
    }

    /** DATA cut or repeated to LENGTH bytes; DATA itself when LENGTH is negative. */
    private static byte[] template(byte[] data, int length) {
        if (length < 0) {
            return data;
        }
        byte[] t = new byte[length];
        if (data.length > 0) {
            for (int i = 0; i < length; i += data.length) {
                System.arraycopy(data, 0, t, i, Math.min(data.length, length - i));
            }
        }
        return t;
    }

    /**
     * A new packet holding the template, timestamped if TIMESTAMP is true. On a thread measuring
     * stage costs, the time counts as receive: making the packet is this source's reception.
     */
    final Packet makePacket() {
        StageMeter m = StageMeter.active();
        int outer = m == null ? 0 : m.enter(StageMeter.RECEIVE);
        Packet p = Packet.make(template);
        if (timestamp) {
            p.setTimestamp(context().clock().epochNanos());
        }
        if (m != null) {
            m.exit(outer);
        }
        return p;
    }

    /**
     * Counts up to {@code wanted} packets as sent, as far as LIMIT allows; returns how many. Only
     * the sending side calls it (the task, or the one puller), so a read-then-add is exact.
     */
    final int claim(int wanted) {
        long lim = limit;
        int n = lim < 0 ? wanted : (int) Math.max(0, Math.min(wanted, lim - count.sum()));
        if (n > 0) {
            count.add(n);
        }
        return n;
    }

    /** Whether LIMIT packets have been sent. */
    final boolean exhausted() {
        long lim = limit;
        return lim >= 0 && count.sum() >= lim;
    }

    /** Whether the source may send now (ACTIVE and below LIMIT). */
    final boolean canSend() {
        return active && !exhausted();
    }

    /** Called when LIMIT is reached: with STOP true, asks the router to stop, once. */
    final void limitReached() {
        if (stop && !stopRequested) {
            stopRequested = true;
            context().requestStop();
        }
    }

    final boolean active() {
        return active;
    }

    /**
     * For a pull output that had nothing to give: marks the source empty, then asks
     * {@link #readyAgain()}, so a handler write that raced with the sleep still wakes the puller.
     */
    final void sleepNotifier() {
        notifier.sleep();
        if (readyAgain()) {
            notifier.wake();
        }
    }

    /** Whether a packet may be available now after all (checked after putting the notifier to sleep). */
    abstract boolean readyAgain();

    final void wakeNotifier() {
        notifier.wake();
    }

    /** Wakes whoever sends: the push task if there is one, else the puller through the notifier. */
    final void wakeSender(TaskHandle task) {
        if (task != null) {
            task.wake();
        } else {
            notifier.wake();
        }
    }

    /** Gets sending again after a handler changed ACTIVE, LIMIT, the count or the rate. */
    abstract void resume();

    @Override
    public EmptyNotifier emptyNotifier(int port) {
        return notifier;
    }

    /** Packets sent so far. */
    public long count() {
        return count.sum();
    }

    private void setData(byte[] d, int len) {
        data = d;
        length = len;
        template = template(d, len);
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("count", () -> Long.toString(count.sum()))
         .write("reset", v -> {
             count.reset();
             stopRequested = false;
             resume();
         })
         .readWrite("data", () -> "\\<" + HexFormat.of().formatHex(data) + ">", v -> {
             try {
                 setData(ConfigText.unquoteBytes(v), length);
             } catch (IllegalArgumentException e) {
                 throw new HandlerException("expected data, " + e.getMessage());
             }
         })
         .readWrite("length", () -> Integer.toString(length),
                 v -> setData(data, HandlerValues.parseInt(v, -1, Integer.MAX_VALUE, "a length (an integer >= -1)")))
         .readWrite("limit", () -> Long.toString(limit), v -> {
             limit = HandlerValues.parseLong(v, Long.MIN_VALUE, Long.MAX_VALUE, "an integer (negative for no limit)");
             resume();
         })
         .readWrite("active", () -> Boolean.toString(active), v -> {
             active = HandlerValues.parseBool(v);
             resume();
         });
    }
}

package click.elements.standard;

import click.api.Args;
import click.api.Clock;
import click.api.ConcurrencyAware;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementContext;
import click.api.EmptyNotifier;
import click.api.FullNotifier;
import click.api.HandlerException;
import click.api.HandlerRegistry;
import click.api.NotifierSource;
import click.api.Packet;
import click.api.PacketHolder;
import click.api.PortConcurrency;
import click.api.StageMeter;
import click.api.Tally;

/**
 * What Queue and SimpleQueue share: a push input that stores packets in a {@link PacketRing}, a pull
 * output that hands them out oldest first, the empty notifier that lets pullers sleep, and the
 * handlers. The subclasses only carry the Click name and the manual page.
 *
 * <p>Thread ownership: {@link #push} from any number of threads at once, unless the router told
 * {@link #concurrencyKnown} that one task only pushes (then from that task). {@link #pull} from one
 * thread at a time (the output has one puller). The {@code reset} handler, {@link #takeState} and
 * {@link #cleanup} take packets out of the ring themselves, so they act as the consumer: the router
 * must call them while the puller is not running (hot-swap and cleanup happen with the router
 * stopped; a {@code reset} write must not overlap a pull).
 *
 * <p>Invariants: the ring never holds more than {@code capacity} packets, and the puller's stage
 * at most {@link #STAGE} more that it took off the ring and has not handed out yet (they count in
 * {@code length}); every packet pushed is either stored (and later pulled, moved by hot-swap, or
 * killed by {@code reset}/{@link #cleanup}) or killed and counted in {@code drops}.
 */
abstract class PacketQueue extends Element implements NotifierSource, ConcurrencyAware, PacketHolder {
    static final int DEFAULT_CAPACITY = 1000;
    static final long DEFAULT_BATCH_DELAY_NANOS = 100_000;
    /**
     * Empty pulls in a row before the notifier sleeps. A puller on another thread that keeps up
     * with its producer finds the queue empty after nearly every packet; sleeping at once would
     * make the producer wake it for nearly every packet, moving the notifier's and the task's
     * cache lines between the cores each time (on 03d-router-2path with two threads that was a
     * fifth of the producing thread's time). A few microseconds of looking first avoid it.
     */
    static final int EMPTY_PULLS_BEFORE_SLEEP = 64;
    /**
     * Most packets the puller takes off the ring at once. It reads a byte of each before handing
     * out the first, so that when the packets were written on another core their cache misses
     * overlap instead of coming one after another as each packet is processed (a miss costs 25 to
     * 230 ns between the two cores here, see click.bench.CoreToCore). A puller that keeps up finds
     * one packet at a time and gains nothing; one that falls behind finds several and catches up
     * faster.
     */
    static final int STAGE = 8;
    /**
     * Stores to let pass without an exact high-water check after one that found the ring's length
     * estimate stale. The pusher's estimate uses its own old copy of the puller's position; the exact
     * length needs the puller's current position, a cache-line move when the puller runs on another
     * core (it made the enqueue stage of 02-iprouter with two threads 20 times dearer). So after a
     * check that did not raise the mark, the next ones wait: the mark can then miss a peak shorter
     * than this many stores.
     */
    static final int HIGHWATER_SKIP = 32;

    private final Tally drops = new Tally();
    private final EmptyNotifier notifier = new EmptyNotifier();
    private final FullNotifier fullNotifier = new FullNotifier();
    /** Replaced only before the router starts (configure, concurrencyKnown), so a plain field is enough. */
    private PacketRing ring;
    private volatile int capacity;
    /** Most packets seen stored at once; approximate while several threads push (a lost update only lowers it). */
    private volatile int highwater;
    /** Pusher-side: stores left before the next exact high-water check (see HIGHWATER_SKIP). */
    private int highwaterSkip;
    /** Dequeue batching (paper 4.6): pulls see the queue empty until BATCH packets wait or BATCH_DELAY passed; 1 = off. */
    private volatile int batch = 1;
    private volatile long batchDelay = DEFAULT_BATCH_DELAY_NANOS;
    private Clock clock = Clock.SYSTEM;
    /** Puller-only state: packets it may take before the batch rule applies again, and since when a short batch waits. */
    private int released;
    private boolean holding;
    private long heldSince;
    private int emptyPulls;
    /** Puller-only: packets taken off the ring and not yet handed out, {@code staged[stagedNext, stagedEnd)}. */
    private final Packet[] staged = new Packet[STAGE];
    private int stagedNext;
    private int stagedEnd;
    /** Puller-only: where the bytes read ahead go, so the reads are not optimised away. */
    private int touched;

    @Override
    public void configure(Args args) throws ConfigException {
        int cap = args.positional("CAPACITY").asInt(DEFAULT_CAPACITY, 1, Integer.MAX_VALUE);
        int b = args.optional("BATCH").asInt(1, 1, Integer.MAX_VALUE);
        long delay = args.optional("BATCH_DELAY").asTimeNanos(DEFAULT_BATCH_DELAY_NANOS);
        args.complete();
        batch = b;
        batchDelay = delay;
        if (ring == null) {
            ring = PacketRing.multiProducer(cap);
        } else if (cap > ring.ringCapacity()) {
            throw new ConfigException(tooLarge(cap));
        }
        capacity = cap;
    }

    private String tooLarge(int cap) {
        return "capacity " + cap + " exceeds this queue's ring of " + ring.ringCapacity()
                + " slots; to grow past it, change CAPACITY in the configuration and hot-swap the router"
                + " (queued packets are kept)";
    }

    @Override
    public void initialize(ElementContext ctx) {
        clock = ctx.clock();
    }

    /** Stores {@code p}; on a thread measuring stage costs, the time counts as enqueue. */
    @Override
    public void push(int port, Packet p) {
        StageMeter m = StageMeter.active();
        if (m == null) {
            store(p);
        } else {
            int outer = m.enter(StageMeter.ENQUEUE);
            store(p);
            m.exit(outer);
        }
    }

    private void store(Packet p) {
        int length = ring.offer(p, capacity);
        if (length >= 0) {
            // the length the ring reports may overstate; confirm before raising the high-water mark
            if (length > highwater) {
                if (highwaterSkip > 0) {
                    highwaterSkip--;
                } else {
                    length = length();
                    if (length > highwater) {
                        highwater = length;
                    } else {
                        highwaterSkip = HIGHWATER_SKIP;
                    }
                }
            }
            ring.afterStore(notifier);
            if (length >= capacity) {
                markFullIfFull(); // the estimate says full: look, and stop the pushers if so
            }
        } else {
            p.kill();
            drops.increment();
            markFullIfFull();
        }
    }

    /** Puts the full notifier to sleep if the queue is full, then looks again (see FullNotifier). */
    private void markFullIfFull() {
        if (fullNotifier.active() && length() >= capacity) {
            fullNotifier.sleep();
            if (length() <= lowWater()) {
                fullNotifier.wake(); // the puller drained it meanwhile and saw the notifier active
            }
        }
    }

    /** The length at which the puller wakes the pushers of a full queue: half the capacity. */
    private int lowWater() {
        return capacity / 2;
    }

    /** After a pull: wakes the pushers of a queue that was full once it has drained to the low-water mark. */
    private void wakePushersIfDrained() {
        if (length() <= lowWater()) {
            fullNotifier.wake();
        }
    }

    /**
     * Switches to the single-producer ring when the graph shows exactly one task pushing and one
     * pulling (and no timer, handler-driven source or other thread on either side); otherwise keeps
     * the multi-producer ring. Packets already stored (by an earlier {@link #takeState}) move over
     * in order. Called by the router before it starts, so nothing pushes or pulls meanwhile.
     */
    @Override
    public void concurrencyKnown(PortConcurrency concurrency) {
        if (concurrency.pushingTasks(0) != 1 || concurrency.pullingTasks(0) != 1) {
            return;
        }
        PacketRing single = PacketRing.singleProducer(ring.ringCapacity());
        for (Packet p = ring.poll(); p != null; p = ring.poll()) {
            single.offerUnbounded(p); // the same number of slots or more: every packet fits
        }
        ring = single;
    }

    /** The store in use: "mpsc" (any number of pushing threads) or "spsc" (one pushing task). */
    public String implementation() {
        return ring.kind();
    }

    /** The oldest packet or null; on a thread measuring stage costs, the time counts as dequeue. */
    @Override
    public Packet pull(int port) {
        StageMeter m = StageMeter.active();
        Packet p;
        if (m == null) {
            p = take();
        } else {
            int outer = m.enter(StageMeter.DEQUEUE);
            p = take();
            m.exit(outer);
        }
        if (p != null && !fullNotifier.active()) {
            wakePushersIfDrained();
        }
        return p;
    }

    private Packet take() {
        if (stagedNext < stagedEnd) {
            return takeStaged();
        }
        if (released == 0 && batch > 1 && holdBack()) {
            // The notifier stays active, so the puller keeps looking and sees the delay run out.
            return null;
        }
        Packet p = pollAndStage();
        if (released > 0) {
            released = p == null ? 0 : released - 1;
        }
        if (p != null) {
            emptyPulls = 0;
        } else if (++emptyPulls >= EMPTY_PULLS_BEFORE_SLEEP) {
            emptyPulls = 0;
            notifier.sleep();
            // A producer may have stored a packet between the failed poll and sleep(): it saw the
            // notifier still active and woke nobody. Look once more, and stay awake if it did.
            p = ring.poll();
            if (p != null) {
                notifier.wake();
            }
        }
        return p;
    }

    /** The oldest packet on the ring, with up to {@link #STAGE} more taken off behind it and read ahead. */
    private Packet pollAndStage() {
        Packet first = ring.relaxedPoll();
        if (first == null) {
            return null;
        }
        int sum = readAhead(first);
        int n = 0;
        for (Packet q; n < STAGE && (q = ring.relaxedPoll()) != null; n++) {
            staged[n] = q;
            sum += readAhead(q);
        }
        stagedNext = 0;
        stagedEnd = n;
        touched = sum;
        return first;
    }

    private static int readAhead(Packet p) {
        return p.length() == 0 ? 0 : p.buffer()[p.offset()];
    }

    private Packet takeStaged() {
        Packet p = staged[stagedNext];
        staged[stagedNext++] = null;
        if (released > 0) {
            released--;
        }
        emptyPulls = 0;
        return p;
    }

    /**
     * The batch rule: true while fewer than BATCH packets wait and the first of the wait began less
     * than BATCH_DELAY ago. When it lets pulls through, it releases every packet waiting now, so
     * the puller takes them in one go.
     */
    private boolean holdBack() {
        int length = ring.size();
        if (length == 0) {
            holding = false;
            return false; // the ordinary empty path: the notifier sleeps and a push wakes the puller
        }
        if (length < batch) {
            long now = clock.nanoTime();
            if (!holding) {
                holding = true;
                heldSince = now;
                return true;
            }
            if (now - heldSince < batchDelay) {
                return true;
            }
        }
        holding = false;
        released = length;
        return false;
    }

    @Override
    public EmptyNotifier emptyNotifier(int port) {
        return notifier;
    }

    @Override
    public FullNotifier fullNotifier(int port) {
        return fullNotifier;
    }

    /** Packets stored now. */
    public int length() {
        return ring.size() + stagedCount();
    }

    /** Packets the puller has taken off the ring but not handed out (read racily by handlers). */
    private int stagedCount() {
        return Math.max(0, stagedEnd - stagedNext);
    }

    /** Packets dropped because the queue was full. */
    public long drops() {
        return drops.sum();
    }

    public int capacity() {
        return capacity;
    }

    private void setCapacity(String text) throws HandlerException {
        int cap = HandlerValues.parseInt(text, 1, Integer.MAX_VALUE, "a capacity (an integer >= 1)");
        if (cap > ring.ringCapacity()) {
            throw new HandlerException(tooLarge(cap));
        }
        capacity = cap;
        // Shrinking below the current length keeps the extra packets; they leave as they are pulled.
        if (!fullNotifier.active() && length() < cap) {
            fullNotifier.wake(); // grown: room again
        }
    }

    private void killAll() {
        while (stagedNext < stagedEnd) {
            takeStaged().kill();
        }
        for (Packet p = ring.poll(); p != null; p = ring.poll()) {
            p.kill();
        }
        fullNotifier.wake();
    }

    /**
     * Takes the old queue's packets, oldest first (beyond CAPACITY they are dropped and counted).
     * The old queue may come from an older version of this bundle (PacketHolder is click.api's).
     */
    @Override
    public void takeState(Element old) {
        if (!(old instanceof PacketHolder from) || !sameElementClass(old)) {
            return;
        }
        for (Packet p = from.takeOldestForSwap(); p != null; p = from.takeOldestForSwap()) {
            push(0, p);
        }
    }

    @Override
    public Packet takeOldestForSwap() {
        return stagedNext < stagedEnd ? takeStaged() : ring.poll(); // staged ones left the ring first
    }

    @Override
    public void cleanup() {
        killAll();
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("length", () -> Integer.toString(length()))
         .read("implementation", this::implementation)
         .read("highwater_length", () -> Integer.toString(highwater))
         .read("drops", () -> Long.toString(drops.sum()))
         .readWrite("capacity", () -> Integer.toString(capacity), this::setCapacity)
         .write("reset_counts", v -> {
             drops.reset();
             highwater = length();
         })
         .write("reset", v -> killAll());
    }
}

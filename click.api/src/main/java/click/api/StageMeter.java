package click.api;

/**
 * Where a router thread's time goes, by stage of packet processing, after the SMP Click paper's
 * Table 1: receive, push processing, enqueue, dequeue, transmit, free.
 *
 * <p>How. A driver that owns its threads ({@link DriverThread}) gives each one a meter and switches it on
 * for a run now and then ({@link #begin()} ... {@link #end()}, the SMP driver does it on a share of
 * the runs it already samples for task costs). While it is on, the elements at the stage boundaries
 * mark them: {@link #enter} when their stage starts, {@link #exit} when it ends, which gives the
 * time back to the stage that was running before (stages nest: a Queue's enqueue happens inside
 * push processing, a free inside transmit). Each mark reads the clock once and adds the time since
 * the previous mark to the stage being left. Time no element marked is push processing (the
 * elements between a source and a Queue, a puller's own loop). Who marks what: sources around
 * making or reading a packet (receive), Queue's push (enqueue) and pull (dequeue), sinks that send
 * packets out (transmit), {@link Packet#kill()} (free).
 * <pre>{@code
 *   StageMeter m = StageMeter.active();     // null unless this thread is measuring now
 *   if (m == null) {
 *       store(p);                            // the ordinary path: nothing more
 *   } else {
 *       int outer = m.enter(StageMeter.ENQUEUE);
 *       store(p);
 *       m.exit(outer);
 *   }
 * }</pre>
 *
 * <p>Cost when not measuring: {@link #active()} is a check of the current thread's type and one
 * field read, no allocation, no lock, no atomic instruction. While measuring, each mark costs a clock
 * read (tens of nanoseconds with {@link System#nanoTime()}, as much as a whole stage of a fast
 * path): half of it lands in the stage being left, half in the next. So each interval between two
 * marks is charged one clock read less ({@code readCost}, measured once for the system clock by
 * {@link #systemClockReadCost()}), never below zero. A measured run that took longer than
 * {@link #LONGEST_RUN_NANOS} was almost certainly preempted by the operating system (a task's run
 * takes microseconds); its times would swamp thousands of others, so it is counted in
 * {@link #discardedRuns()} and otherwise dropped.
 *
 * <p>Thread ownership: a meter is written only by its thread ({@link #begin}, {@link #end},
 * {@link #enter}, {@link #exit}); {@link #nanos}, {@link #events} and {@link #runs} may be read from
 * any thread and may be slightly out of date, as the driver's other statistics.
 *
 * <p>Invariants: the time between {@link #begin()} and {@link #end()} of a kept run, less one clock
 * read per interval between marks, is what it adds to the stages; outside a kept run nothing is
 * added.
 */
public final class StageMeter {
    /** A source making or reading a packet (the paper's Recv, with the buffer allocation). */
    public static final int RECEIVE = 0;
    /** Everything not marked otherwise: the elements a packet is pushed through, pullers' own loops. */
    public static final int PUSH = 1;
    /** A Queue storing a packet. */
    public static final int ENQUEUE = 2;
    /** A Queue handing a packet out (or finding none). */
    public static final int DEQUEUE = 3;
    /** A sink sending a packet out of the router (ToDevice, ToDump). */
    public static final int TRANSMIT = 4;
    /** Freeing a packet to the thread's pool. */
    public static final int FREE = 5;
    /** Number of stages. */
    public static final int STAGES = 6;

    /** Measured runs longer than this are dropped as preempted: 1 ms. */
    public static final long LONGEST_RUN_NANOS = 1_000_000;

    private static final String[] NAMES = {"receive", "push", "enqueue", "dequeue", "transmit", "free"};

    private static volatile long systemReadCost = -1;

    private final Clock clock;
    private final long readCost;
    private final long[] nanos = new long[STAGES];
    private final long[] events = new long[STAGES];
    /** The run being measured, added to the totals at its end unless it was too long. */
    private final long[] runNanos = new long[STAGES];
    private final long[] runEvents = new long[STAGES];
    private boolean on;
    private int stage = PUSH;
    private long since;
    private long runStart;
    private long runs;
    private long discarded;

    /**
     * A meter reading time from {@code clock} (router threads: {@link Clock#SYSTEM}; tests: a manual
     * one), taking {@code readCost} nanoseconds off each interval between marks for the clock reads.
     */
    public StageMeter(Clock clock, long readCost) {
        this.clock = clock;
        this.readCost = readCost;
    }

    /**
     * What one {@link System#nanoTime()} costs on this machine, in nanoseconds: the average over a
     * few thousand back-to-back reads, taken once and kept.
     */
    public static long systemClockReadCost() {
        long cost = systemReadCost;
        if (cost < 0) {
            int reads = 20_000;
            long best = Long.MAX_VALUE;
            for (int attempt = 0; attempt < 5; attempt++) { // the quietest of a few tries: a preemption only inflates
                long start = System.nanoTime();
                for (int i = 0; i < reads; i++) {
                    System.nanoTime();
                }
                best = Math.min(best, (System.nanoTime() - start) / reads);
            }
            cost = best;
            systemReadCost = cost;
        }
        return cost;
    }

    /** The calling thread's meter if the thread is measuring a run now, otherwise null. */
    public static StageMeter active() {
        Thread t = Thread.currentThread();
        if (t instanceof DriverThread) { // a class check: see DriverThread for why not an interface
            StageMeter m = ((DriverThread) t).stageMeter();
            if (m != null && m.on) {
                return m;
            }
        }
        return null;
    }

    /** The name of stage {@code s} in reports ("receive", "push", ...). */
    public static String name(int s) {
        return NAMES[s];
    }

    /** Starts measuring a run: the time from now on goes to push processing until a mark says otherwise. */
    public void begin() {
        on = true;
        stage = PUSH;
        since = clock.nanoTime();
        runStart = since;
    }

    /**
     * Ends the measured run, giving the time since the last mark to the current stage, and adds the
     * run to the totals unless it took longer than {@link #LONGEST_RUN_NANOS}.
     */
    public void end() {
        if (!on) {
            return;
        }
        charge(clock.nanoTime());
        on = false;
        boolean keep = since - runStart <= LONGEST_RUN_NANOS;
        for (int s = 0; s < STAGES; s++) {
            if (keep) {
                nanos[s] += runNanos[s];
                events[s] += runEvents[s];
            }
            runNanos[s] = 0;
            runEvents[s] = 0;
        }
        if (keep) {
            runs++;
        } else {
            discarded++;
        }
    }

    /** Gives the time from the last mark to {@code now}, less one clock read, to the current stage. */
    private void charge(long now) {
        long d = now - since - readCost;
        if (d > 0) {
            runNanos[stage] += d;
        }
        since = now;
    }

    /**
     * Stage {@code s} starts: the time since the last mark goes to the stage running until now.
     * Returns that stage, to hand back to {@link #exit} when {@code s} ends.
     */
    public int enter(int s) {
        int outer = stage;
        charge(clock.nanoTime());
        stage = s;
        runEvents[s]++;
        return outer;
    }

    /**
     * Stage {@code s} goes on without a new event: its time counts, but it was already counted for
     * the packets concerned (a batch's system call after its frames were queued). Hand the result
     * to {@link #exit}, as with {@link #enter}.
     */
    public int resume(int s) {
        int outer = stage;
        charge(clock.nanoTime());
        stage = s;
        return outer;
    }

    /** The current stage ends: its time since the last mark is added, and {@code outer} runs again. */
    public void exit(int outer) {
        charge(clock.nanoTime());
        stage = outer;
    }

    /** Nanoseconds attributed to stage {@code s} over all measured runs. */
    public long nanos(int s) {
        return nanos[s];
    }

    /** Times stage {@code s} was entered in measured runs (for most stages: packets). */
    public long events(int s) {
        return events[s];
    }

    /** Runs measured so far (not counting the discarded ones). */
    public long runs() {
        return runs;
    }

    /** Measured runs dropped because they took longer than {@link #LONGEST_RUN_NANOS} (preempted). */
    public long discardedRuns() {
        return discarded;
    }
}

package click.scheduler;

import click.api.Clock;
import click.api.DriverThread;
import click.api.StageMeter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpscUnboundedArrayQueue;

/**
 * One router thread of the SMP driver: runs its private worklist round-robin, fires its timers,
 * and backs off when a whole round did no work.
 *
 * <p>A round: drain the inbox (tasks arriving or asked to leave, timer changes), fire the due
 * timers, run every runnable task once. Task hand-over happens only while draining, so never while
 * a task runs. Cost sampling: one run in about {@link SmpDriver#sampleEvery()} (a random gap, so a
 * task doing work on every other run is not always timed on the same kind of run) is timed with
 * {@link System#nanoTime()}. Every {@value #STAGE_SAMPLE_EVERY}th of those samples measures stage
 * costs instead (the thread's {@link StageMeter} is on for that run, and the elements at the stage
 * boundaries read the clock): the run is not used for the task's cost, since those clock reads
 * would inflate it.
 *
 * <p>Backing off after a round with no work: {@value #SPIN_ROUNDS} rounds of busy spinning, then
 * {@value #YIELD_ROUNDS} rounds of {@link Thread#yield()}, then parking. While some task is
 * runnable (it may be polling) the park lasts {@value #MIN_PARK_NANOS} ns at first and doubles up
 * to {@link SmpDriver#maxParkNanos()}; when every task sleeps it lasts until the next timer deadline,
 * or until unparked. A task's wake, a message in the inbox and a stop request unpark the thread:
 * each writes its change first and then reads {@link #parked}, while the thread writes
 * {@link #parked} first and then looks at tasks, inbox and stop flag, so one side always sees the
 * other (both are volatile accesses).
 *
 * <p>Thread ownership: the worklist, the timer heap, the back-off state and the sampling state are
 * this thread's alone (before {@link #start()}, the setup thread's). Other threads reach it only
 * through {@link #post} and {@link #unparkIfParked}.
 *
 * <p>Invariants: a task is in this worklist iff its {@code holder} is this thread; a timer is in
 * this heap only if its {@code home} is this thread.
 */
final class RouterThread extends DriverThread {
    static final int SPIN_ROUNDS = 100;
    static final int YIELD_ROUNDS = 20;
    static final long MIN_PARK_NANOS = 20_000;
    /** One cost sample in this many measures stage costs instead. */
    static final int STAGE_SAMPLE_EVERY = 4;
    /** Busy rounds between two looks at the timers (a power of two). */
    static final int TIMER_STRIDE = 16;

    private final SmpDriver driver;
    final int index;
    private final MpscUnboundedArrayQueue<Object> inbox = new MpscUnboundedArrayQueue<>(64);
    private final List<SmpTask> worklist = new ArrayList<>();
    private final TimerHeap timers = new TimerHeap();
    private volatile boolean parked;

    private int idleRounds;
    private long parkNanos = MIN_PARK_NANOS;
    private int untilSample = 1;
    private int untilStageSample = STAGE_SAMPLE_EVERY;
    private int random;
    /** Rounds run so far; read without synchronisation by the balancer. */
    long rounds;

    RouterThread(SmpDriver driver, int index) {
        super("click-router-" + index, index, new StageMeter(Clock.SYSTEM, StageMeter.systemClockReadCost()));
        this.driver = driver;
        this.index = index;
        this.random = 0x9E3779B9 * (index + 1);
        setDaemon(true);
    }

    // ---- from other threads ----

    /** Hands {@code message} (a task to adopt or reconsider, a timer to reconcile) to this thread. */
    void post(Object message) {
        inbox.offer(message);
        unparkIfParked();
    }

    void unparkIfParked() {
        if (parked) {
            LockSupport.unpark(this);
        }
    }

    // ---- the loop ----

    /** Where this thread runs: "CPU n" once pinned, else why it is not; null before it starts. */
    volatile String affinity;

    @Override
    public void run() {
        if (driver.pinsThreads()) {
            try {
                affinity = "CPU " + ThreadAffinity.pinCurrentThread(index);
            } catch (RuntimeException | LinkageError e) { // whatever happens, the thread runs unpinned
                affinity = "not pinned: " + e.getMessage();
            }
        } else {
            affinity = "not pinned (pinning is off: click.affinity=false)";
        }
        int work = 0;
        while (!driver.stopRequested()) {
            drainInbox();
            // Reading the clock every round costs as much as a short task (about 25 ns here), so
            // timers are looked at every TIMER_STRIDE busy rounds and after every idle round, as the
            // single-threaded driver does; so are the deferred wake checks (see DriverThread).
            if (work == 0 || (rounds & (TIMER_STRIDE - 1)) == 0) {
                flushWakeChecks();
                work = fireDueTimers();
            } else {
                work = 0;
            }
            List<SmpTask> list = worklist;
            for (int i = 0, n = list.size(); i < n && !driver.stopRequested(); i++) {
                work += runOnce(list.get(i));
            }
            rounds++;
            if (work > 0) {
                idleRounds = 0;
                parkNanos = MIN_PARK_NANOS;
            } else {
                backOff();
            }
        }
        flushWakeChecks();
    }

    private int runOnce(SmpTask t) {
        if (!t.beginRun()) {
            return 0;
        }
        t.calls++;
        int w;
        if (--untilSample == 0) {
            untilSample = nextSampleGap();
            if (--untilStageSample == 0) {
                untilStageSample = STAGE_SAMPLE_EVERY;
                stageMeter().begin();
                w = runGuarded(t);
                stageMeter().end();
            } else {
                long start = System.nanoTime();
                w = runGuarded(t);
                t.sample(System.nanoTime() - start, w);
            }
        } else {
            w = runGuarded(t);
        }
        t.endRun();
        if (w > 0) {
            t.work += w;
            t.workingCalls++;
            return w;
        }
        return 0;
    }

    private int runGuarded(SmpTask t) {
        try {
            return t.task.runTask();
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            driver.failed(t.owner(), e);
            return 0;
        }
    }

    /** A gap in [1, 2 * sampleEvery - 1], uniformly (xorshift): on average one run in sampleEvery. */
    private int nextSampleGap() {
        int x = random;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        random = x;
        int span = 2 * driver.sampleEvery() - 1;
        return 1 + (int) ((x & 0x7fffffffL) % span);
    }

    private void backOff() {
        flushWakeChecks();
        idleRounds++;
        if (idleRounds <= SPIN_ROUNDS) {
            Thread.onSpinWait();
            return;
        }
        if (idleRounds <= SPIN_ROUNDS + YIELD_ROUNDS) {
            Thread.yield();
            return;
        }
        parked = true;
        try {
            // Look again after announcing the park (see the class comment).
            if (!inbox.isEmpty() || driver.stopRequested()) {
                return;
            }
            long wait = anyRunnable() ? parkNanos : Long.MAX_VALUE;
            SmpTimer next = timers.peek();
            if (next != null) {
                Clock clock = driver.clock();
                long untilDue = next.heapDeadline - clock.nanoTime();
                if (clock != Clock.SYSTEM) {
                    // another clock's time need not pass with real time: look at it regularly
                    untilDue = Math.min(untilDue, driver.maxParkNanos());
                }
                wait = Math.min(wait, untilDue);
            }
            if (wait <= 0) {
                return;
            }
            if (wait == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, wait);
                parkNanos = Math.min(parkNanos * 2, driver.maxParkNanos());
            }
        } finally {
            parked = false;
        }
    }

    private boolean anyRunnable() {
        for (SmpTask t : worklist) {
            if (t.runnable()) {
                return true;
            }
        }
        return false;
    }

    // ---- inbox ----

    private void drainInbox() {
        Object m;
        while ((m = inbox.relaxedPoll()) != null) {
            if (m instanceof SmpTask t) {
                handOver(t);
            } else {
                reconcile((SmpTimer) m);
            }
        }
    }

    /**
     * Acts on a task message: lets the task go if it is held here and wanted elsewhere; adopts it
     * if it travels here. Any other message is stale and ignored (the task is held or travels
     * elsewhere, and whoever holds it acts on its latest wish).
     */
    void handOver(SmpTask t) {
        if (t.holder == this) {
            int want = t.requested;
            if (want != index) {
                worklist.remove(t);
                RouterThread target = driver.thread(want);
                t.transitTo = target; // before holder = null: a receiver that sees null sees this
                t.threadIndex = want;
                t.holder = null;
                target.post(t);
            }
        } else if (t.holder == null && t.transitTo == this) {
            worklist.add(t);
            t.threadIndex = index;
            t.holder = this;
            // A move asked while the task travelled wrote requested before reading holder (null):
            // we wrote holder before reading requested, so we see it.
            if (t.requested != index) {
                handOver(t);
            }
        }
    }

    /** Takes {@code t} into the worklist directly (setup, before the threads start). */
    void adoptBeforeStart(SmpTask t) {
        worklist.add(t);
        t.threadIndex = index;
        t.transitTo = this;
        t.holder = this;
    }

    /** Lets {@code t} go directly (setup, before the threads start). */
    void releaseBeforeStart(SmpTask t) {
        worklist.remove(t);
        t.holder = null;
    }

    // ---- timers ----

    /** Brings this thread's heap in line with {@code t}'s wanted deadline, or forwards {@code t} to its home. */
    void reconcile(SmpTimer t) {
        RouterThread home = t.home;
        if (home != this) {
            if (home != null) {
                home.post(t); // a message that reached a former home
            }
            return;
        }
        RouterThread want = driver.timerHome(t);
        if (want != this) {
            timers.remove(t);
            t.home = want;
            want.post(t);
            return;
        }
        long d = t.deadline();
        if (d < 0) {
            timers.remove(t);
        } else {
            timers.put(t, d, t.sequence);
        }
    }

    /** Fires every timer that is due, earliest first; returns how many fired. */
    private int fireDueTimers() {
        if (timers.isEmpty()) {
            return 0;
        }
        long now = driver.clock().nanoTime();
        int fired = 0;
        SmpTimer t;
        while ((t = timers.peek()) != null && t.heapDeadline <= now && !driver.stopRequested()) {
            timers.remove(t);
            if (!t.claimFiring(t.heapDeadline)) {
                continue; // changed meanwhile: its message is in the inbox and re-files it
            }
            fired++;
            try {
                t.action.run();
            } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
                driver.failed(t.owner, e);
            }
        }
        return fired;
    }

    /** Re-files every timer whose home changed before the start (its owner's task was moved). */
    void rehomeTimersBeforeStart() {
        for (SmpTimer t : timers.toArray()) {
            RouterThread want = driver.timerHome(t);
            if (want != this) {
                timers.remove(t);
                t.home = want;
                want.reconcile(t);
            }
        }
    }
}

package click.scheduler;

import click.api.Element;
import click.api.Task;
import click.api.TaskHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The SMP driver's record of one task: its run state, its place in a thread's worklist, and its
 * sampled costs.
 *
 * <p>Run state, one atomic int: {@code RUNNABLE} (in its thread's round, not running),
 * {@code RUNNING}, {@code RUNNING_WOKEN} (a wake arrived during the current run), {@code SLEEPING}.
 * The owning thread sets {@code RUNNING} with a CAS (a store-load fence) before every run and
 * settles the state after it. {@link #wake()} from any thread: nothing to do when runnable
 * or already woken; {@code RUNNING -> RUNNING_WOKEN}; {@code SLEEPING -> RUNNABLE} plus an unpark of
 * the owning thread if it is parked. A sleep requested during a run takes effect only if no wake
 * reached the task during that run (a CAS {@code RUNNING -> SLEEPING} after the run): so a pull
 * task that saw an empty signal and decided to sleep still runs again when the producer's wake
 * raced with that decision. That, with the volatile {@code RUNNING} write before the run and the
 * producer's fence after its store (see {@link click.api.EmptyNotifier}), means no wake-up is lost.
 *
 * <p>Moving between threads (see {@link RouterThread}): {@link #requested} is the thread the task
 * should be on; {@link #holder} the thread whose worklist holds it, or null while it travels;
 * {@link #transitTo} the thread it travels to. Only the holder removes the task from its worklist,
 * between two task runs, and posts it to the target thread's inbox; only that target adds it. So
 * the task is in at most one worklist and never runs on two threads at once.
 *
 * <p>Thread ownership: the statistics fields are written only by the thread running the task (one
 * at a time, handed over through an inbox, which orders the writes); other threads (the balancer,
 * reports) read them without synchronisation and may see slightly old values.
 */
public final class SmpTask implements TaskHandle {
    static final int RUNNABLE = 0;
    static final int RUNNING = 1;
    static final int RUNNING_WOKEN = 2;
    static final int SLEEPING = 3;
    /** Weight of a new sample in the moving averages: roughly the last 16 samples count. */
    static final double EWMA_WEIGHT = 1.0 / 16;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(SmpTask.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SmpDriver driver;
    private final Element owner;
    final Task task;
    private final String label;

    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state = RUNNABLE;
    /** Set by {@link #sleep()} while the task runs; settled by the running thread after the run. */
    private volatile boolean sleepRequested;

    volatile RouterThread holder;
    volatile RouterThread transitTo;
    volatile int requested;
    /** Index of the thread the task is on (or travelling to); what {@link #thread()} reports. */
    volatile int threadIndex;
    volatile boolean pinned;

    // ---- statistics, written by the running thread ----
    long calls;
    long work;
    long workingCalls;
    double nsPerCall;
    double nsPerWorkingCall;
    double unitsPerWorkingCall;
    long sampledCalls;
    /** The balancer's own bookkeeping: {@link #calls} at the previous rebalance. */
    long callsAtLastBalance;

    SmpTask(SmpDriver driver, Element owner, Task task, String label, int thread) {
        this.driver = driver;
        this.owner = owner;
        this.task = task;
        this.label = label;
        this.requested = thread;
        this.threadIndex = thread;
    }

    // ---- run state (the running thread) ----

    /** Marks the task running; false if it sleeps (the caller skips it). */
    boolean beginRun() {
        // A CAS rather than a plain volatile write, so that a sleep() from another thread that
        // lands between the check and the write is not overwritten.
        return (int) STATE.getVolatile(this) == RUNNABLE && STATE.compareAndSet(this, RUNNABLE, RUNNING);
    }

    /** Settles the state after a run: asleep only if asked to and no wake arrived meanwhile. */
    void endRun() {
        if (sleepRequested) {
            sleepRequested = false;
            if (STATE.compareAndSet(this, RUNNING, SLEEPING)) {
                return;
            }
        }
        STATE.setRelease(this, RUNNABLE);
    }

    boolean runnable() {
        return (int) STATE.getVolatile(this) != SLEEPING;
    }

    // ---- TaskHandle ----

    @Override
    public void wake() {
        while (true) {
            int s = (int) STATE.getVolatile(this);
            if (s == RUNNABLE || s == RUNNING_WOKEN) {
                return;
            }
            int next = s == RUNNING ? RUNNING_WOKEN : RUNNABLE;
            if (STATE.compareAndSet(this, s, next)) {
                if (s == SLEEPING) {
                    RouterThread h = holder;
                    if (h != null) {
                        h.unparkIfParked();
                    }
                    // else the task is travelling: its target was unparked by the hand-over and
                    // looks at the state after adopting it.
                }
                return;
            }
        }
    }

    /**
     * Stops running the task until {@link #wake()}. Meant for the task itself, inside its run;
     * also accepted from other threads (a handler turning a task off): a running task then goes to
     * sleep after its current run.
     */
    @Override
    public void sleep() {
        while (true) {
            int s = (int) STATE.getVolatile(this);
            if (s == SLEEPING) {
                return;
            }
            if (s != RUNNABLE) {
                sleepRequested = true; // settled by endRun, which also sees a wake that came first
                return;
            }
            if (STATE.compareAndSet(this, RUNNABLE, SLEEPING)) {
                return;
            }
        }
    }

    @Override
    public boolean isScheduled() {
        return runnable();
    }

    @Override
    public Element owner() {
        return owner;
    }

    @Override
    public int thread() {
        return threadIndex;
    }

    /**
     * Moves the task to {@code thread} between two of its runs, and pins it there: the adaptive
     * balancer leaves it alone from now on (StaticThreadSched's assignment is the user's choice).
     */
    @Override
    public void moveTo(int thread) {
        driver.move(this, thread, true);
    }

    /** Whether {@link #moveTo} placed the task, so the balancer does not move it. */
    public boolean pinned() {
        return pinned;
    }

    // ---- statistics ----

    /** A name for reports: the owner element's name, with {@code #n} for its second and later tasks. */
    public String label() {
        return label;
    }

    /** Times the task has been run. */
    public long calls() {
        return calls;
    }

    /** Work units (packets) the task reported in total. */
    public long work() {
        return work;
    }

    /** Runs that reported work. */
    public long workingCalls() {
        return workingCalls;
    }

    /** Sampled average cost of one run in nanoseconds (moving average), 0 before the first sample. */
    public double nsPerCall() {
        return nsPerCall;
    }

    /** Sampled average cost per work unit in nanoseconds, over runs that did work; 0 if none sampled. */
    public double nsPerUnit() {
        return unitsPerWorkingCall > 0 ? nsPerWorkingCall / unitsPerWorkingCall : 0;
    }

    /** How many runs were timed. */
    public long sampledCalls() {
        return sampledCalls;
    }

    /** Records one timed run: {@code ns} nanoseconds that reported {@code units} of work. */
    void sample(long ns, int units) {
        sampledCalls++;
        if (sampledCalls == 1) {
            nsPerCall = ns;
        } else {
            nsPerCall += (ns - nsPerCall) * EWMA_WEIGHT;
        }
        if (units > 0) {
            if (nsPerWorkingCall == 0) {
                nsPerWorkingCall = ns;
                unitsPerWorkingCall = units;
            } else {
                nsPerWorkingCall += (ns - nsPerWorkingCall) * EWMA_WEIGHT;
                unitsPerWorkingCall += (units - unitsPerWorkingCall) * EWMA_WEIGHT;
            }
        }
    }

    @Override
    public String toString() {
        return "task " + label + " on thread " + threadIndex + (runnable() ? "" : " (sleeping)");
    }
}

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
 * <p>Run state: {@link #state} is {@code RUNNABLE} or {@code SLEEPING}; whether the task is in a
 * run is known only to the thread running it ({@link #running}, a plain field), so a run costs no
 * atomic instruction: on this machine's cores a locked instruction also waits for every store still
 * in flight, such as the packet lines a cross-thread hand-off has just written. Sleeping and waking
 * pay instead, and they are rare (a task goes to sleep when it runs out of work):
 * <ul>
 * <li>{@link #sleep()} from inside the task's own run only asks ({@code sleepRequested}); after the
 * run the thread makes the task {@code SLEEPING} with a CAS (a full fence) and then reads
 * {@link #wakes}: if another thread woke the task since the run began, it is made runnable again.
 * <li>{@link #wake()} from another thread first counts itself in {@link #wakes} (an atomic add, a
 * full fence), then makes a {@code SLEEPING} task runnable and unparks its thread.
 * <li>{@link #wake()} from inside the task's own run just withdraws a sleep request.
 * </ul>
 * Either the sleeping thread sees the count go up or the waker sees {@code SLEEPING} (each writes,
 * fences, then reads what the other wrote), so no wake-up is lost. A pull task that saw an empty
 * signal and decided to sleep therefore still runs again when the producer's wake raced with that
 * decision. {@link #sleep()} from another thread (a handler turning a task off) makes a runnable task
 * {@code SLEEPING} at once; a run in progress finishes.
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
    static final int SLEEPING = 1;
    /** Weight of a new sample in the moving averages: roughly the last 16 samples count. */
    static final double EWMA_WEIGHT = 1.0 / 16;

    private static final VarHandle STATE;
    private static final VarHandle WAKES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(SmpTask.class, "state", int.class);
            WAKES = lookup.findVarHandle(SmpTask.class, "wakes", int.class);
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
    /** Wakes from other threads so far (wraps around; only changes are compared). */
    @SuppressWarnings("unused") // accessed through WAKES
    private volatile int wakes;

    // ---- the running thread's own: written and read only by the thread that runs the task ----
    /** Whether the task is in a run on its thread. */
    private boolean running;
    /** Set by {@link #sleep()} from inside the run; settled after the run. */
    private boolean sleepRequested;
    /** {@link #wakes} when the current run began. */
    private int wakesAtStart;

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
        if ((int) STATE.getAcquire(this) != RUNNABLE) {
            return false;
        }
        wakesAtStart = (int) WAKES.getAcquire(this);
        running = true;
        return true;
    }

    /** Settles the state after a run: asleep only if asked to and no wake arrived meanwhile. */
    void endRun() {
        running = false;
        if (sleepRequested) {
            sleepRequested = false;
            if (STATE.compareAndSet(this, RUNNABLE, SLEEPING) && (int) WAKES.getVolatile(this) != wakesAtStart) {
                STATE.compareAndSet(this, SLEEPING, RUNNABLE); // woken during the run: stay runnable
            }
        }
    }

    boolean runnable() {
        return (int) STATE.getVolatile(this) != SLEEPING;
    }

    /** Whether the calling thread is the one running this task, inside a run. */
    private boolean inOwnRun() {
        return Thread.currentThread() == holder && running;
    }

    // ---- TaskHandle ----

    @Override
    public void wake() {
        if (inOwnRun()) {
            sleepRequested = false;
            return;
        }
        WAKES.getAndAdd(this, 1);
        if ((int) STATE.getVolatile(this) == SLEEPING && STATE.compareAndSet(this, SLEEPING, RUNNABLE)) {
            RouterThread h = holder;
            if (h != null) {
                h.unparkIfParked();
            }
            // else the task is travelling: its target was unparked by the hand-over and looks at
            // the state after adopting it.
        }
    }

    /**
     * Stops running the task until {@link #wake()}. Meant for the task itself, inside its run;
     * also accepted from other threads (a handler turning a task off): a running task then goes to
     * sleep after its current run.
     */
    @Override
    public void sleep() {
        if (inOwnRun()) {
            sleepRequested = true;
            return;
        }
        STATE.compareAndSet(this, RUNNABLE, SLEEPING);
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

package click.scheduler;

import click.api.Element;
import click.api.Timer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A timer of the SMP driver. It lives in the timer heap of one router thread, its home: the thread
 * of its owner element's first task (thread 0 when the owner has no task), looked up again each
 * time the home thread handles a change, so a timer follows its element's task when that moves.
 *
 * <p>Scheduling from any thread writes the wanted deadline here at once (so {@link #deadline()}
 * and {@link #isScheduled()} answer at once) and then tells the home thread: directly when called
 * on it, else through its inbox. The home thread brings its heap in line with the wanted deadline
 * ({@link RouterThread#reconcile}); several changes in a row cost one heap update.
 *
 * <p>Thread ownership: {@code heapDeadline}, {@code heapSequence} and {@code heapIndex} belong to the
 * home thread's heap. {@code home} is written only by the current home thread (or by the setup
 * thread before the driver starts).
 *
 * <p>Invariants: the timer is in at most one heap, its home's; when it is there with deadline
 * {@code d} and the wanted deadline is still {@code d}, it fires once at {@code d}. A firing clears
 * the wanted deadline with a CAS, so a reschedule that raced with the firing is kept.
 */
final class SmpTimer implements Timer {
    private static final VarHandle DEADLINE;

    static {
        try {
            DEADLINE = MethodHandles.lookup().findVarHandle(SmpTimer.class, "deadline", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SmpDriver driver;
    final Element owner;
    final Runnable action;

    /** The wanted deadline, or -1. */
    private volatile long deadline = -1;
    /** Orders timers with equal deadlines by when they were scheduled. */
    volatile long sequence;
    volatile RouterThread home;

    long heapDeadline;
    long heapSequence;
    int heapIndex = -1;

    SmpTimer(SmpDriver driver, Element owner, Runnable action) {
        this.driver = driver;
        this.owner = owner;
        this.action = action;
    }

    @Override
    public void scheduleAfter(long nanos) {
        scheduleAt(driver.clock().nanoTime() + Math.max(0, nanos));
    }

    @Override
    public void scheduleAt(long when) {
        sequence = driver.nextTimerSequence();
        deadline = Math.max(0, when);
        driver.timerChanged(this);
    }

    @Override
    public void unschedule() {
        deadline = -1;
        driver.timerChanged(this);
    }

    @Override
    public boolean isScheduled() {
        return deadline >= 0;
    }

    @Override
    public long deadline() {
        return deadline;
    }

    /** Claims the firing at {@code d}: false if the timer was rescheduled or cancelled meanwhile. */
    boolean claimFiring(long d) {
        return DEADLINE.compareAndSet(this, d, -1L);
    }
}

package click.api;

/**
 * The driver's record of a registered {@link Task}: lets the task sleep until woken (Click's
 * unschedule/reschedule), and exposes where it runs.
 *
 * <p>Thread ownership: {@link #wake()} may be called from any thread (a Queue's producer wakes its
 * consumer); {@link #sleep()} only from the task itself, inside {@code runTask}.
 */
public interface TaskHandle {
    /** Makes the task runnable again if it was sleeping. Cheap when it is already runnable. */
    void wake();

    /** Stops running the task until {@link #wake()} is called. Call only from inside {@code runTask}. */
    void sleep();

    /** Whether the task is runnable (not sleeping). */
    boolean isScheduled();

    /** The element the task belongs to. */
    Element owner();

    /** The thread index whose worklist holds the task. */
    int thread();

    /**
     * Asks the driver to move the task to thread {@code thread} (StaticThreadSched); the move happens
     * between two runs of the task, never during one.
     */
    void moveTo(int thread);
}

package click.api;

/**
 * A one-shot timer that runs an action on a router thread at or after a deadline of the router's
 * {@link Clock}. Reschedule it from the action to make it periodic.
 */
public interface Timer {
    /** Runs the action {@code nanos} nanoseconds from now (replacing any earlier schedule). */
    void scheduleAfter(long nanos);

    /** Runs the action at {@link Clock#nanoTime()} {@code deadline} (replacing any earlier schedule). */
    void scheduleAt(long deadline);

    /** Cancels the pending run, if any. */
    void unschedule();

    boolean isScheduled();

    /** The pending deadline in {@link Clock#nanoTime()} units, or -1. */
    long deadline();
}

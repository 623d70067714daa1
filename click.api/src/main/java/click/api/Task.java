package click.api;

/**
 * A unit of schedulable work: what PollDevice, ToDevice, Unqueue and InfiniteSource register with
 * the driver. The driver calls {@link #runTask()} again and again from one thread at a time (never
 * from two threads at once), round-robin with the other tasks on that thread's worklist.
 */
@FunctionalInterface
public interface Task {
    /**
     * Does a bounded amount of work (at most one burst of packets) and returns how much: the number
     * of packets moved, or any positive number for other work, or 0 when there was nothing to do.
     * The driver uses it for the cost report and to back off when a thread is idle.
     */
    int runTask();
}

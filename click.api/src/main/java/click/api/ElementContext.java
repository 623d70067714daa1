package click.api;

/**
 * What the router offers an element while it initialises and runs: tasks, timers, time, the
 * activity signals of upstream queues, other elements, handlers, and the stop switch.
 * Implemented by the runtime (and by the test harness).
 */
public interface ElementContext {
    /** The clock all time-dependent behaviour must use (a simulated one in tests). */
    Clock clock();

    /** Registers {@code task} with the driver, runnable at once; the task belongs to {@code owner}. */
    TaskHandle addTask(Element owner, Task task);

    /** A new, unscheduled timer that runs {@code action} on a router thread. */
    Timer newTimer(Element owner, Runnable action);

    /**
     * The activity signal of the packet stores upstream of {@code owner}'s pull input {@code port},
     * with {@code listener} registered to be woken when any of them fills. {@link ActivitySignal#ALWAYS}
     * when some path upstream has no notifier.
     */
    ActivitySignal upstreamEmptySignal(Element owner, int port, TaskHandle listener);

    /**
     * The activity signal of the packet stores downstream of {@code owner}'s push output
     * {@code port}: active while any of them has room (Click's {@code downstream_full_signal}),
     * with {@code listener} registered to be woken when one drains. {@link ActivitySignal#ALWAYS}
     * when some path downstream reaches an element without a full notifier (a Discard, say), so
     * a pusher sleeps only when every packet it could make would be dropped at a full store.
     * The default, for contexts without a graph, is {@link ActivitySignal#ALWAYS}.
     */
    default ActivitySignal downstreamFullSignal(Element owner, int port, TaskHandle listener) {
        return ActivitySignal.ALWAYS;
    }

    /**
     * The element called {@code name}, looked up the way Click does from inside a compound: first
     * relative to {@code from}'s enclosing compound, then outward. Null if none.
     */
    Element findElement(Element from, String name);

    /** Handlers of the whole router, for scripts. */
    HandlerAccess handlers();

    /** Number of router threads (1 for the single-threaded driver). */
    int threadCount();

    /** Asks the driver to stop the router (Script's {@code stop}, a finished source with STOP true). */
    void requestStop();

    /** A message for the user at run time (Print, Script's read, warnings); goes to the router's log. */
    void message(Element from, String text);

    /**
     * Text that is the router's output rather than a message about it: Script's {@code print}, which
     * Click's userlevel driver writes to standard output. By default it goes where
     * {@link #message} goes.
     */
    default void output(Element from, String text) {
        message(from, text);
    }
}

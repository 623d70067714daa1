package click.api;

/**
 * Runs a router's tasks and timers: the runtime's single-threaded driver and the SMP scheduler
 * bundle both implement it, and the router does not care which it gets.
 *
 * <p>Life cycle: the router registers tasks and timers while elements initialise (through its
 * {@link ElementContext}, which delegates here), then calls {@link #start}, and eventually
 * {@link #requestStop} and {@link #awaitStop}.
 */
public interface Driver {
    /** Registers a task, runnable at once, on the driver's choice of thread. */
    TaskHandle addTask(Element owner, Task task);

    /** A new, unscheduled timer that runs {@code action} on a router thread. */
    Timer newTimer(Element owner, Runnable action);

    Clock clock();

    /** Number of router threads. */
    int threadCount();

    /** Starts running tasks and timers (on new threads, or on the caller's for {@link #run}). */
    void start();

    /** Runs on the calling thread until stopped (single-threaded drivers); others start and wait. */
    default void run() throws InterruptedException {
        start();
        awaitStop();
    }

    /** Asks every thread to stop after its current task; returns at once. Safe from any thread. */
    void requestStop();

    /** Waits until every thread has stopped. */
    void awaitStop() throws InterruptedException;

    /** Whether a stop was requested. */
    boolean stopRequested();

    /** The registered tasks, for reports (calls, packets, cost) and for moving them between threads. */
    java.util.List<? extends TaskHandle> tasks();

    /**
     * Where the driver reports an exception thrown by a task or timer of {@code owner} (the first of
     * each element; later ones are only counted). The router points it at its log before running.
     * The default ignores the reporter, for drivers that keep no such report.
     */
    default void setErrorLog(java.util.function.BiConsumer<Element, Throwable> log) {
    }

    /**
     * Declares the driver's own handlers (scheduling mode, task cost report, ...), which the router
     * offers among its global handlers. A driver with nothing to show declares none.
     */
    default void addHandlers(HandlerRegistry h) {
    }
}

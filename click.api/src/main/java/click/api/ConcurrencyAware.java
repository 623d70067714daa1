package click.api;

/**
 * An element that wants to learn, before any packet flows, how many tasks can reach its ports (see
 * {@link PortConcurrency}). The router calls {@link #concurrencyKnown} once, after every element is
 * initialised and the tasks' owners are known, and before its driver starts; hot-swap state moves
 * ({@link Element#takeState}) come after it. The call is on the thread that builds the router.
 *
 * <p>A router that never calls it (the in-memory test harness) leaves the element with its
 * default, which must be the choice that is safe for any number of threads.
 */
public interface ConcurrencyAware {
    /** Called once with the port concurrency the router found in its graph. */
    void concurrencyKnown(PortConcurrency concurrency);
}

package click.api;

/**
 * What the router's graph says about who can move packets through an element's ports while the
 * router runs: how many distinct tasks can push into each push input, and how many can pull from
 * each pull output. An element that stores packets (a Queue) uses it to choose a cheaper
 * single-producer or single-consumer structure when only one task can reach a side.
 *
 * <p>A count is {@link #UNBOUNDED} whenever something other than a task may reach the port: an
 * element on the path that owns a {@link Timer}, or a path that starts at an element without a task
 * (packets it emits come from handlers or other threads). The count is then no promise at all.
 *
 * <p>Thread ownership: immutable; given to an element once, before the router starts.
 */
public interface PortConcurrency {
    /** The count meaning "not bounded by the graph": any number of threads may reach the port. */
    int UNBOUNDED = Integer.MAX_VALUE;

    /** Distinct tasks that can push into push input {@code port}, or {@link #UNBOUNDED}; 0 for a pull input. */
    int pushingTasks(int port);

    /** Distinct tasks that can pull from pull output {@code port}, or {@link #UNBOUNDED}; 0 for a push output. */
    int pullingTasks(int port);
}

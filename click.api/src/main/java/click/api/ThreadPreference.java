package click.api;

/**
 * Implemented by elements that assign other elements' tasks to threads (StaticThreadSched). After
 * every element is initialised, the router asks each such element about each task's owner and
 * moves the task to the thread it names.
 */
public interface ThreadPreference {
    /** The thread the tasks of {@code owner} should run on, or -1 for no preference. */
    int preferredThread(Element owner);
}

package click.api;

/**
 * Implemented by elements that store packets and can say when they are empty (Queue). The router
 * finds these upstream of a puller to build the puller's {@link ActivitySignal}.
 */
public interface NotifierSource {
    /** The notifier for pull output {@code port}. */
    EmptyNotifier emptyNotifier(int port);
}

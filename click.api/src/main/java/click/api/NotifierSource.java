package click.api;

/**
 * Implemented by elements that store packets and can say when they are empty (Queue). The router
 * finds these upstream of a puller to build the puller's {@link ActivitySignal}, and, for those
 * that can also say when they are full, downstream of a pusher to build its signal.
 */
public interface NotifierSource {
    /** The notifier for pull output {@code port}. */
    EmptyNotifier emptyNotifier(int port);

    /** The full notifier of push input {@code port}, or null if this element has none (the default). */
    default FullNotifier fullNotifier(int port) {
        return null;
    }
}

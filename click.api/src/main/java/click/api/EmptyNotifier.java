package click.api;

/**
 * The "empty" notifier of a packet store such as a Queue: inactive while the store is empty, and on
 * becoming non-empty it wakes the tasks that pull from it.
 *
 * <p>Protocol. The consumer, after pulling nothing: {@code notifier.sleep()}, then looks at the
 * store once more and calls {@code notifier.wake()} if a packet arrived meanwhile. The re-check is
 * needed because a producer may have enqueued between the consumer's failed pull and its sleep,
 * and seen the notifier still active, so it did not wake anybody. The producer, after storing a
 * packet: {@code if (!notifier.active()) notifier.wake()}.
 *
 * <p>Memory ordering (producer and consumer on different threads). This is Dekker's pattern: the
 * consumer writes {@code active = false} and then reads the store; the producer writes the store
 * and then reads {@code active}. At least one of them must see the other's write, which needs a
 * store-load fence on both sides. The consumer's is in {@link #sleep()}. The producer's must come
 * with its store: a multi-producer JCTools offer claims its slot with a CAS, which is a full fence,
 * so the plain {@code if (!active()) wake()} is enough after it; a store published by an ordered
 * (release) write only, such as a single-producer JCTools offer, must use {@link #wakeAfterStore()},
 * or {@link #wakeAfterOrderedStore()}, which on a driver thread defers the fence to the thread's next
 * {@link DriverThread#flushWakeChecks()} (one fence for many packets).
 * Waking the listening tasks is the driver's part: a wake that reaches a task while it is running,
 * even before the task decides to sleep in that same run, keeps the task runnable.
 *
 * <p>Thread ownership: {@link #wake()} and {@link #active()} from any thread; {@link #sleep()} from
 * the consumer. Listeners are added at initialisation only.
 */
public final class EmptyNotifier extends Notifier {
}

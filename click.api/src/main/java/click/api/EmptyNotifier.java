package click.api;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The "empty" notifier of a packet store such as a Queue: inactive while the store is empty, and on
 * becoming non-empty it wakes the tasks that pull from it.
 *
 * <p>Protocol. The consumer, after pulling nothing: {@code notifier.sleep()}, then looks at the
 * store once more and calls {@code notifier.wake()} if a packet arrived meanwhile. The re-check is
 * needed because a producer may have enqueued between the consumer's failed pull and its sleep,
 * and seen the notifier still active, so it did not wake anybody. The producer, after storing a
 * packet: {@code if (!notifier.active()) notifier.wake()}. The single-threaded driver needs nothing
 * more; the SMP driver gives the two sides the memory ordering they need.
 *
 * <p>Thread ownership: {@link #wake()} and {@link #active()} from any thread; {@link #sleep()} from
 * the consumer. Listeners are added at initialisation only.
 */
public final class EmptyNotifier implements ActivitySignal {
    private volatile boolean active = true;
    private final CopyOnWriteArrayList<TaskHandle> listeners = new CopyOnWriteArrayList<>();

    @Override
    public boolean active() {
        return active;
    }

    /** Marks the store empty. Call, then re-check the store (see the class comment). */
    public void sleep() {
        active = false;
    }

    /** Marks the store non-empty and wakes every listening task. */
    public void wake() {
        active = true;
        for (TaskHandle t : listeners) {
            t.wake();
        }
    }

    /** Registers a task to wake when the store becomes non-empty. */
    public void addListener(TaskHandle task) {
        listeners.addIfAbsent(task);
    }

    public void removeListener(TaskHandle task) {
        listeners.remove(task);
    }
}

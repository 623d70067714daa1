package click.api;

import java.lang.invoke.VarHandle;

/**
 * A packet store's signal to the tasks on one side of it: active while they have something to do,
 * inactive while they should sleep. The store's other side wakes them. Two kinds:
 * {@link EmptyNotifier} (pullers sleep while the store is empty) and {@link FullNotifier} (pushers
 * sleep while it is full), as in Click. Their classes describe the protocol and memory ordering.
 *
 * <p>Thread ownership: {@link #wake()} and {@link #active()} from any thread; {@link #sleep()} from
 * the side that sleeps. Listeners are added at initialisation only.
 */
public abstract class Notifier implements ActivitySignal {
    private volatile boolean active = true;
    /** Copied on change (rare), so that waking walks a plain array and allocates nothing. */
    private volatile TaskHandle[] listeners = new TaskHandle[0];

    @Override
    public boolean active() {
        return active;
    }

    Notifier() {
    }

    /** Marks the notifier inactive. Call, then re-check the store (see the kinds' class comments). */
    public void sleep() {
        active = false;
        // The re-check that follows may be an acquire or plain read, which the Java memory model
        // lets move before a volatile write; the fence keeps it after (it is rare: the store is empty).
        VarHandle.fullFence();
    }

    /**
     * The producer's half of the protocol for a store published by an ordered (release) write, such
     * as a single-producer JCTools offer: a full fence, so that the store is visible to the consumer
     * before {@code active} is read here, then {@link #wake()} if the notifier is inactive. After a
     * store that already was a full fence (a CAS), {@code if (!active()) wake()} costs less.
     */
    public void wakeAfterStore() {
        VarHandle.fullFence();
        if (!active) {
            wake();
        }
    }

    /**
     * The same as {@link #wakeAfterStore()} for a store published by an ordered write, with the
     * fence deferred on a driver thread: wakes at once if the notifier is visibly inactive, and
     * otherwise leaves the fenced re-check to the thread's next {@link DriverThread#flushWakeChecks()}
     * (on any other thread, fences now).
     */
    public void wakeAfterOrderedStore() {
        if (!active) {
            wake();
            return;
        }
        if (Thread.currentThread() instanceof DriverThread d) {
            d.checkLater(this);
        } else {
            wakeAfterStore();
        }
    }

    /** Marks the notifier active and wakes every listening task. */
    public void wake() {
        active = true;
        for (TaskHandle t : listeners) { // an array: no iterator
            t.wake();
        }
    }

    /** Registers a task to wake when the notifier wakes (once, however often it is added). */
    public void addListener(TaskHandle task) {
        synchronized (this) {
            TaskHandle[] now = listeners;
            for (TaskHandle t : now) {
                if (t == task) {
                    return;
                }
            }
            TaskHandle[] more = java.util.Arrays.copyOf(now, now.length + 1);
            more[now.length] = task;
            listeners = more;
        }
    }

    /** Stops waking {@code task}. */
    public void removeListener(TaskHandle task) {
        synchronized (this) {
            listeners = java.util.Arrays.stream(listeners).filter(t -> t != task).toArray(TaskHandle[]::new);
        }
    }
}

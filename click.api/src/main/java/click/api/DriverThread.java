package click.api;

/**
 * A thread a driver runs router tasks on. It owns what the packet path asks the current thread
 * for: its {@link PacketPool}, its {@link Tally} slot and, on drivers that measure stage costs,
 * its {@link StageMeter}.
 *
 * <p>Why a class rather than interfaces: the packet path asks {@code Thread.currentThread()} for
 * these several times per packet. HotSpot in Java 17 answers "does this class implement that
 * interface" through a one-entry cache per class, so asking one thread class about three
 * interfaces in turn rewrites that cache on nearly every check, and with router threads of the
 * same class on two cores the cache's line moves between the cores each time (measured: the
 * 01-minimal workload fell from 32 to 22 Mpps, and 03a with two threads from 10 to 6). A check
 * against a class is a constant-time compare that writes nothing.
 *
 * <p>Deferred wake checks. A single-producer queue publishes a packet with an ordered store, and
 * waking a consumer that may be falling asleep needs a store-load fence after it (see
 * {@link EmptyNotifier}). A fence per packet would make the pushing thread wait, each time, for every
 * store still in flight, and across cores those include the packet lines being handed over. So a
 * driver thread collects the notifiers it stored into ({@link EmptyNotifier#wakeAfterOrderedStore})
 * and checks them together, after one fence, in {@link #flushWakeChecks()}. The driver must call it
 * at least every few rounds of its task loop and before it parks or yields, so a consumer that
 * fell asleep in the race waits a few rounds of this thread at most.
 *
 * <p>Thread ownership: the pool, the meter and the pending wake checks are this thread's alone.
 */
public abstract class DriverThread extends Thread {
    private final PacketPool pool = new PacketPool();
    private final int tallySlot;
    private final StageMeter stageMeter;
    private Notifier[] toCheck = new Notifier[4];
    private int toCheckCount;

    /**
     * @param name       the thread's name
     * @param tallySlot  this thread's slot in every {@link Tally}: its index among the driver's threads
     * @param stageMeter the meter of this thread's stage costs, or null when the driver measures none
     */
    protected DriverThread(String name, int tallySlot, StageMeter stageMeter) {
        super(name);
        this.tallySlot = tallySlot;
        this.stageMeter = stageMeter;
    }

    /** The same, running {@code body}. */
    protected DriverThread(Runnable body, String name, int tallySlot, StageMeter stageMeter) {
        super(body, name);
        this.tallySlot = tallySlot;
        this.stageMeter = stageMeter;
    }

    /** The packet pool this thread allocates from and frees to. */
    public final PacketPool packetPool() {
        return pool;
    }

    /** This thread's slot in every {@link Tally}. */
    public final int tallySlot() {
        return tallySlot;
    }

    /** This thread's stage meter, or null. */
    public final StageMeter stageMeter() {
        return stageMeter;
    }

    /** Remembers {@code n} for the next {@link #flushWakeChecks()} (this thread only). */
    final void checkLater(Notifier n) {
        Notifier[] pending = toCheck;
        int count = toCheckCount;
        for (int i = 0; i < count; i++) {
            if (pending[i] == n) {
                return;
            }
        }
        if (count == pending.length) {
            toCheck = pending = java.util.Arrays.copyOf(pending, 2 * count);
        }
        pending[count] = n;
        toCheckCount = count + 1;
    }

    /**
     * One store-load fence, then wakes every notifier stored into since the last flush that is
     * asleep. Call only from this thread.
     */
    public final void flushWakeChecks() {
        int count = toCheckCount;
        if (count == 0) {
            return;
        }
        java.lang.invoke.VarHandle.fullFence();
        Notifier[] pending = toCheck;
        toCheckCount = 0;
        for (int i = 0; i < count; i++) {
            Notifier n = pending[i];
            pending[i] = null;
            if (!n.active()) {
                n.wake();
            }
        }
    }
}

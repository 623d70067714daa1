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
 * <p>Thread ownership: the pool and the meter are this thread's alone; see their classes.
 */
public abstract class DriverThread extends Thread {
    private final PacketPool pool = new PacketPool();
    private final int tallySlot;
    private final StageMeter stageMeter;

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
}

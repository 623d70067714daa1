package click.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A statistics count (packets, bytes) that any number of threads add to, and that costs a router
 * thread no atomic instruction: use it for the counts an element keeps on its packet path.
 *
 * <p>Why not a {@link java.util.concurrent.atomic.LongAdder}: its add is a compare-and-swap even
 * without contention, and on x86 that locked instruction also waits for every store the core has
 * not yet made visible. On a path that costs a few tens of nanoseconds per packet, and especially
 * when packet buffers arrive from another core, that wait is a large share of the cost (measured on
 * the 01-minimal and 03d-router-2path workloads: about a fifth of the minimal path).
 *
 * <p>How: every router thread ({@link DriverThread}, slot {@code 0 .. n-1}) owns one slot on a cache
 * line of its own and adds to it with a plain read and an opaque write: it is the slot's only
 * writer, so no update is lost. Any other thread (a handler, a test, a device's helper thread, or
 * a router thread whose slot number is beyond the slots made for this machine) adds to a shared
 * slot with an atomic add. {@link #sum()} reads every slot; {@link #reset()} records the current
 * sum as the new zero instead of writing the slots, so it never races with their owners.
 *
 * <p>Thread ownership: {@link #add}, {@link #increment}, {@link #sum} and {@link #reset} from any
 * thread. A sum taken while others add is a value the count passed through or a slightly older one
 * for each slot, like {@code LongAdder.sum()}.
 */
public final class Tally {
    /** Slots for router threads: as many as processors, since a driver runs at most one thread per CPU by default. */
    private static final int THREAD_SLOTS = Math.min(256, Math.max(1, Runtime.getRuntime().availableProcessors()));
    /** Longs per slot: one 64-byte cache line, so two threads' slots never share a line. */
    private static final int STRIDE = 8;
    /** Index of the shared (atomic) slot; router thread i uses {@code (i + 2) * STRIDE}. */
    private static final int SHARED = STRIDE;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    /** Slot lines after a leading line of padding, then a trailing one: no line shared with other objects. */
    private final long[] slots = new long[(THREAD_SLOTS + 3) * STRIDE];
    private volatile long zero;

    /** Adds {@code n}. */
    public void add(long n) {
        Thread t = Thread.currentThread();
        int slot = t instanceof DriverThread ? ((DriverThread) t).tallySlot() : -1;
        if (slot >= 0 && slot < THREAD_SLOTS) {
            int i = (slot + 2) * STRIDE;
            SLOT.setOpaque(slots, i, slots[i] + n);
        } else {
            SLOT.getAndAdd(slots, SHARED, n);
        }
    }

    /** Adds one. */
    public void increment() {
        add(1);
    }

    /** The count since construction or the last {@link #reset()}. */
    public long sum() {
        return raw() - zero;
    }

    /** Makes the count 0 from now on. */
    public void reset() {
        zero = raw();
    }

    private long raw() {
        long s = (long) SLOT.getVolatile(slots, SHARED);
        for (int slot = 0; slot < THREAD_SLOTS; slot++) {
            s += (long) SLOT.getOpaque(slots, (slot + 2) * STRIDE);
        }
        return s;
    }

    @Override
    public String toString() {
        return Long.toString(sum());
    }
}

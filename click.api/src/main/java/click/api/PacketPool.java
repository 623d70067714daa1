package click.api;

import org.jctools.queues.MpmcArrayQueue;

/**
 * Per-thread free lists of packets (the paper's section 4.4), kept in magazines.
 *
 * <p>Each thread allocates from and frees onto its own pool, without locking. A pool holds two
 * magazines, arrays of {@link #MAGAZINE} packets: it allocates from and frees into the loaded one,
 * and swaps in the other when that runs empty or full. Only when both are empty (or both full) does
 * it trade a whole magazine with a shared depot: an empty one for a full one, or the other way. So a
 * producer thread that only allocates and a consumer thread that only frees trade magazines, one
 * lock-free queue operation per {@value #MAGAZINE} packets, and the packet references are never
 * copied between arrays: the array the freeing thread filled is the one the allocating thread
 * empties. (Copying them, as this pool once did, wrote every array line on both cores, and each
 * line moved between them three times instead of twice.) This is the magazine layer of Bonwick's
 * slab allocator.
 *
 * <p>Thread ownership: a PacketPool instance is used only by its owning thread. Router threads own
 * their pool ({@link DriverThread}, or {@link Owner}); any other thread gets one through a
 * thread-local.
 *
 * <p>Invariants: every packet in {@code loaded[0, loadedCount)} and {@code spare[0, spareCount)}
 * is {@code free}; a pooled packet is in at most one of these ranges or depot magazines at a time.
 * Slots past a count may still hold references to packets handed out since: they are never read.
 */
public final class PacketPool {
    /** Packets in a magazine, the unit in which free packets move between threads. */
    public static final int MAGAZINE = 256;
    /** Full magazines the depot holds before extra free packets are left to the garbage collector. */
    private static final int DEPOT_MAGAZINES = 256;

    private static final MpmcArrayQueue<Packet[]> FULL = new MpmcArrayQueue<>(DEPOT_MAGAZINES);
    /** Emptied magazines, reused so that moving packets between threads allocates nothing. */
    private static final MpmcArrayQueue<Packet[]> EMPTY = new MpmcArrayQueue<>(DEPOT_MAGAZINES);
    private static final ThreadLocal<PacketPool> LOCAL = ThreadLocal.withInitial(PacketPool::new);

    /**
     * A thread that owns its packet pool directly, avoiding the thread-local lookup. Router threads
     * extend {@link DriverThread} instead, which is checked first and faster.
     */
    public interface Owner {
        PacketPool packetPool();
    }

    private Packet[] loaded = new Packet[MAGAZINE];
    private int loadedCount;
    private Packet[] spare = new Packet[MAGAZINE];
    private int spareCount;
    private long allocations;
    private long recycles;
    private long created;

    /** The pool of the calling thread. */
    public static PacketPool current() {
        Thread t = Thread.currentThread();
        if (t instanceof DriverThread) { // a class check, first: see DriverThread for why
            return ((DriverThread) t).packetPool();
        }
        if (t instanceof Owner) {
            return ((Owner) t).packetPool();
        }
        return LOCAL.get();
    }

    /**
     * Makes {@code pool} the calling thread's pool (when the thread is not an {@link Owner}). The
     * test harness uses it to count the packets an element leaves behind.
     */
    public static void bindToCurrentThread(PacketPool pool) {
        LOCAL.set(pool);
    }

    /** A packet with at least the given headroom, data length and tailroom. */
    public Packet allocate(int headroom, int length, int tailroom) {
        int need = headroom + length + tailroom;
        Packet p;
        if (need > Packet.POOLED_CAPACITY) {
            p = new Packet(need, false);
            created++;
        } else {
            if (loadedCount == 0) {
                reload();
            }
            if (loadedCount > 0) {
                p = loaded[--loadedCount]; // the slot keeps its stale reference: see the invariants
            } else {
                p = new Packet(Packet.POOLED_CAPACITY, true);
                created++;
            }
        }
        allocations++;
        p.reset(headroom, length);
        return p;
    }

    /** Returns {@code p} to this pool. */
    public void recycle(Packet p) {
        if (p.free) {
            throw new IllegalStateException("packet freed twice (ownership rule broken): " + p);
        }
        p.free = true;
        recycles++;
        if (!p.pooled()) {
            return;
        }
        if (loadedCount == MAGAZINE) {
            unload();
        }
        loaded[loadedCount++] = p;
    }

    /** The loaded magazine is empty: swap in the spare if it holds packets, else a full one from the depot. */
    private void reload() {
        if (spareCount > 0) {
            swap();
            return;
        }
        Packet[] full = FULL.poll();
        if (full != null) {
            EMPTY.offer(loaded); // if the depot has no room the array goes to the garbage collector
            loaded = full;
            loadedCount = MAGAZINE;
        }
    }

    /** The loaded magazine is full: swap in the spare if it is not full, else hand this one to the depot. */
    private void unload() {
        if (spareCount < MAGAZINE) {
            swap();
            return;
        }
        if (FULL.offer(loaded)) {
            Packet[] empty = EMPTY.poll();
            loaded = empty != null ? empty : new Packet[MAGAZINE];
        } else {
            // Nobody is taking magazines (the allocating threads free enough themselves): let these
            // packets go to the garbage collector.
            java.util.Arrays.fill(loaded, null);
        }
        loadedCount = 0;
    }

    private void swap() {
        Packet[] a = loaded;
        loaded = spare;
        spare = a;
        int n = loadedCount;
        loadedCount = spareCount;
        spareCount = n;
    }

    /** Packets handed out by this pool minus packets freed onto it (per thread; may be negative). */
    public long outstanding() {
        return allocations - recycles;
    }

    /** Packets allocated from this pool so far. */
    public long allocations() {
        return allocations;
    }

    /** Packets this pool had to create because no free one was available. */
    public long created() {
        return created;
    }

    /** Free packets currently held by this pool. */
    public int freeCount() {
        return loadedCount + spareCount;
    }
}

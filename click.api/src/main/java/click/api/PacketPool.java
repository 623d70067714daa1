package click.api;

import org.jctools.queues.MpmcArrayQueue;

/**
 * Per-thread free lists of packets (the paper's section 4.4).
 *
 * <p>Each thread allocates from and frees onto its own pool, without locking. When a pool holds
 * more than {@link #LOCAL_CAPACITY} free packets, it hands a batch of {@link #BATCH} to a shared
 * depot; when it runs empty it takes a batch from the depot before making new packets. So a
 * producer thread that only allocates and a consumer thread that only frees trade whole batches:
 * one lock-free queue operation per {@value #BATCH} packets instead of one per packet.
 *
 * <p>Thread ownership: a PacketPool instance is used only by its owning thread. Router threads own
 * their pool as a field ({@link Owner}); any other thread gets one through a thread-local.
 *
 * <p>Invariants: every packet in {@code free[0, count)} is {@code free}; a pooled packet is in at
 * most one free list or depot batch at a time.
 */
public final class PacketPool {
    /** Free packets a thread keeps before sending a batch to the depot. */
    public static final int LOCAL_CAPACITY = 1024;
    /** Packets moved between a thread's pool and the depot at a time. */
    public static final int BATCH = 256;
    /** Batches the depot holds before extra free packets are left to the garbage collector. */
    private static final int DEPOT_BATCHES = 256;

    private static final MpmcArrayQueue<Packet[]> DEPOT = new MpmcArrayQueue<>(DEPOT_BATCHES);
    /** Emptied batch arrays, reused so that moving packets between threads allocates nothing. */
    private static final MpmcArrayQueue<Packet[]> EMPTY_BATCHES = new MpmcArrayQueue<>(DEPOT_BATCHES);
    private static final ThreadLocal<PacketPool> LOCAL = ThreadLocal.withInitial(PacketPool::new);

    /**
     * A thread that owns its packet pool directly, avoiding the thread-local lookup. Router threads
     * extend {@link DriverThread} instead, which is checked first and faster.
     */
    public interface Owner {
        PacketPool packetPool();
    }

    private final Packet[] free = new Packet[LOCAL_CAPACITY + BATCH];
    private int count;
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
            if (count == 0) {
                refill();
            }
            if (count > 0) {
                p = free[--count];
                free[count] = null;
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
        if (count == free.length) {
            spill();
        }
        free[count++] = p;
    }

    private void refill() {
        Packet[] batch = DEPOT.poll();
        if (batch != null) {
            System.arraycopy(batch, 0, free, 0, BATCH);
            java.util.Arrays.fill(batch, null);
            count = BATCH;
            EMPTY_BATCHES.offer(batch);
        }
    }

    private void spill() {
        int from = count - BATCH;
        Packet[] batch = EMPTY_BATCHES.poll();
        if (batch == null && DEPOT.size() >= DEPOT_BATCHES) {
            // Nobody is taking batches (the allocating threads free enough themselves): let these
            // packets go to the garbage collector rather than allocate a batch array to hold them.
            java.util.Arrays.fill(free, from, count, null);
            count = from;
            return;
        }
        if (batch == null) {
            batch = new Packet[BATCH];
        }
        System.arraycopy(free, from, batch, 0, BATCH);
        java.util.Arrays.fill(free, from, count, null);
        count = from;
        if (!DEPOT.offer(batch)) {
            // the depot filled up meanwhile: drop the packets, keep the array for the next spill
            java.util.Arrays.fill(batch, null);
            EMPTY_BATCHES.offer(batch);
        }
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
        return count;
    }
}

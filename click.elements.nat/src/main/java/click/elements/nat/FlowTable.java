package click.elements.nat;

import click.api.Tally;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongFunction;

/**
 * The mapping table of one rewriter: both halves of every {@link Mapping}, each under its own key.
 *
 * <p>Thread ownership: any thread may {@link #get} at any time; that is a plain
 * {@link ConcurrentHashMap} read with the thread's probe key: no lock, no allocation. Everything that
 * changes the table (creating, expiring, evicting, clearing, adopting mappings) holds
 * {@link #lock}, so the check that a reply key is free and the insertion of that key are one atomic
 * step: two flows can never receive the same reply flow (the same external port towards the same
 * peer), however many threads create mappings at once.
 *
 * <p>Invariants (under the lock): every mapping in the table has both halves in {@link #map}; no two
 * halves share a key; {@link #size} is the number of mappings and at most {@link #capacity}, except
 * briefly after the capacity handler lowered it.
 */
final class FlowTable {
    /** Default bound on the number of mappings (Click has none; a bound keeps floods finite). */
    static final int DEFAULT_CAPACITY = 1_000_000;
    /** A full table is scanned for expired and evictable mappings at most this often. */
    static final long FULL_SCAN_INTERVAL = 1_000_000_000L;
    /** Eviction candidates remembered from one scan of a full table. */
    private static final int EVICTION_BATCH = 64;

    private final ConcurrentHashMap<FlowKey, Mapping.Half> map = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    /** Idle nanoseconds after which a mapping expires. */
    private final ToLongFunction<Mapping> timeout;
    /** Idle nanoseconds during which a mapping is never evicted to make room. */
    private final ToLongFunction<Mapping> guarantee;
    private final Tally failures = new Tally();
    private final FlowKey scratch = new FlowKey(); // used by the lock holder only
    private final List<Mapping> evictable = new ArrayList<>();
    private volatile int size;
    private volatile int capacity = DEFAULT_CAPACITY;
    private long lastFullScan;
    private boolean scanned;

    FlowTable(ToLongFunction<Mapping> timeout, ToLongFunction<Mapping> guarantee) {
        this.timeout = timeout;
        this.guarantee = guarantee;
    }

    /** The half whose key equals {@code probe}, or null. Lock-free; allocates nothing. */
    Mapping.Half get(FlowKey probe) {
        return map.get(probe);
    }

    int size() {
        return size;
    }

    int capacity() {
        return capacity;
    }

    long failures() {
        return failures.sum();
    }

    /** Counts a mapping that could not be made for a reason outside the table. */
    void countFailure() {
        failures.increment();
    }

    /** Whether the reply flow of {@code rewritten} is already a key. Call with the lock held. */
    boolean replyTaken(FlowKey rewritten) {
        scratch.setReverse(rewritten.protocol, rewritten.saddr, rewritten.sport, rewritten.daddr, rewritten.dport);
        return map.containsKey(scratch);
    }

    /**
     * The forward half of a new mapping for {@code original} as {@code spec} says (keep or
     * pattern), or of the mapping another thread made meanwhile; null, counted as a failure, when
     * the table is full or the pattern has no free value.
     */
    Mapping.Half create(FlowKey original, InputSpec spec, int input, long now) {
        lock.lock();
        try {
            Mapping.Half existing = map.get(original);
            if (existing != null) {
                return existing;
            }
            if (size >= capacity && !makeRoom(now)) {
                failures.increment();
                return null;
            }
            FlowKey rewritten = spec.pattern == null ? original.copy() : spec.pattern.rewrite(original, this);
            if (rewritten == null || (spec.pattern == null && replyTaken(rewritten))) {
                failures.increment();
                return null;
            }
            Mapping m = new Mapping(original, rewritten.saddr, rewritten.sport, rewritten.daddr, rewritten.dport,
                    spec.foutput, spec.routput, input, false, now);
            if (m.reply.key.equals(m.forward.key)) {
                failures.increment(); // a flow that is its own reply cannot be told apart from it
                return null;
            }
            insert(m);
            return m.forward;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds a static mapping (never expires, never evicted). Throws {@link IllegalArgumentException}
     * if either key is taken or the table is full.
     */
    void addStatic(FlowKey original, FlowKey rewritten, int foutput, int routput, long now) {
        lock.lock();
        try {
            Mapping m = new Mapping(original, rewritten.saddr, rewritten.sport, rewritten.daddr, rewritten.dport,
                    foutput, routput, -1, true, now);
            if (map.containsKey(m.forward.key)) {
                throw new IllegalArgumentException("a mapping for " + m.forward.key + " exists already");
            }
            if (map.containsKey(m.reply.key) || m.reply.key.equals(m.forward.key)) {
                throw new IllegalArgumentException("the reply flow " + m.reply.key + " is taken");
            }
            if (size >= capacity) {
                throw new IllegalArgumentException("the table is full (capacity " + capacity + ")");
            }
            insert(m);
        } finally {
            lock.unlock();
        }
    }

    private void insert(Mapping m) {
        // reply half first: a reader that finds the forward half can already find the reply half
        map.put(m.reply.key, m.reply);
        map.put(m.forward.key, m.forward);
        size++;
    }

    private void remove(Mapping m) {
        boolean a = map.remove(m.forward.key, m.forward);
        boolean b = map.remove(m.reply.key, m.reply);
        if (a || b) {
            size--;
        }
    }

    private boolean expired(Mapping m, long now) {
        return !m.pinned && now - m.lastUsed() > timeout.applyAsLong(m);
    }

    private boolean evictableNow(Mapping m, long now) {
        return !m.pinned && now - m.lastUsed() > guarantee.applyAsLong(m);
    }

    /** Removes every expired mapping; returns how many. */
    int reap(long now) {
        lock.lock();
        try {
            int before = size;
            for (Mapping m : mappings()) {
                if (expired(m, now)) {
                    remove(m);
                }
            }
            return before - size;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes room for one new mapping in a full table: evicts the longest-idle mapping past its
     * guarantee, taken from the candidates of the last scan; scans again (removing expired
     * mappings and collecting new candidates) when those are used up, at most once per
     * {@link #FULL_SCAN_INTERVAL}. Lock held.
     */
    private boolean makeRoom(long now) {
        if (evictOneCandidate(now)) {
            return true;
        }
        if (scanned && now - lastFullScan < FULL_SCAN_INTERVAL) {
            return false;
        }
        scanned = true;
        lastFullScan = now;
        // the EVICTION_BATCH longest-idle evictable mappings: a max-heap on last use keeps the oldest
        PriorityQueue<Mapping> oldest = new PriorityQueue<>(Comparator.comparingLong(Mapping::lastUsed).reversed());
        for (Mapping m : mappings()) {
            if (expired(m, now)) {
                remove(m);
            } else if (evictableNow(m, now)) {
                oldest.add(m);
                if (oldest.size() > EVICTION_BATCH) {
                    oldest.poll();
                }
            }
        }
        while (!oldest.isEmpty()) {
            evictable.add(oldest.poll()); // newest first, so the list's tail is the oldest
        }
        return size < capacity || evictOneCandidate(now);
    }

    /** Evicts the oldest remembered candidate that is still in the table and still idle enough. */
    private boolean evictOneCandidate(long now) {
        while (!evictable.isEmpty()) {
            Mapping m = evictable.remove(evictable.size() - 1);
            if (map.get(m.forward.key) == m.forward && evictableNow(m, now)) {
                remove(m);
                return true;
            }
        }
        return false;
    }

    /** Sets the capacity; if the table is larger, removes expired then longest-idle mappings. */
    void setCapacity(int newCapacity, long now) {
        lock.lock();
        try {
            capacity = newCapacity;
            if (size <= newCapacity) {
                return;
            }
            List<Mapping> all = new ArrayList<>();
            for (Mapping m : mappings()) {
                if (expired(m, now)) {
                    remove(m);
                } else if (!m.pinned) {
                    all.add(m);
                }
            }
            all.sort(Comparator.comparingLong(Mapping::lastUsed));
            for (int i = 0; i < all.size() && size > newCapacity; i++) {
                remove(all.get(i));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Removes every mapping, static ones included. */
    void clear() {
        lock.lock();
        try {
            map.clear();
            evictable.clear();
            size = 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes over the mappings of {@code old} (hot swap) whose outputs exist here ({@code noutputs}
     * and {@code replyOutputs}), up to the capacity; returns how many were taken.
     */
    int adopt(FlowTable old, int noutputs) {
        lock.lock();
        try {
            int taken = 0;
            for (Mapping m : old.mappings()) {
                if (m.forward.output < noutputs && m.reply.output < noutputs && size < capacity
                        && !map.containsKey(m.forward.key) && !map.containsKey(m.reply.key)) {
                    insert(m);
                    taken++;
                }
            }
            old.clear();
            return taken;
        } finally {
            lock.unlock();
        }
    }

    /** Every mapping once (a weakly consistent snapshot while packets flow). */
    List<Mapping> mappings() {
        List<Mapping> out = new ArrayList<>(size + 16);
        for (Mapping.Half h : map.values()) {
            if (!h.isReply) {
                out.add(h.mapping);
            }
        }
        return out;
    }

    /** Mappings in key order, for handlers and tests that need a stable listing. */
    List<Mapping> sortedMappings() {
        List<Mapping> out = mappings();
        out.sort((a, b) -> a.forward.key.compareTo(b.forward.key));
        return out;
    }
}

package click.elements.standard;

import click.api.EmptyNotifier;
import click.api.Packet;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpscArrayQueue;

/**
 * The lock-free FIFO behind Queue and SimpleQueue, with a length limit that is never exceeded.
 *
 * <p>This is the one place that chooses the JCTools queue: {@link #multiProducer} (a
 * multi-producer, single-consumer array queue) when any number of threads may push, and
 * {@link #singleProducer} (single-producer, single-consumer, no CAS on the producer side) when the
 * router's graph shows that one task only pushes.
 *
 * <p>Thread ownership: {@link #offer} from any number of threads at once (multi-producer) or from
 * one thread at a time with a happens-before between successive ones, as a task's runs have
 * (single-producer); {@link #poll} and {@link #relaxedPoll} from one consumer thread at a time.
 * {@link #size} from anywhere (a snapshot).
 *
 * <p>Invariants: never more than {@code limit} packets are stored by an {@link #offer} with that
 * limit. Multi-producer: the JCTools threshold check happens inside the producer's claim of a slot,
 * so two pushing threads cannot both take the last place. Single-producer: the one producer sees a
 * size that is exact or too large (the consumer may have taken packets since), so it can only drop
 * early, never overfill.
 */
abstract class PacketRing {
    private final MessagePassingQueue<Packet> queue;
    private final String kind;

    private PacketRing(MessagePassingQueue<Packet> queue, String kind) {
        this.queue = queue;
        this.kind = kind;
    }

    /** A ring for any number of producers, able to hold at least {@code minCapacity} packets. */
    static PacketRing multiProducer(int minCapacity) {
        return new MultiProducer(minCapacity);
    }

    /** A ring for one producer at a time, able to hold at least {@code minCapacity} packets. */
    static PacketRing singleProducer(int minCapacity) {
        return new SingleProducer(minCapacity);
    }

    /**
     * Stores {@code p} unless {@code limit} packets are already stored. Returns the number stored
     * after this one, as the producer sees it (never less than the truth), or -1 for "full".
     */
    abstract int offer(Packet p, int limit);

    /**
     * The producer's half of the empty-notifier protocol after a successful {@link #offer}: it needs
     * a store-load fence between the store and the read of the notifier (see {@link EmptyNotifier}).
     */
    abstract void afterStore(EmptyNotifier notifier);

    /** Stores {@code p} if the ring has a free slot. */
    final boolean offerUnbounded(Packet p) {
        return queue.offer(p);
    }

    /** The oldest packet, or null when the ring is empty (waits out a producer that is mid-store). */
    final Packet poll() {
        return queue.poll();
    }

    /** The oldest packet, or null when empty or when the next producer has not finished storing. */
    final Packet relaxedPoll() {
        return queue.relaxedPoll();
    }

    final int size() {
        return queue.size();
    }

    /** The most packets this ring can ever hold. */
    final int ringCapacity() {
        return queue.capacity();
    }

    /** "mpsc" or "spsc", as the {@code implementation} handler shows it. */
    final String kind() {
        return kind;
    }

    private static final class MultiProducer extends PacketRing {
        private final MpscArrayQueue<Packet> mpsc;

        MultiProducer(int minCapacity) {
            this(new MpscArrayQueue<>(Math.max(2, minCapacity)));
        }

        private MultiProducer(MpscArrayQueue<Packet> mpsc) {
            super(mpsc, "mpsc");
            this.mpsc = mpsc;
        }

        /** A recent consumer index, refreshed only when the estimate reaches the limit. */
        private volatile long consumedSeen;

        @Override
        int offer(Packet p, int limit) {
            if (!mpsc.offerIfBelowThreshold(p, limit)) {
                return -1;
            }
            // An upper bound of the length from an old copy of the consumer's index: reading the
            // index itself would move its cache line here for every packet when the consumer runs
            // on another core. Refreshed when the bound reaches the limit, so it stays close.
            long produced = mpsc.currentProducerIndex();
            long length = produced - consumedSeen;
            if (length >= limit) {
                long consumed = mpsc.currentConsumerIndex();
                consumedSeen = consumed;
                length = produced - consumed;
            }
            return (int) Math.max(1, Math.min(length, limit));
        }

        @Override
        void afterStore(EmptyNotifier notifier) {
            // The offer's CAS on the producer index was a full fence already.
            if (!notifier.active()) {
                notifier.wake();
            }
        }
    }

    /**
     * The producer compares its own index with a snapshot of how many packets the consumer had
     * taken, and reads the consumer's index (a cache line the other core keeps writing) only when
     * that snapshot says the ring might be full. Reading it on every offer made both threads stall
     * on that line for every packet. The stale snapshot only overstates the length, so the limit is
     * still never exceeded.
     */
    private static final class SingleProducer extends PacketRing {
        private final SpscArrayQueue<Packet> spsc;
        private long consumedSeen;   // producer-owned snapshot of the consumer index

        SingleProducer(int minCapacity) {
            this(new SpscArrayQueue<>(Math.max(4, minCapacity)));
        }

        private SingleProducer(SpscArrayQueue<Packet> spsc) {
            super(spsc, "spsc");
            this.spsc = spsc;
        }

        @Override
        int offer(Packet p, int limit) {
            long produced = spsc.currentProducerIndex(); // the producer's own line: cheap
            long length = produced - consumedSeen;
            if (length >= limit) {
                consumedSeen = spsc.currentConsumerIndex();
                length = produced - consumedSeen;
                if (length >= limit) {
                    return -1;
                }
            }
            return offerUnbounded(p) ? (int) (length + 1) : -1;
        }

        @Override
        void afterStore(EmptyNotifier notifier) {
            // The single-producer offer is a release store only: the notifier must be read after a
            // fence, which a router thread takes once for many packets (DriverThread).
            notifier.wakeAfterOrderedStore();
        }
    }
}

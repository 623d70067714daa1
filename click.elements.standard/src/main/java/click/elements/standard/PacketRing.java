package click.elements.standard;

import click.api.Packet;
import org.jctools.queues.MpscArrayQueue;

/**
 * The lock-free FIFO behind Queue and SimpleQueue, with an exact length limit.
 *
 * <p>This is the one place that chooses the JCTools queue: today a multi-producer, single-consumer
 * array queue for every packet store, because any number of threads may push into a Queue. When the
 * router learns from the graph that only one thread pushes, this class can grow a single-producer
 * variant without touching the elements.
 *
 * <p>Thread ownership: {@link #offer} from any number of threads at once; {@link #poll},
 * {@link #relaxedPoll} and {@link #drainTo} from one consumer thread at a time. {@link #size} and
 * {@link #isEmpty} from anywhere (a snapshot).
 *
 * <p>Invariants: never more than {@code limit} packets are stored by an {@link #offer} with that
 * limit: the JCTools threshold check happens inside the producer's claim of a slot, so two pushing
 * threads cannot both take the last place. The offer is a full fence (a CAS on the producer index),
 * which the empty notifier's sleep/wake protocol relies on.
 */
final class PacketRing {
    private final MpscArrayQueue<Packet> queue;

    /** A ring able to hold at least {@code minCapacity} packets (JCTools rounds up to a power of two). */
    PacketRing(int minCapacity) {
        queue = new MpscArrayQueue<>(Math.max(2, minCapacity));
    }

    /** Stores {@code p} unless {@code limit} packets are already stored; false means "full". */
    boolean offer(Packet p, int limit) {
        return queue.offerIfBelowThreshold(p, limit);
    }

    /** The oldest packet, or null when the ring is empty (waits out a producer that is mid-store). */
    Packet poll() {
        return queue.poll();
    }

    /** The oldest packet, or null when empty or when the next producer has not finished storing. */
    Packet relaxedPoll() {
        return queue.relaxedPoll();
    }

    int size() {
        return queue.size();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** The most packets this ring can ever hold. */
    int ringCapacity() {
        return queue.capacity();
    }
}

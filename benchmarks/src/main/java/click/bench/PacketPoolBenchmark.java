package click.bench;

import click.api.Packet;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.SpscArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Packet allocation and free through the per-thread pools (paper section 4.4): on one thread, and
 * with one thread allocating and another freeing, where packets travel back through the depot in
 * batches.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PacketPoolBenchmark {
    private static final byte[] FRAME = new byte[64];

    /** Make a 64-byte packet, kill it: the same thread's pool both ways. */
    @Benchmark
    public void makeAndKillSameThread() {
        Packet.make(FRAME).kill();
    }

    /** A hand-off queue between a producer thread and a consumer thread. */
    @State(Scope.Group)
    public static class HandOff {
        final SpscArrayQueue<Packet> queue = new SpscArrayQueue<>(4096);
    }

    /** Producer: makes packets (its pool refills from the depot the consumer fills). */
    @Benchmark
    @Group("crossThread")
    @GroupThreads(1)
    public boolean producer(HandOff h) {
        Packet p = Packet.make(FRAME);
        if (!h.queue.offer(p)) {
            p.kill();
            return false;
        }
        return true;
    }

    /** Consumer: frees what the producer made onto its own pool, which spills batches to the depot. */
    @Benchmark
    @Group("crossThread")
    @GroupThreads(1)
    public boolean consumer(HandOff h) {
        Packet p = h.queue.relaxedPoll();
        if (p != null) {
            p.kill();
            return true;
        }
        return false;
    }
}

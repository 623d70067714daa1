package click.bench;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.Input;
import click.api.Location;
import click.api.Output;
import click.api.Packet;
import click.api.PortConcurrency;
import click.elements.standard.Queue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Queue push and pull (paper sections 4.5 and 4.6) with the single-producer ring ({@code spsc}, one
 * pushing task) and the multi-producer one ({@code mpsc}), with and without dequeue batching
 * ({@code batch} 8 or 1): on one thread (the operations' own cost), and with a pushing thread and a
 * pulling thread (what crossing cores adds). The cross-thread producer pushes whether or not there
 * is room, as a source does: a full queue drops (and frees) the packet.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class QueueBenchmark {
    private static final byte[] FRAME = new byte[64];

    /** A configured Queue of 1024 packets with the ring and batch asked for. */
    @State(Scope.Group)
    public static class Setting {
        @Param({"mpsc", "spsc"})
        public String ring;

        @Param({"1", "8"})
        public int batch;

        Queue queue;

        @Setup
        public void configure() throws ConfigException {
            queue = new Queue();
            queue.attach("q", Location.UNKNOWN, "", null, new Input[] {new Input(queue, 0, true)},
                    new Output[] {new Output(queue, 0, false)});
            queue.configure(new Args("1024, BATCH " + batch + ", BATCH_DELAY 20us"));
            if (ring.equals("spsc")) {
                queue.concurrencyKnown(new PortConcurrency() {
                    @Override public int pushingTasks(int port) {
                        return 1;
                    }

                    @Override public int pullingTasks(int port) {
                        return 1;
                    }
                });
            }
        }

        @TearDown
        public void drain() {
            queue.cleanup();
        }
    }

    /** One packet in and out on the same thread (batching off is what this measures best). */
    @Benchmark
    @Group("sameThread")
    @GroupThreads(1)
    public void pushThenPull(Setting s) {
        Element q = s.queue;
        q.push(0, Packet.make(FRAME));
        Packet p = q.pull(0);
        if (p != null) {
            p.kill();
        }
    }

    /** Producer thread: makes a packet and pushes it (dropped when the queue is full). */
    @Benchmark
    @Group("crossThread")
    @GroupThreads(1)
    public void push(Setting s) {
        s.queue.push(0, Packet.make(FRAME));
    }

    /** Consumer thread: pulls a packet and frees it; an empty or held-back queue gives null. */
    @Benchmark
    @Group("crossThread")
    @GroupThreads(1)
    public boolean pull(Setting s) {
        Packet p = s.queue.pull(0);
        if (p != null) {
            p.kill();
            return true;
        }
        return false;
    }
}

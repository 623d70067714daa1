package click.bench;

import click.api.Element;
import click.api.Input;
import click.api.Location;
import click.api.Output;
import click.api.Packet;
import click.elements.standard.Counter;
import click.elements.standard.Discard;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-hop cost of push processing: a packet made from the pool, pushed through a chain of
 * {@code hops} Counters into a Discard (which frees it). Each hop is one virtual call, as in the
 * paper's section 2. The elements are wired by hand so the benchmark measures only the packet path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PushChainBenchmark {
    private static final byte[] FRAME = new byte[64];

    @Param({"1", "10"})
    public int hops;

    private Element head;

    @Setup
    public void wire() {
        Element next = new Discard();
        next.attach("sink", Location.UNKNOWN, "", null, new Input[] {new Input(next, 0, true)}, new Output[0]);
        for (int i = hops; i > 0; i--) {
            Counter c = new Counter();
            Output out = new Output(c, 0, true);
            out.connect(next, 0);
            c.attach("c" + i, Location.UNKNOWN, "", null, new Input[] {new Input(c, 0, true)}, new Output[] {out});
            next = c;
        }
        head = next;
    }

    @Benchmark
    public void pushThroughChain() {
        head.push(0, Packet.make(FRAME));
    }
}

package click.bench;

import click.api.net.Checksum;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The Internet checksum over an IPv4 header, and its incremental update (what DecIPTTL does). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ChecksumBenchmark {
    private final byte[] header = {0x45, 0, 0, 0x32, 0, 0, 0x40, 0, 0x40, 0x11, 0x14, (byte) 0x83,
            (byte) 0xc6, 0x33, 0x64, 0x02, (byte) 0xcb, 0x00, 0x71, 0x02};
    private int checksum = 0x1483;
    private int ttl = 64;

    @Benchmark
    public int fullHeaderChecksum() {
        return Checksum.compute(header, 0, header.length);
    }

    @Benchmark
    public int incrementalTtlUpdate() {
        int old = ttl << 8 | 0x11;
        ttl = ttl == 1 ? 64 : ttl - 1;
        checksum = Checksum.update16(checksum, old, ttl << 8 | 0x11);
        return checksum;
    }
}

package click.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks with the GC profiler on, so each result comes with
 * {@code gc.alloc.rate.norm}: bytes allocated per operation (per packet, for the packet-path
 * benchmarks). Arguments are JMH's own (e.g. a benchmark regex, {@code -f 1 -wi 2 -i 3}).
 * <pre>{@code
 *   java -jar benchmarks/target/benchmarks.jar               # everything
 *   java -jar benchmarks/target/benchmarks.jar PushChain     # one benchmark class
 * }</pre>
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options cmd = new CommandLineOptions(args);
        Options opts = new OptionsBuilder().parent(cmd).addProfiler("gc")
                .forks(cmd.getForkCount().orElse(1))
                .warmupIterations(cmd.getWarmupIterations().orElse(3))
                .measurementIterations(cmd.getMeasurementIterations().orElse(5))
                .warmupTime(cmd.getWarmupTime().orElse(org.openjdk.jmh.runner.options.TimeValue.seconds(1)))
                .measurementTime(cmd.getMeasurementTime().orElse(org.openjdk.jmh.runner.options.TimeValue.seconds(1)))
                .build();
        new Runner(opts).run();
    }
}

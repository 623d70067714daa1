package click.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The operations of {@link EspCipherBenchmark}, timed in the calling thread's CPU time rather than
 * wall-clock time: on a 2-core machine shared with other builds, JMH's wall-clock figures swing
 * with the load, while the CPU time a thread spends on an operation hardly does. Prints the median
 * of 7 rounds per operation and provider, after a warm-up that lets the JIT compile them.
 * <pre>{@code
 *   java -cp benchmarks/target/benchmarks.jar click.bench.EspCipherCpuTime [ROUND_OPS]
 * }</pre>
 */
public final class EspCipherCpuTime {
    private static final int ROUNDS = 7;

    private interface Op {
        void run(EspCipherBenchmark b) throws Exception;
    }

    private EspCipherCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        int roundOps = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("tripleDesCbcToScratch", EspCipherBenchmark::tripleDesCbcToScratch);
        ops.put("aesCbcToScratch", EspCipherBenchmark::aesCbcToScratch);
        ops.put("aesGcmSeal", EspCipherBenchmark::aesGcmSeal);
        ops.put("hmacSha1", EspCipherBenchmark::hmacSha1);
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "%-24s %8s %14s%n", "operation", "provider", "CPU ns/op");
        for (Map.Entry<String, Op> e : ops.entrySet()) {
            for (String provider : new String[] {"SunJCE", "BC"}) {
                EspCipherBenchmark b = new EspCipherBenchmark();
                b.provider = provider;
                b.setUp();
                for (int i = 0; i < 4 * roundOps; i++) {
                    e.getValue().run(b);
                }
                double[] rounds = new double[ROUNDS];
                for (int r = 0; r < ROUNDS; r++) {
                    long t0 = bean.getCurrentThreadCpuTime();
                    for (int i = 0; i < roundOps; i++) {
                        e.getValue().run(b);
                    }
                    rounds[r] = (double) (bean.getCurrentThreadCpuTime() - t0) / roundOps;
                }
                Arrays.sort(rounds);
                System.out.printf(Locale.ROOT, "%-24s %8s %14.0f%n", e.getKey(), provider, rounds[ROUNDS / 2]);
            }
        }
    }
}

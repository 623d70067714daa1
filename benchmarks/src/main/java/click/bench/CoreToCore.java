package click.bench;

import java.util.Locale;

/**
 * Measures what moving one cache line between two cores costs right now: two threads bounce a
 * counter, each waiting for the other's write. Half the average round trip is one line move.
 *
 * <p>Why a benchmark needs it: on this project's virtual machines the figure changes while the
 * machine runs, from about 25 ns to about 230 ns (the hypervisor moves the virtual CPUs between
 * the host's core complexes), and every packet that crosses router threads pays a few such moves.
 * Two-thread packet rates of the same build differ up to twofold between runs for that reason
 * alone; WorkloadRunner prints this figure next to them so that runs can be compared.
 * <pre>{@code
 *   java -cp benchmarks/target/benchmarks.jar click.bench.CoreToCore [ROUNDS]
 * }</pre>
 */
public final class CoreToCore {
    private static final int ROUND_TRIPS = 200_000;

    private static volatile long ping;
    private static volatile long pong;

    private CoreToCore() {
    }

    /** Nanoseconds per cache-line move between the two threads, averaged over a short bounce. */
    public static double lineMoveNanos() throws InterruptedException {
        ping = 0;
        pong = 0;
        Thread echo = new Thread(() -> {
            for (long i = 1; i <= ROUND_TRIPS; i++) {
                while (ping != i) {
                    Thread.onSpinWait();
                }
                pong = i;
            }
        }, "core-to-core-echo");
        echo.setDaemon(true);
        echo.start();
        long start = System.nanoTime();
        for (long i = 1; i <= ROUND_TRIPS; i++) {
            ping = i;
            while (pong != i) {
                Thread.onSpinWait();
            }
        }
        long elapsed = System.nanoTime() - start;
        echo.join();
        return elapsed / (2.0 * ROUND_TRIPS);
    }

    /** "core-to-core line move: N ns" for a report line. */
    static String describe() throws InterruptedException {
        return String.format(Locale.ROOT, "core-to-core line move: %.0f ns", lineMoveNanos());
    }

    public static void main(String[] args) throws InterruptedException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        for (int i = 0; i < rounds; i++) {
            System.out.println(describe());
            Thread.sleep(500);
        }
    }
}

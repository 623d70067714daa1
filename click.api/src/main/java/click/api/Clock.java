package click.api;

/**
 * The router's notion of time. Elements read time only through their context's clock, so tests can
 * drive a simulated clock.
 */
public interface Clock {
    /** Monotonic nanoseconds (like {@link System#nanoTime()}). */
    long nanoTime();

    /** Wall-clock nanoseconds since the Unix epoch (for packet timestamps and pcap files). */
    long epochNanos();

    /** The system clock. */
    Clock SYSTEM = new Clock() {
        private final long epochAtStart = System.currentTimeMillis() * 1_000_000L;
        private final long nanoAtStart = System.nanoTime();

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long epochNanos() {
            return epochAtStart + (System.nanoTime() - nanoAtStart);
        }
    };
}

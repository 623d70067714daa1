package click.runtime;

import click.api.Clock;
import click.api.Driver;
import click.api.DriverFactory;

/** Makes {@link SimpleDriver}s: the router's default driver, kind {@code single}. */
public final class SimpleDriverFactory implements DriverFactory {
    /** The value of {@link DriverFactory#KIND_PROPERTY} for this factory. */
    public static final String KIND = "single";

    /** @throws IllegalArgumentException unless {@code threads} is 1 */
    @Override
    public Driver create(int threads, Clock clock) {
        if (threads != 1) {
            throw new IllegalArgumentException("the single-threaded driver runs 1 thread, not " + threads
                    + " (use the SMP driver for more)");
        }
        return new SimpleDriver(clock);
    }
}

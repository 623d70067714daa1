package click.scheduler;

import click.api.Clock;
import click.api.DriverFactory;

/**
 * Makes {@link SmpDriver}s: the driver kind {@value #KIND} ({@code click -j N}). Registered as an
 * OSGi service by {@link Activator} and listed in {@code META-INF/services} for use without a
 * framework.
 */
public final class SmpDriverFactory implements DriverFactory {
    /** The value of {@link DriverFactory#KIND_PROPERTY} for this factory. */
    public static final String KIND = "smp";

    @Override
    public SmpDriver create(int threads, Clock clock) {
        return new SmpDriver(threads, clock);
    }
}

package click.testing;

import click.api.Clock;

/** A clock that moves only when told to. Starts at an arbitrary fixed instant. */
public final class ManualClock implements Clock {
    private long nanos = 1_000_000_000L;
    private final long epochOffset = 1_700_000_000_000_000_000L;

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public long epochNanos() {
        return epochOffset + nanos;
    }

    void advance(long by) {
        nanos += by;
    }
}

package click.api;

/**
 * Makes {@link Driver}s. The runtime has a single-threaded one; the scheduler bundle registers an
 * SMP one as an OSGi service (property {@code click.driver=smp}), and {@code click -j N} picks it.
 */
public interface DriverFactory {
    /** Service property naming the driver kind ("single", "smp"). */
    String KIND_PROPERTY = "click.driver";

    /** A driver with {@code threads} router threads using {@code clock}. */
    Driver create(int threads, Clock clock);
}

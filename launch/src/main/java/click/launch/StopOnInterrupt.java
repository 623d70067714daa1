package click.launch;

import click.runtime.Router;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A shutdown hook for Ctrl-C and SIGTERM: asks the router running then (a hot swap may have
 * replaced the one the command built) to stop, then holds the JVM open (at most
 * {@value #GRACE_SECONDS} s) while the main thread prints the {@code -h} handlers and cleans up, as
 * Click does on an interrupt.
 */
final class StopOnInterrupt extends Thread {
    private static final int GRACE_SECONDS = 5;

    private final Supplier<Router> router;
    private final CountDownLatch finished = new CountDownLatch(1);

    private StopOnInterrupt(Supplier<Router> router) {
        super("click-interrupt");
        this.router = router;
    }

    static StopOnInterrupt install(Supplier<Router> router) {
        StopOnInterrupt hook = new StopOnInterrupt(router);
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    @Override
    public void run() {
        router.get().requestStop();
        try {
            finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The main thread is done with the router: let an interrupt end the JVM at once. */
    void finished() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(this);
        } catch (IllegalStateException shutdownAlreadyStarted) {
            // this hook is running (or about to): it returns as soon as it sees the latch
        }
    }
}

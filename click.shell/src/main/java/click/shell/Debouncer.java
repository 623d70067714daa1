package click.shell;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs an action once things settle: every {@link #poke()} (re)starts a quiet period, and the
 * action runs on this debouncer's own thread when a whole period passes without one. A bundle
 * update withdraws its element factories and registers new ones in quick succession, and
 * FileInstall refreshes the bundle right after; the routers are rebuilt once, after all of that.
 *
 * <p>Thread ownership: {@link #poke()} from any thread; the action runs on one daemon thread, never
 * twice at once.
 */
final class Debouncer {
    private final ScheduledThreadPoolExecutor thread;
    private final long quietMillis;
    private final Runnable action;
    private ScheduledFuture<?> pending;

    Debouncer(String threadName, long quietMillis, Runnable action) {
        this.quietMillis = quietMillis;
        this.action = action;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Something changed: run the action after a quiet period from now. */
    synchronized void poke() {
        if (thread.isShutdown()) {
            return;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        pending = thread.schedule(action, quietMillis, TimeUnit.MILLISECONDS);
    }

    /** Forgets a pending run and ends the thread, after a running action finishes. */
    void close() throws InterruptedException {
        synchronized (this) {
            thread.shutdown();
        }
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }
}

package click.launch;

import click.api.HandlerAccess;
import click.api.HandlerException;
import click.runtime.Router;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * The built-in demo's live summary (demo.click): while the router runs, once a second, one line of
 * its handlers: what the sources sent, what CheckIPHeader rejected, what the Counter, the Queue and
 * the sink saw; and the same line once more when the router has stopped.
 *
 * <p>Thread ownership: its own daemon thread reads handlers, which routers allow from any thread;
 * {@link #close} is called by the thread that ran the router.
 */
final class DemoSummary implements AutoCloseable {
    private static final long PERIOD_MILLIS = 1000;

    private final HandlerAccess handlers;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private final Thread thread;

    private DemoSummary(Router router, PrintStream out) {
        this.handlers = router.handlers();
        this.out = out;
        this.thread = new Thread(this::loop, "click-demo-summary");
        thread.setDaemon(true);
    }

    /** Starts printing; {@link #close} prints the last line. */
    static DemoSummary start(Router router, PrintStream out) {
        DemoSummary s = new DemoSummary(router, out);
        s.thread.start();
        return s;
    }

    private void loop() {
        try {
            while (true) {
                Thread.sleep(PERIOD_MILLIS);
                out.println(line());
            }
        } catch (InterruptedException stopped) {
            // close() ends the loop
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join();
        out.println(line());
    }

    private String line() {
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(java.util.Locale.ROOT,
                "%4.1fs  sent %s good + %s corrupt | CheckIPHeader rejected %s | counted %s"
                        + " | queue %s (highest %s) | discarded %s",
                seconds, read("good.count"), read("bad.count"), read("rejected.count"), read("c.count"),
                read("q.length"), read("q.highwater_length"), read("sink.count"));
    }

    private String read(String handler) {
        try {
            return handlers.read(handler).trim();
        } catch (HandlerException e) {
            return "?";
        }
    }
}

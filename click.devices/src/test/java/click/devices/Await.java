package click.devices;

import static org.junit.jupiter.api.Assertions.fail;

import click.api.Packet;
import click.testing.ElementHarness;
import java.util.function.Predicate;

/** Waiting, with a generous timeout, for real traffic to come out of an element under test. */
final class Await {
    static final long TIMEOUT_NANOS = 15_000_000_000L;

    private Await() {
    }

    /**
     * Runs the element's tasks until a packet matching {@code wanted} comes out of output
     * {@code port} and returns it; kills the others (those after it in the same run too). Fails after 15 s.
     */
    static Packet packet(ElementHarness<?> h, int port, Predicate<Packet> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (System.nanoTime() < deadline) {
            h.runTasks();
            Packet found = null;
            for (Packet p : h.take(port)) {
                if (found == null && wanted.test(p)) {
                    found = p;
                } else {
                    p.kill();
                }
            }
            if (found != null) {
                return found;
            }
            Thread.sleep(2);
        }
        fail("no matching packet within 15 s");
        return null;
    }
}

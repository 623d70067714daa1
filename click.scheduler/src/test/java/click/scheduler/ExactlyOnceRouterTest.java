package click.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementFactory;
import click.api.ElementInfo;
import click.api.Packet;
import click.runtime.ElementRegistry;
import click.runtime.Router;
import click.runtime.RouterBuilder;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A multi-threaded router delivers every packet exactly once: two sources on (potentially)
 * different threads number their packets, both feed one Queue (the multi-producer ring), and the
 * task pulling from it hands them to a ledger that checks each source's numbers arrive once, in
 * order, and counts them. Counts in = counts out + the Queue's drops, no duplicates, no
 * reordering, with adaptive scheduling (a balancer that may move the tasks mid-stream) and with
 * static scheduling (StaticThreadSched puts the sources on different threads).
 */
class ExactlyOnceRouterTest {
    private static final int SOURCES = 2;
    private static final long PER_SOURCE = 200_000;

    /** Writes its SOURCE number and a running sequence number into each packet. Pushed by one task only. */
    @ElementInfo(ports = "1/1", processing = "h/h")
    public static final class Stamp extends Element {
        private int source;
        private long next;

        @Override
        public void configure(Args args) throws ConfigException {
            source = args.positional("SOURCE").asInt(0, 0, SOURCES - 1);
            args.complete();
        }

        @Override
        public void push(int port, Packet p) {
            p.setI32(0, source);
            p.setI64(4, next++);
            output(0).push(p);
        }
    }

    /** Checks each source's sequence numbers arrive once and in order; kills the packets. */
    @ElementInfo(ports = "1/0", processing = "h/")
    public static final class Ledger extends Element {
        final AtomicLongArray last = new AtomicLongArray(SOURCES);
        final AtomicLong received = new AtomicLong();
        final AtomicLong outOfOrder = new AtomicLong();

        Ledger() {
            for (int i = 0; i < SOURCES; i++) {
                last.set(i, -1);
            }
        }

        @Override
        public void push(int port, Packet p) {
            int source = p.i32(0);
            long seq = p.i64(4);
            if (seq <= last.get(source)) {
                outOfOrder.incrementAndGet(); // seen before (a duplicate) or overtaken
            }
            last.set(source, seq);
            received.incrementAndGet();
            p.kill();
        }
    }

    private Router router;

    @AfterEach
    void stop() throws InterruptedException {
        if (router != null) {
            router.requestStop();
            router.awaitStop();
            router.cleanup();
        }
    }

    private long read(String handler) {
        try {
            return Long.parseLong(router.handlers().read(handler).trim());
        } catch (click.api.HandlerException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"adaptive", "static"})
    void everyPacketIsDeliveredOnceOrCountedAsDropped(String scheduling) throws Exception {
        ElementRegistry registry = ElementRegistry.fromServiceLoader(getClass().getClassLoader());
        ElementFactory.of(Stamp.class, Stamp::new).forEach(registry::add);
        ElementFactory.of(Ledger.class, Ledger::new).forEach(registry::add);
        String config = "s0 :: InfiniteSource(LENGTH 60, LIMIT " + PER_SOURCE + ", BURST 8) -> Stamp(0) -> q :: Queue(512);"
                + " s1 :: InfiniteSource(LENGTH 60, LIMIT " + PER_SOURCE + ", BURST 8) -> Stamp(1) -> q;"
                + " q -> uq :: Unqueue(BURST 16) -> led :: Ledger;"
                + (scheduling.equals("static") ? " StaticThreadSched(s0 0, s1 1, uq 1);" : "");
        router = RouterBuilder.fromText(config, "exactly-once.click").registry(registry)
                .driver(new SmpDriverFactory(), 2).build();
        SmpDriver d = (SmpDriver) router.driver();
        if (scheduling.equals("adaptive")) {
            d.setBalanceInterval(5_000_000); // rebalance often while the packets flow
            d.setHysteresis(0);
        } else {
            d.setScheduling(SmpDriver.Scheduling.STATIC);
        }
        assertEquals("mpsc", router.handlers().read("q.implementation"));
        Ledger ledger = (Ledger) router.element("led");
        router.start();
        long total = SOURCES * PER_SOURCE;
        Await.until(() -> read("s0.count") + read("s1.count") == total
                && ledger.received.get() + read("q.drops") == total, "every packet delivered or dropped");
        assertEquals(0, read("q.length"));
        assertEquals(0, ledger.outOfOrder.get(), "a packet arrived twice or before an earlier one of its source");
        assertEquals(total, ledger.received.get() + read("q.drops"));
        assertTrue(ledger.received.get() > 0);
        for (int s = 0; s < SOURCES; s++) {
            assertTrue(ledger.last.get(s) >= 0, "source " + s + " got through");
        }
    }
}

package click.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.HandlerException;
import click.runtime.ConfigurationException;
import click.runtime.Router;
import click.runtime.RouterBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real routers of standard elements (click.runtime) on two SMP router threads: every packet a
 * source sends is either counted at the end of the path or counted as dropped by the Queue that
 * joins the two threads, with adaptive and with static scheduling; and, with numbered packets from
 * two sources, that none arrives twice or out of its source's order; and that hot swaps under load
 * carry every queued packet into the new router, while failed ones leave the old one running.
 */
class SmpRouterTest {
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private Router router;

    private Router build(String config) throws Exception {
        router = RouterBuilder.fromText(config, "smp-test.click").registry(NumberedPackets.registry())
                .driver(new SmpDriverFactory(), 2).log(new PrintStream(log, true, StandardCharsets.UTF_8)).build();
        return router;
    }

    private Router start(String config) throws Exception {
        build(config).start();
        return router;
    }

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
        } catch (HandlerException e) {
            throw new AssertionError(e);
        }
    }

    private Map<String, Integer> threadsByTask() {
        return router.driver().tasks().stream().collect(Collectors.toMap(t -> t.owner().name(), t -> t.thread()));
    }

    @Test
    void aPathSplitByAQueueAcrossTwoThreadsLosesNoPacketWithAdaptiveScheduling() throws Exception {
        start("src :: InfiniteSource(LENGTH 60, LIMIT 300000, BURST 8)"
                + " -> q :: Queue(256) -> uq :: Unqueue(BURST 8) -> c :: Counter -> Discard;");
        SmpDriver d = (SmpDriver) router.driver();
        d.setBalanceInterval(20_000_000);
        assertEquals(Map.of("src", 0, "uq", 1), threadsByTask());
        Await.until(() -> read("src.count") == 300_000 && read("c.count") + read("q.drops") == 300_000,
                "every packet counted or dropped");
        Await.until(() -> read("q.length") == 0, "the queue drained");
        assertEquals(300_000, read("c.count") + read("q.drops"));
        assertEquals("", log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSingleProducerQueueBetweenTwoThreadsLosesNoPacket() throws Exception {
        start("src :: InfiniteSource(LENGTH 60, LIMIT 300000, BURST 8)"
                + " -> q :: Queue(64) -> uq :: Unqueue(BURST 8) -> c :: Counter -> Discard;"
                + " StaticThreadSched(src 0, uq 1);");
        assertEquals("spsc", router.handlers().read("q.implementation"));
        Await.until(() -> read("src.count") == 300_000 && read("c.count") + read("q.drops") == 300_000,
                "every packet counted or dropped");
        Await.until(() -> read("q.length") == 0, "the queue drained");
        assertEquals(300_000, read("c.count") + read("q.drops"));
        assertTrue(read("c.count") > 0);
        assertEquals("", log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBatchingQueueBetweenTwoThreadsDeliversEveryPacketIncludingTheLastShortBatch() throws Exception {
        // 100003 is not a multiple of the batch: the last few packets leave by the delay
        start("src :: InfiniteSource(LENGTH 60, LIMIT 100003, BURST 8)"
                + " -> q :: Queue(256, BATCH 16, BATCH_DELAY 1ms) -> uq :: Unqueue(BURST 16) -> c :: Counter -> Discard;"
                + " StaticThreadSched(src 0, uq 1);");
        Await.until(() -> read("src.count") == 100_003 && read("c.count") + read("q.drops") == 100_003,
                "every packet counted or dropped");
        assertEquals(0, read("q.length"));
        assertEquals("", log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void twoPathsPlacedByStaticThreadSchedRunWhereTheyWereToldAndDeliverEveryPacket() throws Exception {
        start(String.join("\n",
                "s1 :: InfiniteSource(LIMIT 100000, BURST 4) -> q1 :: Queue -> u1 :: Unqueue(BURST 4) -> c1 :: Counter -> Discard;",
                "s2 :: InfiniteSource(LIMIT 100000, BURST 4) -> q2 :: Queue -> u2 :: Unqueue(BURST 4) -> c2 :: Counter -> Discard;",
                "StaticThreadSched(s1 1, u1 0, s2 1, u2 0);"));
        SmpDriver d = (SmpDriver) router.driver();
        assertEquals(Map.of("s1", 1, "u1", 0, "s2", 1, "u2", 0), threadsByTask());
        assertTrue(d.tasks().stream().allMatch(SmpTask::pinned));
        Await.until(() -> read("s1.count") == 100_000 && read("s2.count") == 100_000
                && read("c1.count") + read("q1.drops") == 100_000
                && read("c2.count") + read("q2.drops") == 100_000, "every packet counted or dropped");
        assertEquals(Map.of("s1", 1, "u1", 0, "s2", 1, "u2", 0), threadsByTask());
        assertTrue(d.report().lines().anyMatch(l -> l.startsWith("u1 ")), d.report());
    }

    /**
     * Two sources on (potentially) different threads number their packets and feed one Queue (the
     * multi-producer ring); the task pulling from it hands them to a ledger. Counts in = counts out
     * + the Queue's drops, no duplicates, no reordering within a source, with adaptive scheduling
     * (a balancer that may move the tasks mid-stream) and with static scheduling (StaticThreadSched
     * puts the sources on different threads).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"adaptive", "static"})
    void numberedPacketsFromTwoSourcesArriveExactlyOnceInOrderOrAreCountedAsDropped(String scheduling) throws Exception {
        long perSource = 200_000;
        build("s0 :: InfiniteSource(LENGTH 60, LIMIT " + perSource + ", BURST 8) -> Stamp(0) -> q :: Queue(512);"
                + " s1 :: InfiniteSource(LENGTH 60, LIMIT " + perSource + ", BURST 8) -> Stamp(1) -> q;"
                + " q -> uq :: Unqueue(BURST 16) -> led :: Ledger;"
                + (scheduling.equals("static") ? " StaticThreadSched(s0 0, s1 1, uq 1);" : ""));
        SmpDriver d = (SmpDriver) router.driver();
        if (scheduling.equals("adaptive")) {
            d.setBalanceInterval(5_000_000); // rebalance often while the packets flow
            d.setHysteresis(0);
        } else {
            d.setScheduling(SmpDriver.Scheduling.STATIC);
        }
        assertEquals("mpsc", router.handlers().read("q.implementation"));
        NumberedPackets.Ledger ledger = (NumberedPackets.Ledger) router.element("led");
        router.start();
        long total = NumberedPackets.SOURCES * perSource;
        Await.until(() -> read("s0.count") + read("s1.count") == total
                && ledger.received.get() + read("q.drops") == total, "every packet delivered or dropped");
        assertEquals(0, read("q.length"));
        assertEquals(0, ledger.outOfOrder.get(), "a packet arrived twice or before an earlier one of its source");
        assertEquals(total, ledger.received.get() + read("q.drops"));
        for (int s = 0; s < NumberedPackets.SOURCES; s++) {
            assertTrue(ledger.last.get(s) >= 0, "source " + s + " got through");
        }
        assertEquals("", log.toString(StandardCharsets.UTF_8));
    }

    /** A steady source on thread 0, the queue's consumer on thread 1: packets wait in the queue at any moment. */
    private static final String STEADY = "src :: RatedSource(RATE 50000) -> q :: Queue(100000)"
            + " -> uq :: Unqueue(BURST 8) -> c :: Counter -> Discard; StaticThreadSched(src 0, uq 1);";

    private RouterBuilder builder(String config) {
        return RouterBuilder.fromText(config, "smp-test.click").driver(new SmpDriverFactory(), 2)
                .log(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @Test
    void hotSwapsUnderLoadAcrossTwoThreadsLoseNoQueuedPacket() throws Exception {
        start(STEADY);
        long sent = 0;
        long out = 0;
        for (int swap = 0; swap < 5; swap++) {
            long flowing = read("c.count") + 1;
            Await.until(() -> read("c.count") >= flowing, "packets flow before swap " + swap);
            // hold the consumer so that packets are queued at the moment of the swap
            router.handlers().write("uq.active", "false");
            Await.until(() -> read("q.length") >= 20, "packets queue up before swap " + swap);
            Router old = router;
            router = builder(STEADY).hotSwap(old).router();
            assertEquals(0, Long.parseLong(old.handlers().read("q.drops")));
            sent += Long.parseLong(old.handlers().read("src.count"));
            assertTrue(read("c.count") >= Long.parseLong(old.handlers().read("c.count")),
                    "the new Counter goes on from the old one's count");
        }
        router.handlers().write("src.active", "false");
        Await.until(() -> read("q.length") == 0 && read("c.count") > 0, "the last router drains its queue");
        router.requestStop();
        router.awaitStop();
        sent += read("src.count");
        out += read("c.count") + read("q.length"); // the counter carried its count through every swap
        assertEquals(0, read("q.drops"));
        assertEquals(sent, out, "packets sent by the six sources = packets counted (+ still queued)");
        assertEquals("", log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void failedHotSwapsUnderLoadLeaveTheOldRouterCounting() throws Exception {
        start(STEADY);
        Await.until(() -> read("c.count") > 0, "packets flow");
        Exception bad = assertThrows(ConfigurationException.class,
                () -> builder(STEADY.replace("Queue(100000)", "Queue(-1)")).hotSwap(router));
        assertTrue(bad.getMessage().startsWith("smp-test.click:1:"), bad.getMessage());
        Exception failing = assertThrows(ConfigurationException.class,
                () -> builder(STEADY + " FromDump(/nonexistent/trace.pcap) -> Discard;").hotSwap(router));
        assertTrue(failing.getMessage().contains("FromDump@") && failing.getMessage().contains("/nonexistent/trace.pcap"),
                failing.getMessage());
        long before = read("c.count");
        Await.until(() -> read("c.count") >= before + 100, "the old router still forwards");
        assertFalse(router.driver().stopRequested());
        assertEquals(0, read("q.drops"));
    }
}

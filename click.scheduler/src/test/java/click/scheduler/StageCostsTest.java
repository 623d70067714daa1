package click.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Clock;
import click.api.StageMeter;
import click.runtime.Router;
import click.runtime.RouterBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-stage cost table: its arithmetic on meters driven by a manual clock, and a real router
 * on two threads whose {@code stage_costs} handler lists the stages the configuration has (no
 * timing is asserted, only which stages appear on which thread).
 */
class StageCostsTest {
    private static final class Steps implements Clock {
        long now;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public long epochNanos() {
            return now;
        }
    }

    /** Runs {@code packets} single-packet measured runs: each spends {@code ns[s]} in stage s. */
    private static StageMeter meter(int packets, long receive, long push, long enqueue) {
        Steps clock = new Steps();
        StageMeter m = new StageMeter(clock, 0);
        for (int i = 0; i < packets; i++) {
            m.begin();
            int outer = m.enter(StageMeter.RECEIVE);
            clock.now += receive;
            m.exit(outer);
            clock.now += push;
            outer = m.enter(StageMeter.ENQUEUE);
            clock.now += enqueue;
            m.exit(outer);
            m.end();
        }
        return m;
    }

    @Test
    void theTableGivesNanosecondsPerEventPerPacketAndShareOfEachThread() {
        StageMeter source = meter(10, 40, 10, 50);
        Steps clock = new Steps();
        StageMeter puller = new StageMeter(clock, 0);
        for (int i = 0; i < 10; i++) {
            puller.begin();
            int outer = puller.enter(StageMeter.DEQUEUE);
            clock.now += 30;
            puller.exit(outer);
            outer = puller.enter(StageMeter.FREE);
            clock.now += 20;
            puller.exit(outer);
            puller.end();
        }
        String report = StageReport.format(List.of(source, puller));
        List<String> lines = report.lines().toList();
        assertEquals(List.of(
                "stage    thread  events  ns/event  ns/packet  %thread",
                "receive       0      10      40.0       40.0     40.0",
                "push          0       -         -       10.0     10.0",
                "enqueue       0      10      50.0       50.0     50.0",
                "dequeue       1      10      30.0       30.0     60.0",
                "free          1      10      20.0       20.0     40.0",
                "total                                  150.0",
                "10 packets in 20 measured runs"), lines, report);
    }

    @Test
    void beforeAnyMeasuredRunTheTableSaysSo() {
        String report = StageReport.format(List.of(new StageMeter(Clock.SYSTEM, 0)));
        assertTrue(report.endsWith("no run measured yet\n"), report);
    }

    @Test
    void aRouterOnTwoThreadsReportsTheStagesOfItsPathOnTheThreadsThatRunThem() throws Exception {
        Router router = RouterBuilder.fromText(
                "src :: InfiniteSource(LENGTH 60, LIMIT 400000, BURST 8) -> q :: Queue(1024)"
                        + " -> uq :: Unqueue(BURST 8) -> Discard; StaticThreadSched(src 0, uq 1);",
                "stages.click").driver(new SmpDriverFactory(), 2).build();
        SmpDriver d = (SmpDriver) router.driver();
        d.setSampleEvery(1); // measure often: this test only checks which stages appear
        router.start();
        try {
            Await.until(() -> rows(router, "receive", "0") && rows(router, "enqueue", "0")
                    && rows(router, "dequeue", "1") && rows(router, "free", "1"), "stages on both threads");
        } finally {
            router.requestStop();
            router.awaitStop();
            router.cleanup();
        }
        String report = router.handlers().read("stage_costs");
        assertTrue(report.lines().noneMatch(l -> l.matches("(dequeue|transmit) +0 .*")), report);
        assertTrue(report.lines().noneMatch(l -> l.matches("(receive|enqueue) +1 .*")), report);
    }

    private static boolean rows(Router router, String stage, String thread) {
        try {
            return router.handlers().read("stage_costs").lines().anyMatch(l -> l.matches(stage + " +" + thread + " .*"));
        } catch (click.api.HandlerException e) {
            throw new AssertionError(e);
        }
    }
}

package click.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ActivitySignal;
import org.junit.jupiter.api.Test;

/**
 * The activity signal a pusher gets (Click's downstream full signal): the full notifiers of the
 * stores downstream, found along push paths; and InfiniteSource obeying it in front of a Queue.
 */
class DownstreamSignalTest {
    private static Router build(String text) throws ConfigurationException {
        return RouterBuilder.fromText(text, "d.click").registry(TestElements.registry()).build();
    }

    private static TestElements.Source source(Router r, String name) {
        return (TestElements.Source) r.element(name);
    }

    private static TestElements.TestQueue queue(Router r, String name) {
        return (TestElements.TestQueue) r.element(name);
    }

    @Test
    void aPusherRightBeforeAQueueGetsTheQueuesFullNotifier() throws Exception {
        Router r = build("s :: Source -> q :: TestQueue -> PullSink;");
        assertSame(queue(r, "q").full, source(r, "s").nonFull);
    }

    @Test
    void theWalkGoesThroughAgnosticElementsOnThePushPath() throws Exception {
        Router r = build("s :: Source -> Pass -> Pass -> q :: TestQueue -> PullSink;");
        assertSame(queue(r, "q").full, source(r, "s").nonFull);
    }

    @Test
    void aSplitOverTwoQueuesIsActiveWhileEitherHasRoom() throws Exception {
        Router r = build("s :: Source -> x :: Split; x[0] -> a :: TestQueue -> PullSink; x[1] -> b :: TestQueue -> PullSink;");
        ActivitySignal sig = source(r, "s").nonFull;
        queue(r, "a").full.sleep();
        assertTrue(sig.active(), "b has room");
        queue(r, "b").full.sleep();
        assertFalse(sig.active(), "both full");
        queue(r, "a").full.wake();
        assertTrue(sig.active());
    }

    @Test
    void aPushPathThatEndsWithoutAQueueIsAlwaysActive() throws Exception {
        Router r = build("s :: Source -> x :: Split; x[0] -> a :: TestQueue -> PullSink; x[1] -> Discard;");
        assertSame(ActivitySignal.ALWAYS, source(r, "s").nonFull, "packets to the Discard are never dropped for room");
        Router direct = build("s :: Source -> Discard;");
        assertSame(ActivitySignal.ALWAYS, source(direct, "s").nonFull);
    }

    @Test
    void thePushersTaskIsRegisteredAsAListener() throws Exception {
        Router r = build("s :: Source -> q :: TestQueue -> PullSink;");
        TestElements.Source s = source(r, "s");
        s.task.sleep();
        queue(r, "q").full.wake();
        assertTrue(s.task.isScheduled());
    }

    /**
     * InfiniteSource in front of a Queue nobody pulls from: it stops once the queue is full rather
     * than make packets only to see them dropped; emptying the queue (the reset handler) wakes it
     * and it fills the queue again, still without a drop. Then a puller drains it to half, which
     * wakes the source too.
     */
    @Test
    void anInfiniteSourceSleepsWhileTheQueueDownstreamIsFullAndResumesWhenItDrains() throws Exception {
        Router r = build("src :: InfiniteSource(LIMIT -1, BURST 1) -> q :: Queue(100) -> uq :: Unqueue(ACTIVE false)"
                + " -> c :: Counter -> Discard;");
        r.start();
        try {
            awaitSourceAsleep(r);
            assertEquals("100", r.handlers().read("q.length"));
            assertEquals("0", r.handlers().read("q.drops"), "the source stopped before the queue dropped");
            assertEquals("100", r.handlers().read("src.count"));
            r.handlers().write("q.reset", "");
            awaitSourceAsleep(r);
            assertEquals("100", r.handlers().read("q.length"));
            assertEquals("0", r.handlers().read("q.drops"));
            assertEquals("200", r.handlers().read("src.count"));
            r.handlers().write("uq.active", "true");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (Long.parseLong(r.handlers().read("src.count")) <= 1000 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertTrue(Long.parseLong(r.handlers().read("src.count")) > 1000, "the puller's drains woke the source");
        } finally {
            r.requestStop();
            r.awaitStop();
            r.cleanup();
        }
    }

    private static void awaitSourceAsleep(Router r) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (r.driver().tasks().get(0).isScheduled() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertFalse(r.driver().tasks().get(0).isScheduled(), "the source's task went to sleep");
    }
}

package click.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ActivitySignal;
import org.junit.jupiter.api.Test;

/** The activity signal a puller gets: the notifiers of the stores upstream, found along pull paths. */
class UpstreamSignalTest {
    private static Router build(String text) throws ConfigurationException {
        return RouterBuilder.fromText(text, "u.click").registry(TestElements.registry()).build();
    }

    private static ActivitySignal signalOf(Router r, String puller) {
        return ((TestElements.PullSink) r.element(puller)).signal;
    }

    private static TestElements.TestQueue queue(Router r, String name) {
        return (TestElements.TestQueue) r.element(name);
    }

    @Test
    void aPullerRightAfterAQueueGetsTheQueuesNotifier() throws Exception {
        Router r = build("Source -> q :: TestQueue -> s :: PullSink;");
        assertSame(queue(r, "q").notifier, signalOf(r, "s"));
    }

    @Test
    void theWalkGoesThroughAgnosticElementsOnThePullPath() throws Exception {
        Router r = build("Source -> q :: TestQueue -> Pass -> Pass -> s :: PullSink;");
        assertSame(queue(r, "q").notifier, signalOf(r, "s"));
    }

    @Test
    void aSchedulerOverTwoQueuesIsActiveWhenEitherIs() throws Exception {
        Router r = build("Source -> a :: TestQueue; Source -> b :: TestQueue; a -> x :: Sched -> s :: PullSink; b -> [1] x;");
        ActivitySignal sig = signalOf(r, "s");
        queue(r, "a").notifier.sleep();
        queue(r, "b").notifier.sleep();
        assertFalse(sig.active());
        queue(r, "b").notifier.wake();
        assertTrue(sig.active());
    }

    @Test
    void thePullersTaskIsRegisteredAsAListener() throws Exception {
        Router r = build("Source -> q :: TestQueue -> s :: PullSink;");
        TestElements.PullSink s = (TestElements.PullSink) r.element("s");
        s.task.sleep();
        queue(r, "q").notifier.wake();
        assertTrue(s.task.isScheduled());
    }

    @Test
    void aPullPathWithoutANotifierIsAlwaysActive() throws Exception {
        // a Merge with no inputs stands for any pull source without a notifier
        Router r = build("Merge -> s :: PullSink;");
        assertSame(ActivitySignal.ALWAYS, signalOf(r, "s"));
        Router mixed = build("Source -> a :: TestQueue; a -> x :: Sched -> s :: PullSink; Merge -> [1] x;");
        assertSame(ActivitySignal.ALWAYS, signalOf(mixed, "s"));
    }
}

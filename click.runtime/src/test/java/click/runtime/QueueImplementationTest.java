package click.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import click.api.HandlerException;
import org.junit.jupiter.api.Test;

/**
 * The router tells each Queue how many tasks push into it and pull from it, and the Queue picks its
 * ring: single-producer ("spsc") for exactly one of each, multi-producer ("mpsc") otherwise.
 */
class QueueImplementationTest {
    private static String implementation(String config) throws ConfigurationException, HandlerException {
        Router r = RouterBuilder.fromText(config, "q.click").registry(TestElements.registry()).build();
        try {
            return r.handlers().read("q.implementation");
        } finally {
            r.cleanup();
        }
    }

    @Test
    void oneSourceTaskAndOnePullingTaskGetTheSingleProducerRing() throws Exception {
        assertEquals("spsc", implementation("InfiniteSource -> q :: Queue -> Unqueue -> Discard;"));
    }

    @Test
    void theWalkGoesThroughPushElementsBetweenTheSourceAndTheQueue() throws Exception {
        assertEquals("spsc", implementation("InfiniteSource -> Counter -> Paint(1) -> q :: Queue -> Unqueue -> Discard;"));
    }

    @Test
    void oneSourceReachingTheQueueByTwoPathsIsStillOneProducer() throws Exception {
        assertEquals("spsc", implementation("InfiniteSource -> t :: Tee(2) -> q :: Queue -> Unqueue -> Discard; t[1] -> q;"));
    }

    @Test
    void twoSourcesIntoOneQueueGetTheMultiProducerRing() throws Exception {
        assertEquals("mpsc", implementation("InfiniteSource -> q :: Queue -> Unqueue -> Discard; InfiniteSource -> q;"));
    }

    @Test
    void aSourceWithATimerUpstreamGetsTheMultiProducerRing() throws Exception {
        assertEquals("mpsc", implementation("RatedSource -> q :: Queue -> Unqueue -> Discard;"));
    }

    @Test
    void aPushSourceWithoutATaskGetsTheMultiProducerRing() throws Exception {
        // Idle pushes nothing, but stands for any task-less source: packets from handlers or other threads
        assertEquals("mpsc", implementation("Idle -> q :: Queue -> Unqueue -> Discard;"));
    }

    @Test
    void aQueueFeedingAnotherQueuesTaskSideCountsTheTaskThatPullsFromTheFirst() throws Exception {
        assertEquals("spsc", implementation(
                "InfiniteSource -> a :: Queue -> Unqueue -> q :: Queue -> Unqueue -> Discard;"));
    }
}

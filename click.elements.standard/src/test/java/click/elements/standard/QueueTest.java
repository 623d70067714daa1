package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ConfigException;
import click.api.HandlerException;
import click.api.Packet;
import click.api.PortConcurrency;
import click.testing.ElementHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class QueueTest {
    @Test
    void defaultCapacityIsOneThousand() throws Exception {
        ElementHarness<Queue> h = ElementHarness.of(new Queue()).configure("");
        assertEquals("1000", h.read("capacity"));
    }

    @Test
    void aPacketBetweenEmptyPullsStartsTheCountAgain() throws Exception {
        ElementHarness<Queue> h = ElementHarness.of(new Queue()).configure("");
        for (int i = 1; i < PacketQueue.EMPTY_PULLS_BEFORE_SLEEP; i++) {
            assertNull(h.pull(0));
        }
        h.push(0, Packet.make(60));
        assertEquals(60, h.pull(0).length());
        assertNull(h.pull(0));
        assertTrue(h.element().emptyNotifier(0).active(), "one empty pull after a packet is not a run of them");
        h.clearOutputs();
        h.assertNoLeaks();
    }

    /** Pulls from the empty queue until its notifier sleeps. */
    static void pullUntilAsleep(ElementHarness<? extends PacketQueue> h) {
        for (int i = 0; i < PacketQueue.EMPTY_PULLS_BEFORE_SLEEP; i++) {
            assertNull(h.pull(0));
        }
    }

    @Test
    void capacityWriteTakesEffectAtOnceAndShrinkingKeepsStoredPackets() throws Exception {
        ElementHarness<Queue> h = ElementHarness.of(new Queue()).configure("CAPACITY 10");
        h.push(0, Packet.make(60)).push(0, Packet.make(60)).push(0, Packet.make(60));
        h.write("capacity", "1");
        assertEquals("3", h.read("length"));
        h.push(0, Packet.make(60));
        assertEquals("1", h.read("drops"));
        h.write("capacity", "16"); // 10 rounds up to a 16-slot ring
        assertEquals("16", h.read("capacity"));
        h.assertNoLeaks(3);
    }

    @Test
    void capacityWriteBeyondTheRingIsRefusedWithAdvice() throws Exception {
        ElementHarness<Queue> h = ElementHarness.of(new Queue()).configure("1000");
        HandlerException e = assertThrows(HandlerException.class, () -> h.write("capacity", "5000"));
        assertTrue(e.getMessage().contains("hot-swap"), e.getMessage());
        assertThrows(HandlerException.class, () -> h.write("capacity", "0"));
        assertThrows(HandlerException.class, () -> h.write("capacity", "lots"));
        assertEquals("1000", h.read("capacity"));
    }

    @Test
    void packetsThePullerTookAheadStillCountAndMoveFirstOnHotSwapAndDieOnReset() throws Exception {
        ElementHarness<Queue> old = ElementHarness.of(new Queue()).configure("30");
        ElementHarness<Queue> h = ElementHarness.of(new Queue()).configure("30");
        for (int len = 60; len < 80; len++) {
            old.push(0, Packet.make(len));
        }
        assertEquals(60, old.pull(0).length()); // takes up to STAGE more off the ring behind it
        assertEquals("19", old.read("length"));
        assertEquals(61, old.pull(0).length());
        h.element().takeState(old.element());
        assertEquals("0", old.read("length"));
        assertEquals("18", h.read("length"));
        for (int len = 62; len < 70; len++) {
            assertEquals(len, h.pull(0).length(), "FIFO across the stage and the ring");
        }
        h.write("reset", "");
        assertEquals("0", h.read("length"));
        assertNull(h.pull(0));
        old.clearOutputs();
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void takeStateMovesPacketsInOrderAndDropsThoseBeyondTheNewCapacity() throws Exception {
        ElementHarness<Queue> old = ElementHarness.of(new Queue()).configure("10");
        ElementHarness<Queue> h = ElementHarness.of(new Queue()).configure("2");
        Packet a = Packet.make(60);
        Packet b = Packet.make(61);
        old.push(0, a).push(0, b).push(0, Packet.make(62));
        h.element().takeState(old.element());
        assertEquals("0", old.read("length"));
        assertEquals("1", h.read("drops"));
        assertSame(a, h.pull(0));
        assertSame(b, h.pull(0));
        h.assertNoLeaks();
    }

    @Test
    void takeStateIgnoresAnElementOfAnotherClass() throws Exception {
        ElementHarness<SimpleQueue> old = ElementHarness.of(new SimpleQueue()).configure("");
        ElementHarness<Queue> h = ElementHarness.of(new Queue()).configure("");
        old.push(0, Packet.make(60));
        h.element().takeState(old.element());
        assertEquals("1", old.read("length"));
        assertEquals("0", h.read("length"));
        h.assertNoLeaks(1);
    }

    @Test
    void badCapacityIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ElementHarness.of(new Queue()).configure("0"));
        assertEquals("expected an integer >= 1 for CAPACITY, got \"0\"", e.getMessage());
        assertThrows(ConfigException.class, () -> ElementHarness.of(new Queue()).configure("many"));
        assertThrows(ConfigException.class, () -> ElementHarness.of(new Queue()).configure("10, 20"));
    }

    @Test
    void severalPushingThreadsNeverExceedTheCapacity() throws Exception {
        ElementHarness<Queue> h = ElementHarness.of(new Queue()).configure("100");
        int threads = 4;
        int each = 1000;
        runPushers(threads, each, h.element());
        assertEquals("100", h.read("length"));
        assertEquals(Long.toString(threads * each - 100L), h.read("drops"));
        h.element().cleanup();
    }

    private static PortConcurrency tasks(int pushing, int pulling) {
        return new PortConcurrency() {
            @Override public int pushingTasks(int port) {
                return pushing;
            }

            @Override public int pullingTasks(int port) {
                return pulling;
            }
        };
    }

    @Test
    void aQueueTheRouterSaysNothingAboutStaysMultiProducer() throws Exception {
        ElementHarness<Queue> h = ElementHarness.of(new Queue()).configure("");
        assertEquals("mpsc", h.read("implementation"));
    }

    @Test
    void oneTaskPushingAndOnePullingSwitchesToSingleProducerKeepingStoredPacketsInOrder() throws Exception {
        ElementHarness<Queue> h = ElementHarness.of(new Queue()).configure("3");
        Packet a = Packet.make(60);
        Packet b = Packet.make(70);
        h.push(0, a).push(0, b);
        h.element().concurrencyKnown(tasks(1, 1));
        assertEquals("spsc", h.read("implementation"));
        assertEquals("2", h.read("length"));
        h.push(0, Packet.make(80)).push(0, Packet.make(90));
        assertEquals("1", h.read("drops"), "the single-producer ring keeps the CAPACITY limit");
        assertSame(a, h.pull(0));
        assertSame(b, h.pull(0));
        assertEquals(80, h.pull(0).length());
        assertNull(h.pull(0));
        h.assertNoLeaks();
    }

    @Test
    void severalPushersOrAnUnboundedSideKeepTheMultiProducerRing() throws Exception {
        for (PortConcurrency c : List.of(tasks(2, 1), tasks(PortConcurrency.UNBOUNDED, 1), tasks(1, 2),
                tasks(1, PortConcurrency.UNBOUNDED))) {
            ElementHarness<Queue> h = ElementHarness.of(new Queue()).configure("");
            h.element().concurrencyKnown(c);
            assertEquals("mpsc", h.read("implementation"));
        }
    }

    @Test
    void withBatchPullsSeeNothingUntilTheBatchIsComplete() throws Exception {
        ElementHarness<Queue> h = ElementHarness.of(new Queue()).configure("BATCH 3");
        h.push(0, Packet.make(60)).push(0, Packet.make(61));
        assertNull(h.pull(0), "two of three packets: held back");
        assertTrue(h.element().emptyNotifier(0).active(), "the puller is kept looking, not put to sleep");
        h.push(0, Packet.make(62)).push(0, Packet.make(63));
        List<Integer> lengths = new ArrayList<>();
        for (Packet p = h.pull(0); p != null; p = h.pull(0)) {
            lengths.add(p.length());
        }
        assertEquals(List.of(60, 61, 62, 63), lengths, "every packet waiting at the release, in order");
        h.assertNoLeaks();
    }

    @Test
    void withBatchAShortBatchIsReleasedOnceTheDelayHasPassed() throws Exception {
        ElementHarness<Queue> h = ElementHarness.of(new Queue()).configure("BATCH 8, BATCH_DELAY 50us");
        h.push(0, Packet.make(60));
        assertNull(h.pull(0));
        h.advance(49_000);
        assertNull(h.pull(0), "the delay has not passed yet");
        h.push(0, Packet.make(61));
        h.advance(1_000);
        assertEquals(60, h.pull(0).length());
        assertEquals(61, h.pull(0).length());
        assertNull(h.pull(0));
        h.push(0, Packet.make(62));
        assertNull(h.pull(0), "after the release the rule applies afresh");
        h.advance(50_000);
        assertEquals(62, h.pull(0).length());
        h.assertNoLeaks();
    }

    @Test
    void batchOneMeansNoBatching() throws Exception {
        ElementHarness<Queue> h = ElementHarness.of(new Queue()).configure("BATCH 1");
        h.push(0, Packet.make(60));
        assertEquals(60, h.pull(0).length());
        h.assertNoLeaks();
    }

    @Test
    void aBatchBelowOneIsAConfigurationError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ElementHarness.of(new Queue()).configure("BATCH 0"));
        assertTrue(e.getMessage().contains("BATCH"), e.getMessage());
    }

    private static void runPushers(int threads, int each, Queue q) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> pushers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    q.push(0, Packet.make(60));
                }
            });
            th.start();
            pushers.add(th);
        }
        start.countDown();
        for (Thread th : pushers) {
            th.join();
        }
    }
}

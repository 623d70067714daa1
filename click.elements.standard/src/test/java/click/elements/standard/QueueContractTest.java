package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Element;
import click.api.Packet;
import click.api.PortConcurrency;
import click.api.TaskHandle;
import click.testing.ElementHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The queue contract, checked on every queue variant the configuration language can produce: Queue
 * and SimpleQueue, each with the multi-producer ring (the default, and what several pushing tasks
 * get) and the single-producer ring (one pushing task and one pulling task), with and without
 * dequeue batching. Whatever the variant: first in, first out; never more than CAPACITY stored, the
 * rest killed and counted; high-water mark and resets; the empty notifier's sleep (after a run of
 * empty pulls) and wake; packets
 * handed out are the very packets pushed and none is lost or leaked; and under concurrent producers
 * every packet is pulled exactly once (or dropped), in each producer's order.
 *
 * <p>Element-specific behaviour (configuration errors, the capacity handler's limits, hot-swap,
 * the batch rule's timing, the router's choice of ring) is in QueueTest and
 * click.runtime's QueueImplementationTest.
 */
class QueueContractTest {
    private static final long BATCH_DELAY_NANOS = 10_000;

    /**
     * One way a queue can be set up: its element class, whether the router told it that one task
     * pushes and one pulls (the single-producer ring), and its dequeue batch (1 = off).
     */
    record Variant(String name, Supplier<PacketQueue> element, boolean singleProducer, int batch) {
        @Override
        public String toString() {
            return name;
        }

        /** A configured queue of this variant; {@code capacity} null for the default. */
        ElementHarness<PacketQueue> make(Integer capacity) throws Exception {
            List<String> keywords = new ArrayList<>();
            if (capacity != null) {
                keywords.add("CAPACITY " + capacity);
            }
            if (batch > 1) {
                keywords.add("BATCH " + batch);
                keywords.add("BATCH_DELAY " + BATCH_DELAY_NANOS / 1000 + "us");
            }
            ElementHarness<PacketQueue> h = ElementHarness.of(element.get()).configure(String.join(", ", keywords));
            if (singleProducer) {
                h.element().concurrencyKnown(ONE_TASK_EACH_SIDE);
            }
            assertEquals(singleProducer ? "spsc" : "mpsc", h.read("implementation"));
            return h;
        }
    }

    private static final PortConcurrency ONE_TASK_EACH_SIDE = new PortConcurrency() {
        @Override public int pushingTasks(int port) {
            return 1;
        }

        @Override public int pullingTasks(int port) {
            return 1;
        }
    };

    static Stream<Variant> variants() {
        List<Variant> v = new ArrayList<>();
        for (boolean single : new boolean[] {false, true}) {
            for (int batch : new int[] {1, 4}) {
                String ring = single ? "spsc" : "mpsc";
                String suffix = batch > 1 ? "+batch" + batch : "";
                v.add(new Variant("Queue/" + ring + suffix, Queue::new, single, batch));
                v.add(new Variant("SimpleQueue/" + ring + suffix, SimpleQueue::new, single, batch));
            }
        }
        return v.stream();
    }

    /**
     * Pulls one packet as a puller that keeps polling would: a batching queue holds a short batch
     * back until its delay has passed, so on a miss the clock moves past the delay and the pull is
     * tried once more.
     */
    private static Packet pullOne(Variant v, ElementHarness<PacketQueue> h) {
        Packet p = h.pull(0);
        if (p == null && v.batch() > 1) {
            h.advance(BATCH_DELAY_NANOS);
            p = h.pull(0);
        }
        return p;
    }

    private static List<Packet> pullAll(Variant v, ElementHarness<PacketQueue> h) {
        List<Packet> out = new ArrayList<>();
        for (Packet p = pullOne(v, h); p != null; p = pullOne(v, h)) {
            out.add(p);
        }
        return out;
    }

    private static List<Packet> pushNumbered(ElementHarness<PacketQueue> h, int n) {
        List<Packet> pushed = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Packet p = Packet.make(60 + i);
            pushed.add(p);
            h.push(0, p);
        }
        return pushed;
    }

    /** After the pulled packets are killed, exactly {@code stored} are held; cleanup kills those too. */
    private static void assertHoldsAndCleanupKillsThem(ElementHarness<PacketQueue> h, int stored) {
        h.clearOutputs();
        h.assertNoLeaks(stored);
        h.element().cleanup();
        h.assertNoLeaks();
    }

    private static void assertSamePackets(List<Packet> expected, List<Packet> actual) {
        assertEquals(expected.size(), actual.size(), "packets pulled");
        for (int i = 0; i < expected.size(); i++) {
            assertSame(expected.get(i), actual.get(i), "packet " + i + ": the very packet pushed, in order");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void pullsHandOutThePushedPacketsThemselvesOldestFirst(Variant v) throws Exception {
        ElementHarness<PacketQueue> h = v.make(null);
        List<Packet> pushed = pushNumbered(h, 10);
        assertEquals("10", h.read("length"));
        assertSamePackets(pushed, pullAll(v, h));
        assertNull(pullOne(v, h));
        assertEquals("0", h.read("length"));
        h.assertNoLeaks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void interleavedPushesAndPullsKeepFirstInFirstOut(Variant v) throws Exception {
        ElementHarness<PacketQueue> h = v.make(64);
        List<Packet> expected = new ArrayList<>();
        List<Packet> pulled = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            expected.addAll(pushNumbered(h, 1 + round % 5));
            for (int k = 0; k < 1 + round % 3; k++) {
                Packet p = pullOne(v, h);
                if (p != null) {
                    pulled.add(p);
                }
            }
        }
        pulled.addAll(pullAll(v, h));
        assertEquals("0", h.read("drops"), "the 60 packets fit");
        assertSamePackets(expected, pulled);
        h.assertNoLeaks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void aFullQueueKillsAndCountsEveryPacketBeyondCapacity(Variant v) throws Exception {
        ElementHarness<PacketQueue> h = v.make(3);
        List<Packet> pushed = pushNumbered(h, 5);
        assertEquals("3", h.read("length"));
        assertEquals("2", h.read("drops"));
        assertEquals("3", h.read("capacity"));
        h.assertNoLeaks(3); // the two dropped were killed
        assertSamePackets(pushed.subList(0, 3), pullAll(v, h));
        h.push(0, Packet.make(60));
        assertEquals("2", h.read("drops"), "room again after the pulls");
        assertHoldsAndCleanupKillsThem(h, 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void highwaterLengthIsTheMostStoredAtOnceUntilResetCounts(Variant v) throws Exception {
        ElementHarness<PacketQueue> h = v.make(null);
        assertEquals("0", h.read("highwater_length"));
        pushNumbered(h, 3);
        pullOne(v, h);
        pullOne(v, h);
        pushNumbered(h, 1);
        assertEquals("3", h.read("highwater_length"));
        assertEquals("2", h.read("length"));
        h.write("reset_counts", "");
        assertEquals("2", h.read("highwater_length"), "reset_counts starts again from the current length");
        assertEquals("0", h.read("drops"));
        assertHoldsAndCleanupKillsThem(h, 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void resetKillsEveryStoredPacketAndResetCountsClearsDrops(Variant v) throws Exception {
        ElementHarness<PacketQueue> h = v.make(2);
        pushNumbered(h, 4);
        assertEquals("2", h.read("drops"));
        h.write("reset", "");
        assertEquals("0", h.read("length"));
        assertNull(pullOne(v, h));
        h.assertNoLeaks();
        h.write("reset_counts", "");
        assertEquals("0", h.read("drops"));
        assertEquals("0", h.read("highwater_length"));
        List<Packet> pushed = pushNumbered(h, 2);
        assertSamePackets(pushed, pullAll(v, h));
        h.assertNoLeaks();
    }

    /** A task handle that only records wakes, as the driver's would run the task. */
    private static class RecordingTask implements TaskHandle {
        final AtomicLong wakes = new AtomicLong();
        private final Element owner;

        RecordingTask(Element owner) {
            this.owner = owner;
        }

        @Override public void wake() {
            wakes.incrementAndGet();
        }

        @Override public void sleep() {
        }

        @Override public boolean isScheduled() {
            return true;
        }

        @Override public Element owner() {
            return owner;
        }

        @Override public int thread() {
            return 0;
        }

        @Override public void moveTo(int thread) {
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void anEmptyPullSleepsTheNotifierAndTheNextPushWakesItsListeners(Variant v) throws Exception {
        ElementHarness<PacketQueue> h = v.make(null);
        RecordingTask puller = new RecordingTask(h.element());
        h.element().emptyNotifier(0).addListener(puller);
        assertTrue(h.element().emptyNotifier(0).active(), "a new queue lets its puller try");
        for (int i = 1; i < PacketQueue.EMPTY_PULLS_BEFORE_SLEEP; i++) {
            assertNull(h.pull(0));
            assertTrue(h.element().emptyNotifier(0).active(), "still looking after " + i + " empty pulls");
        }
        assertNull(h.pull(0));
        assertFalse(h.element().emptyNotifier(0).active(), "a run of empty pulls: the puller may sleep");
        assertEquals(0, puller.wakes.get());
        Packet p = Packet.make(60);
        h.push(0, p);
        assertTrue(h.element().emptyNotifier(0).active());
        assertEquals(1, puller.wakes.get(), "the first packet wakes the sleeping puller");
        h.push(0, Packet.make(61));
        assertEquals(1, puller.wakes.get(), "an awake puller is not woken again");
        assertSame(p, pullOne(v, h));
        assertTrue(h.element().emptyNotifier(0).active(), "not empty yet");
        pullOne(v, h);
        QueueTest.pullUntilAsleep(h);
        assertFalse(h.element().emptyNotifier(0).active());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void cleanupKillsStoredPackets(Variant v) throws Exception {
        ElementHarness<PacketQueue> h = v.make(null);
        pushNumbered(h, 5);
        h.assertNoLeaks(5);
        h.element().cleanup();
        assertEquals("0", h.read("length"));
        h.assertNoLeaks();
    }

    /**
     * Producers on their own threads push numbered packets (producer, sequence) while one consumer
     * thread pulls as Unqueue does: on an empty pull it sleeps its task and re-checks the notifier,
     * and a sleeping consumer parks until the queue's wake unparks it, so a lost wake-up would leave
     * it parked for ever. A single-producer ring gets one producer (its contract), the others three.
     * Every packet must be pulled exactly once or counted as dropped, each producer's packets in the
     * order pushed.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void concurrentProducersAndAConsumerSeeEveryPacketExactlyOnceInEachProducersOrder(Variant v) throws Exception {
        ElementHarness<PacketQueue> h = v.make(256);
        PacketQueue q = h.element();
        int producers = v.singleProducer() ? 1 : 3;
        int each = 100_000;
        long total = (long) producers * each;
        AtomicBoolean scheduled = new AtomicBoolean(true);
        Thread[] consumerRef = new Thread[1];
        TaskHandle task = new RecordingTask(q) {
            @Override public void wake() {
                scheduled.set(true);
                LockSupport.unpark(consumerRef[0]);
            }

            @Override public void sleep() {
                scheduled.set(false);
            }
        };
        q.emptyNotifier(0).addListener(task);
        long[] lastSeq = new long[producers];
        java.util.Arrays.fill(lastSeq, -1);
        AtomicLong pulled = new AtomicLong();
        AtomicLong outOfOrder = new AtomicLong();
        Thread consumer = new Thread(() -> {
            long n = 0;
            while (n + q.drops() < total) {
                if (!scheduled.get()) {
                    LockSupport.parkNanos(100_000_000L);
                    continue;
                }
                Packet p = q.pull(0);
                if (p != null) {
                    int producer = p.i32(0);
                    long seq = p.i64(4);
                    if (seq <= lastSeq[producer]) {
                        outOfOrder.incrementAndGet(); // a duplicate or a reordering
                    }
                    lastSeq[producer] = seq;
                    p.kill();
                    n++;
                } else if (v.batch() > 1 && q.emptyNotifier(0).active()) {
                    h.advance(BATCH_DELAY_NANOS); // a held-back short batch: let its delay pass
                } else {
                    task.sleep();
                    if (q.emptyNotifier(0).active()) {
                        task.wake();
                    }
                }
            }
            pulled.set(n);
        }, "queue-consumer");
        consumerRef[0] = consumer;
        consumer.start();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < producers; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (long s = 0; s < each; s++) {
                    Packet p = Packet.make(60);
                    p.setI32(0, id);
                    p.setI64(4, s);
                    q.push(0, p);
                }
            }, "queue-producer-" + t);
            th.start();
            threads.add(th);
        }
        go.countDown();
        for (Thread th : threads) {
            th.join();
        }
        consumer.join(60_000);
        assertFalse(consumer.isAlive(), "the consumer never saw every packet: lost or a wake-up was lost");
        assertEquals(0, outOfOrder.get(), "packets pulled twice or out of their producer's order");
        assertEquals(total, pulled.get() + q.drops(), "every packet pulled once or dropped");
        assertEquals(0, q.length());
    }
}

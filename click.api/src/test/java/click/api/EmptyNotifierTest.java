package click.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EmptyNotifierTest {
    /** A task handle that counts its wakes. */
    private static final class CountingTask implements TaskHandle {
        final AtomicInteger wakes = new AtomicInteger();

        @Override
        public void wake() {
            wakes.incrementAndGet();
        }

        @Override
        public void sleep() {
        }

        @Override
        public boolean isScheduled() {
            return true;
        }

        @Override
        public Element owner() {
            return null;
        }

        @Override
        public int thread() {
            return 0;
        }

        @Override
        public void moveTo(int thread) {
        }
    }

    private static final class Driving extends DriverThread {
        Driving(Runnable body) {
            super(body, "driving", 0, null);
        }
    }

    /** Runs {@code body} on a driver thread and rethrows what it threw. */
    private static void onDriverThread(Runnable body) throws InterruptedException {
        List<Throwable> thrown = new ArrayList<>();
        Driving t = new Driving(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                thrown.add(e);
            }
        });
        t.start();
        t.join();
        if (!thrown.isEmpty()) {
            throw new AssertionError(thrown.get(0));
        }
    }

    @Test
    void anOrderedStoreWakesAnInactiveNotifierAtOnce() throws InterruptedException {
        CountingTask puller = new CountingTask();
        EmptyNotifier n = new EmptyNotifier();
        n.addListener(puller);
        n.sleep();
        onDriverThread(n::wakeAfterOrderedStore);
        assertTrue(n.active());
        assertEquals(1, puller.wakes.get());
    }

    /**
     * The race the deferred fence leaves open: the store is made while the notifier still looks
     * active, and the consumer falls asleep without seeing it. The thread's next flush must wake it.
     */
    @Test
    void aConsumerThatFellAsleepAfterADeferredCheckIsWokenByTheNextFlush() throws InterruptedException {
        CountingTask puller = new CountingTask();
        EmptyNotifier n = new EmptyNotifier();
        n.addListener(puller);
        onDriverThread(() -> {
            n.wakeAfterOrderedStore(); // active: the check is deferred
            n.wakeAfterOrderedStore(); // a second store into the same notifier: remembered once
            n.sleep();                 // the consumer's sleep, racing with the stores
            assertEquals(0, puller.wakes.get(), "nothing woke the puller before the flush");
            ((DriverThread) Thread.currentThread()).flushWakeChecks();
            assertTrue(n.active(), "the flush re-activated the notifier");
            assertEquals(1, puller.wakes.get(), "the flush woke the puller once");
            ((DriverThread) Thread.currentThread()).flushWakeChecks();
            assertEquals(1, puller.wakes.get(), "a flush with nothing pending wakes nobody");
        });
    }

    @Test
    void aFlushLeavesAnActiveNotifierAlone() throws InterruptedException {
        CountingTask puller = new CountingTask();
        EmptyNotifier n = new EmptyNotifier();
        n.addListener(puller);
        onDriverThread(() -> {
            n.wakeAfterOrderedStore();
            ((DriverThread) Thread.currentThread()).flushWakeChecks();
        });
        assertEquals(0, puller.wakes.get());
    }

    @Test
    void aFlushChecksEveryNotifierStoredIntoEvenBeyondItsFirstCapacity() throws InterruptedException {
        List<CountingTask> pullers = new ArrayList<>();
        List<EmptyNotifier> notifiers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            CountingTask t = new CountingTask();
            EmptyNotifier n = new EmptyNotifier();
            n.addListener(t);
            pullers.add(t);
            notifiers.add(n);
        }
        onDriverThread(() -> {
            notifiers.forEach(EmptyNotifier::wakeAfterOrderedStore);
            notifiers.forEach(EmptyNotifier::sleep);
            ((DriverThread) Thread.currentThread()).flushWakeChecks();
        });
        for (int i = 0; i < 10; i++) {
            assertTrue(notifiers.get(i).active(), "notifier " + i);
            assertEquals(1, pullers.get(i).wakes.get(), "puller " + i);
        }
    }

    @Test
    void onAnyOtherThreadAnOrderedStoreChecksAtOnce() {
        CountingTask puller = new CountingTask();
        EmptyNotifier n = new EmptyNotifier();
        n.addListener(puller);
        n.wakeAfterOrderedStore(); // the test thread: fence and check now; active, so no wake
        n.sleep();
        assertFalse(n.active());
        assertEquals(0, puller.wakes.get());
        n.wakeAfterOrderedStore();
        assertEquals(1, puller.wakes.get());
    }
}

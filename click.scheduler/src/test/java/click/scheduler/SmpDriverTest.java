package click.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Clock;
import click.api.Element;
import click.api.EmptyNotifier;
import click.api.TaskHandle;
import click.api.Timer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpscArrayQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SmpDriverTest {
    private final List<SmpDriver> drivers = new ArrayList<>();

    private SmpDriver driver(int threads) {
        SmpDriver d = new SmpDriver(threads, Clock.SYSTEM);
        d.setScheduling(SmpDriver.Scheduling.STATIC);
        drivers.add(d);
        return d;
    }

    @AfterEach
    void stopDrivers() throws InterruptedException {
        for (SmpDriver d : drivers) {
            d.requestStop();
            d.awaitStop();
        }
    }

    private static String threadName(int index) {
        return "click-router-" + index;
    }

    @Test
    void tasksAreDealtRoundRobinAndRunOnTheThreadTheyAreAssignedTo() {
        SmpDriver d = driver(2);
        List<TaskHandle> handles = new ArrayList<>();
        List<ThreadNames> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ThreadNames s = new ThreadNames();
            seen.add(s);
            handles.add(d.addTask(Elements.named("t" + i), () -> {
                s.add(Thread.currentThread().getName());
                return 1;
            }));
        }
        d.start();
        Await.until(() -> seen.stream().allMatch(s -> s.size() > 0), "every task ran");
        for (int i = 0; i < 4; i++) {
            assertEquals(i % 2, handles.get(i).thread());
            assertEquals(java.util.Set.of(threadName(i % 2)), seen.get(i).names());
        }
    }

    /** Thread names a task ran on. */
    private static final class ThreadNames {
        private final java.util.Set<String> names = ConcurrentHashMap.newKeySet();

        void add(String n) {
            names.add(n);
        }

        int size() {
            return names.size();
        }

        java.util.Set<String> names() {
            return names;
        }
    }

    @Test
    void aTaskNeverRunsOnTwoThreadsAtOnceWhileTasksMoveAllTheTime() throws InterruptedException {
        int threads = 3;
        SmpDriver d = driver(threads);
        int taskCount = 24;
        AtomicInteger overlaps = new AtomicInteger();
        AtomicLong runs = new AtomicLong();
        List<SmpTask> handles = new ArrayList<>();
        List<java.util.Set<String>> threadsSeen = new ArrayList<>();
        for (int i = 0; i < taskCount; i++) {
            AtomicBoolean inRun = new AtomicBoolean();
            java.util.Set<String> where = ConcurrentHashMap.newKeySet();
            threadsSeen.add(where);
            AtomicReference<TaskHandle> self = new AtomicReference<>();
            int seed = i;
            TaskHandle h = d.addTask(Elements.named("t" + i), new click.api.Task() {
                private int n = seed;

                @Override
                public int runTask() {
                    if (!inRun.compareAndSet(false, true)) {
                        overlaps.incrementAndGet();
                    }
                    where.add(Thread.currentThread().getName());
                    n = n * 1103515245 + 12345;
                    if ((n & 0x70) == 0) {
                        self.get().moveTo((n >>> 8 & 0x7fff) % threads); // a move asked by the task itself
                    }
                    Thread.onSpinWait();
                    runs.incrementAndGet();
                    inRun.set(false);
                    return 1;
                }
            });
            self.set(h);
            handles.add((SmpTask) h);
        }
        d.start();
        Thread mover = new Thread(() -> {
            int k = 0;
            while (!d.stopRequested()) {
                handles.get(k % taskCount).moveTo(k * 7 % threads);
                k++;
                if (k % 64 == 0) {
                    Thread.yield();
                }
            }
        });
        mover.start();
        Await.until(() -> runs.get() > 300_000 && threadsSeen.stream().allMatch(s -> s.size() == threads),
                "every task ran on every thread");
        d.requestStop();
        d.awaitStop();
        mover.join();
        assertEquals(0, overlaps.get(), "runs of one task overlapped");
    }

    @Test
    void moveToLandsBetweenTwoRunsNeverDuringOne() {
        SmpDriver d = driver(2);
        List<String> before = new CopyOnWriteArrayList<>();
        List<String> after = new CopyOnWriteArrayList<>();
        AtomicReference<TaskHandle> self = new AtomicReference<>();
        AtomicInteger run = new AtomicInteger();
        self.set(d.addTask(Elements.named("mover"), () -> {
            int n = run.incrementAndGet();
            if (n <= 5) {
                before.add(Thread.currentThread().getName());
                if (n == 5) {
                    self.get().moveTo(1);
                    // the rest of this run stays where it started
                    before.add(Thread.currentThread().getName());
                }
            } else if (n <= 10) {
                after.add(Thread.currentThread().getName());
            }
            return 1;
        }));
        d.start();
        Await.until(() -> after.size() == 5, "the task ran after its move");
        assertEquals(Collections.nCopies(6, threadName(0)), before);
        assertEquals(Collections.nCopies(5, threadName(1)), after);
        assertEquals(1, self.get().thread());
        assertTrue(((SmpTask) self.get()).pinned());
    }

    @Test
    void moveToBeforeStartPlacesTheTaskAndRejectsAThreadThatDoesNotExist() {
        SmpDriver d = driver(2);
        TaskHandle t = d.addTask(Elements.named("a"), () -> 0);
        t.moveTo(1);
        assertEquals(1, t.thread());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.moveTo(2));
        assertEquals("no thread 2: the driver has threads 0 to 1", e.getMessage());
    }

    /**
     * A consumer task on one router thread and a producer thread follow the EmptyNotifier protocol
     * through a lock-free queue; the producer pauses now and then so that the consumer goes to
     * sleep again and again. A lost wake-up would leave items in the queue with the consumer asleep
     * for good, and the wait would give up.
     */
    @Test
    void aProducerThreadWakesASleepingConsumerTaskWithoutLosingAWakeUp() throws InterruptedException {
        producerWakesConsumer(new NotifyingQueue(new MpscArrayQueue<>(1024), false), false);
    }

    @Test
    void noWakeUpIsLostWhileTheSleepingConsumerMovesBetweenThreads() throws InterruptedException {
        producerWakesConsumer(new NotifyingQueue(new MpscArrayQueue<>(1024), false), true);
    }

    @Test
    void noWakeUpIsLostBehindASingleProducerQueueWhoseProducerUsesWakeAfterStore() throws InterruptedException {
        producerWakesConsumer(new NotifyingQueue(new SpscArrayQueue<>(1024), true), false);
    }

    /**
     * The producer is a task on router thread 0 and defers its fences (wakeAfterOrderedStore: one
     * fence per flush of the thread's wake checks, not per item). It makes batches of 100 items and
     * waits for each to be consumed; then it starts the next at once or after a pause, so the consumer
     * on thread 1 is falling asleep or asleep when the next batch comes. A wake-up lost in the deferral leaves the consumer asleep with items queued and
     * the producer waiting for good, and the wait gives up.
     */
    @Test
    void noWakeUpIsLostWhenARouterThreadDefersTheFenceAfterItsOrderedStores() {
        NotifyingQueue q = new NotifyingQueue(new SpscArrayQueue<>(1024), true);
        q.deferFence = true;
        SmpDriver d = driver(2);
        AtomicLong consumed = new AtomicLong();
        AtomicLong sleeps = new AtomicLong();
        consumerOnThreadOne(d, q, consumed, sleeps);
        long total = 100_000;
        long[] produced = {0};
        long[] resumeAt = {0};
        boolean[] draining = {false};
        TaskHandle producer = d.addTask(Elements.named("producer"), () -> {
            if (draining[0]) {
                // each batch must be consumed before the next: a lost wake-up stalls the test here
                if (consumed.get() < produced[0]) {
                    return 0;
                }
                draining[0] = false;
                // Every other batch at once, racing the consumer as it falls asleep; the others after
                // a pause in which it is surely asleep.
                resumeAt[0] = produced[0] % 200 == 0 ? 0 : System.nanoTime() + 20_000;
            }
            if (produced[0] == total || System.nanoTime() < resumeAt[0]) {
                return 0;
            }
            int n = 0;
            while (n < 8 && q.offer(produced[0])) {
                produced[0]++;
                n++;
                if (produced[0] % 100 == 0) {
                    draining[0] = true;
                    break;
                }
            }
            return n;
        });
        producer.moveTo(0);
        d.start();
        Await.until(() -> consumed.get() == total, "the consumer got every item (it has " + consumed.get() + ")");
        assertTrue(sleeps.get() > 10, "the consumer went to sleep only " + sleeps.get() + " times");
    }

    /**
     * A task on thread 1 that takes up to 8 items per run, counting them in {@code consumed}, and
     * sleeps (counted in {@code sleeps}) when it found none and the notifier is inactive.
     */
    private static TaskHandle consumerOnThreadOne(SmpDriver d, NotifyingQueue q, AtomicLong consumed, AtomicLong sleeps) {
        AtomicReference<TaskHandle> self = new AtomicReference<>();
        self.set(d.addTask(Elements.named("consumer"), () -> {
            int n = 0;
            while (n < 8 && q.poll() != null) {
                n++;
            }
            consumed.addAndGet(n);
            if (n == 0 && !q.notifier.active()) {
                sleeps.incrementAndGet();
                self.get().sleep();
            }
            return n;
        }));
        q.notifier.addListener(self.get());
        self.get().moveTo(1);
        return self.get();
    }

    private void producerWakesConsumer(NotifyingQueue q, boolean moveConsumer) throws InterruptedException {
        SmpDriver d = driver(2);
        AtomicLong consumed = new AtomicLong();
        AtomicLong sleeps = new AtomicLong();
        AtomicReference<TaskHandle> self = new AtomicReference<>(consumerOnThreadOne(d, q, consumed, sleeps));
        d.start();
        long total = 200_000;
        Thread producer = new Thread(() -> {
            for (long i = 0; i < total; i++) {
                while (!q.offer(i)) {
                    if (d.stopRequested()) {
                        return; // the test gave up (a lost wake-up leaves the queue full)
                    }
                    Thread.onSpinWait();
                }
                if (i % 100 == 0) {
                    // long enough for the consumer to empty the queue and fall asleep
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000);
                }
            }
        });
        producer.start();
        Thread mover = new Thread(() -> {
            for (int k = 0; moveConsumer && producer.isAlive() && !d.stopRequested(); k++) {
                self.get().moveTo(k % 2);
                java.util.concurrent.locks.LockSupport.parkNanos(50_000);
            }
        });
        mover.start();
        producer.join(Await.LIMIT_MILLIS);
        Await.until(() -> consumed.get() == total, "the consumer got every item (it has " + consumed.get() + ")");
        assertTrue(sleeps.get() > 10, "the consumer went to sleep only " + sleeps.get() + " times");
    }

    /** A minimal packet store with the EmptyNotifier protocol (what Queue does). */
    private static final class NotifyingQueue {
        final EmptyNotifier notifier = new EmptyNotifier();
        private final MessagePassingQueue<Long> items;
        /** Whether the offer is only a release store (single producer), so the producer must fence. */
        private final boolean orderedStore;
        /** With an ordered store: whether the producer defers its fence (wakeAfterOrderedStore). */
        boolean deferFence;

        NotifyingQueue(MessagePassingQueue<Long> items, boolean orderedStore) {
            this.items = items;
            this.orderedStore = orderedStore;
        }

        boolean offer(long v) {
            if (!items.offer(v)) {
                return false;
            }
            if (orderedStore && deferFence) {
                notifier.wakeAfterOrderedStore();
            } else if (orderedStore) {
                notifier.wakeAfterStore();
            } else if (!notifier.active()) { // the multi-producer offer's CAS was a full fence
                notifier.wake();
            }
            return true;
        }

        Long poll() {
            Long v = items.relaxedPoll();
            if (v == null) {
                notifier.sleep();
                v = items.poll();
                if (v != null) {
                    notifier.wake();
                }
            }
            return v;
        }
    }

    /**
     * The run states without an atomic per run: a task asks to sleep inside its run while another
     * thread wakes it before that run ends; the wake must win, so the task runs again. Then a run
     * that asks to sleep with no wake leaves the task asleep until a wake.
     */
    @Test
    void aWakeFromAnotherThreadDuringTheRunThatAsksToSleepKeepsTheTaskRunnable() throws InterruptedException {
        SmpDriver d = driver(1);
        AtomicLong runs = new AtomicLong();
        java.util.concurrent.CountDownLatch inRun = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch woken = new java.util.concurrent.CountDownLatch(1);
        AtomicReference<TaskHandle> self = new AtomicReference<>();
        self.set(d.addTask(Elements.named("a"), () -> {
            long n = runs.incrementAndGet();
            if (n == 1 || n == 3) {
                self.get().sleep();
            }
            if (n == 1) {
                inRun.countDown();
                try {
                    woken.await(); // the other thread wakes the task while this run goes on
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return 0;
        }));
        d.start();
        assertTrue(inRun.await(Await.LIMIT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS));
        self.get().wake();
        woken.countDown();
        Await.until(() -> runs.get() >= 3, "the task woken during its run ran again (runs: " + runs.get() + ")");
        Await.until(() -> !self.get().isScheduled(), "the third run's sleep took effect");
        long asleep = runs.get();
        assertEquals(3, asleep, "no run after the sleep");
        self.get().wake();
        Await.until(() -> runs.get() > asleep, "the task ran again once woken");
    }

    /**
     * Each router thread pins itself to its own CPU at start (Linux, JNA): thread i to the i-th CPU
     * the process may use. Where that cannot be done (fewer CPUs, another system) the report says
     * why for each thread instead.
     */
    @Test
    void routerThreadsPinThemselvesToDistinctCpusOrSayWhyNot() {
        SmpDriver d = driver(2);
        d.start();
        Await.until(() -> !d.affinityReport().contains("not started"), "both threads started");
        String report = d.affinityReport();
        assertTrue(report.matches("thread 0: (CPU \\d+|not pinned: .+)\nthread 1: (CPU \\d+|not pinned: .+)\n"), report);
        boolean linuxWithTwoCpus = System.getProperty("os.name").startsWith("Linux")
                && Runtime.getRuntime().availableProcessors() >= 2;
        if (linuxWithTwoCpus) {
            String[] lines = report.split("\n");
            assertTrue(lines[0].startsWith("thread 0: CPU ") && lines[1].startsWith("thread 1: CPU "), report);
            assertNotEquals(lines[0].substring(10), lines[1].substring(10), "two different CPUs: " + report);
        }
    }

    @Test
    void pinningCanBeTurnedOff() {
        SmpDriver d = driver(1);
        d.setPinThreads(false);
        d.start();
        Await.until(() -> !d.affinityReport().contains("not started"), "the thread started");
        assertEquals("thread 0: not pinned (pinning is off: click.affinity=false)\n", d.affinityReport());
    }

    @Test
    void theNthAllowedCpuIsTheNthSetBitOfTheMask() {
        long[] mask = {0b1010L, 1L}; // CPUs 1, 3 and 64
        assertEquals(1, ThreadAffinity.nthSetBit(mask, 0));
        assertEquals(3, ThreadAffinity.nthSetBit(mask, 1));
        assertEquals(64, ThreadAffinity.nthSetBit(mask, 2));
        assertEquals(-1, ThreadAffinity.nthSetBit(mask, 3));
    }

    @Test
    void aTaskPutToSleepFromOutsideStopsAndRunsAgainWhenWoken() {
        SmpDriver d = driver(1);
        AtomicLong runs = new AtomicLong();
        TaskHandle t = d.addTask(Elements.named("a"), () -> {
            runs.incrementAndGet();
            return 0;
        });
        t.sleep();
        assertFalse(t.isScheduled());
        d.start();
        t.wake();
        Await.until(() -> runs.get() > 100, "the woken task ran");
        t.sleep();
        Await.until(() -> !t.isScheduled(), "the task went to sleep");
        long stopped = runs.get();
        t.wake();
        Await.until(() -> runs.get() > stopped, "the task ran again");
    }

    @Test
    void timersFireInDeadlineOrderOnTheThreadOfTheirElementsTask() {
        SmpDriver d = driver(2);
        Element withTask = Elements.named("withTask");
        Element without = Elements.named("without");
        d.addTask(Elements.named("first"), () -> 0);
        TaskHandle t = d.addTask(withTask, () -> 0); // dealt to thread 1
        t.moveTo(0);
        t.moveTo(1);
        List<String> fired = new CopyOnWriteArrayList<>();
        long now = d.clock().nanoTime();
        long[] offsetsMillis = {30, 10, 50, 10, 20, 40};
        List<Timer> timers = new ArrayList<>();
        for (int i = 0; i < offsetsMillis.length; i++) {
            String label = offsetsMillis[i] + "ms#" + i;
            Timer timer = d.newTimer(withTask, () -> fired.add(label + "@" + Thread.currentThread().getName()));
            timers.add(timer);
        }
        // scheduled in this order before the start: equal deadlines fire in scheduling order
        for (int i = 0; i < offsetsMillis.length; i++) {
            timers.get(i).scheduleAt(now + offsetsMillis[i] * 1_000_000);
        }
        Timer other = d.newTimer(without, () -> fired.add("other@" + Thread.currentThread().getName()));
        Timer cancelled = d.newTimer(withTask, () -> fired.add("cancelled"));
        // Far enough ahead that the cancellation below reaches the timer's thread first even on a
        // loaded machine; the test then waits past this deadline to see that it never fires.
        long cancelledDeadline = now + 1_000_000_000L;
        cancelled.scheduleAt(cancelledDeadline);
        d.start();
        cancelled.unschedule(); // from another thread, through the inbox
        assertFalse(cancelled.isScheduled());
        other.scheduleAfter(1_000_000);
        assertTrue(other.isScheduled());
        Await.until(() -> fired.size() >= 7, "every timer fired");
        Await.until(() -> d.clock().nanoTime() > cancelledDeadline + 200_000_000L, "the cancelled timer's deadline passed");
        List<String> ofTask = new ArrayList<>(fired);
        ofTask.remove("other@" + threadName(0));
        String t1 = "@" + threadName(1);
        assertEquals(List.of("10ms#1" + t1, "10ms#3" + t1, "20ms#4" + t1, "30ms#0" + t1, "40ms#5" + t1, "50ms#2" + t1), ofTask);
        assertTrue(fired.contains("other@" + threadName(0)));
        assertTrue(timers.stream().noneMatch(Timer::isScheduled));
        assertEquals(-1, timers.get(0).deadline());
    }

    @Test
    void aPeriodicTimerReschedulesItselfFromItsAction() {
        SmpDriver d = driver(1);
        AtomicInteger ticks = new AtomicInteger();
        AtomicReference<Timer> self = new AtomicReference<>();
        self.set(d.newTimer(Elements.named("ticker"), () -> {
            if (ticks.incrementAndGet() < 20) {
                self.get().scheduleAfter(100_000);
            }
        }));
        self.get().scheduleAfter(0);
        d.start();
        Await.until(() -> ticks.get() == 20, "20 ticks");
        assertFalse(self.get().isScheduled());
    }

    @Test
    void aPeriodicTimerFollowsItsElementsTaskToAnotherThread() {
        SmpDriver d = driver(2);
        Element e = Elements.named("e");
        TaskHandle task = d.addTask(e, () -> 0);
        java.util.Set<String> firedOn = ConcurrentHashMap.newKeySet();
        AtomicReference<Timer> self = new AtomicReference<>();
        self.set(d.newTimer(e, () -> {
            firedOn.add(Thread.currentThread().getName());
            self.get().scheduleAfter(100_000);
        }));
        self.get().scheduleAfter(0);
        d.start();
        Await.until(() -> firedOn.contains(threadName(0)), "the timer fired on thread 0");
        task.moveTo(1);
        Await.until(() -> firedOn.contains(threadName(1)), "the timer fired on thread 1");
        firedOn.clear();
        Await.until(() -> firedOn.size() > 0, "the timer fired again");
        assertEquals(java.util.Set.of(threadName(1)), firedOn);
    }

    @Test
    void exceptionsAreCountedPerElementLoggedOnceAndTheThreadCarriesOn() {
        SmpDriver d = driver(1);
        List<String> log = new CopyOnWriteArrayList<>();
        d.setErrorLog((owner, e) -> log.add(owner.name() + ": " + e.getMessage()));
        Element bad = Elements.named("bad");
        AtomicLong goodRuns = new AtomicLong();
        AtomicInteger badRuns = new AtomicInteger();
        d.addTask(bad, () -> {
            if (badRuns.incrementAndGet() % 2 == 0) {
                throw new IllegalStateException("broken #" + badRuns.get());
            }
            return 1;
        });
        d.addTask(Elements.named("good"), () -> {
            goodRuns.incrementAndGet();
            return 1;
        });
        Element badTimer = Elements.named("badTimer");
        Timer failing = d.newTimer(badTimer, () -> {
            throw new NullPointerException("timer");
        });
        failing.scheduleAfter(0);
        d.start();
        Await.until(() -> d.exceptionCount(bad) > 20, "many exceptions");
        long runsThen = goodRuns.get();
        Await.until(() -> goodRuns.get() > runsThen + 1000, "the thread kept running tasks");
        assertEquals(java.util.Set.of("bad: broken #2", "badTimer: timer"), java.util.Set.copyOf(log));
        assertEquals(2, log.size());
        assertTrue(d.exceptionCount(bad) >= 21);
        assertEquals(1, d.exceptionCount(badTimer));
        assertEquals(0, d.exceptionCount(Elements.named("good")));
    }

    @Test
    void stopEndsEveryThreadAndAwaitStopReturns() throws InterruptedException {
        SmpDriver d = driver(2);
        d.addTask(Elements.named("busy"), () -> 1);
        TaskHandle sleeper = d.addTask(Elements.named("sleeper"), () -> 0);
        sleeper.sleep(); // thread 1 parks without a time limit
        d.start();
        Await.until(() -> d.thread(1).getState() == Thread.State.WAITING, "thread 1 parked");
        d.requestStop();
        assertTrue(d.stopRequested());
        d.awaitStop();
        assertFalse(d.thread(0).isAlive());
        assertFalse(d.thread(1).isAlive());
        assertThrows(IllegalStateException.class, d::start);
    }

    @Test
    void awaitStopOfADriverNeverStartedReturnsAtOnce() throws InterruptedException {
        SmpDriver d = driver(1);
        d.requestStop();
        d.awaitStop();
        assertTrue(d.stopRequested());
    }

    @Test
    void theFactoryMakesDriversWithTheAskedNumberOfThreads() {
        SmpDriverFactory f = new SmpDriverFactory();
        SmpDriver d = f.create(3, Clock.SYSTEM);
        assertEquals(3, d.threadCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.create(0, Clock.SYSTEM));
        assertEquals("an SMP driver needs at least 1 thread, got 0", e.getMessage());
        assertTrue(java.util.ServiceLoader.load(click.api.DriverFactory.class).stream()
                .anyMatch(p -> p.type() == SmpDriverFactory.class));
    }
}

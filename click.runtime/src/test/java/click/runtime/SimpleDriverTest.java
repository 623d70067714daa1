package click.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Clock;
import click.api.Element;
import click.api.ElementInfo;
import click.api.TaskHandle;
import click.api.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SimpleDriverTest {
    @ElementInfo(ports = "0/0")
    static final class Owner extends Element {
    }

    private final SimpleDriver driver = new SimpleDriver(Clock.SYSTEM);
    private final Element a = new Owner();
    private final Element b = new Owner();
    private final Element c = new Owner();

    @Test
    void runnableTasksRunRoundRobin() {
        List<String> order = new ArrayList<>();
        driver.addTask(a, () -> {
            order.add("a");
            return 1;
        });
        driver.addTask(b, () -> {
            order.add("b");
            return 1;
        });
        driver.addTask(c, () -> {
            order.add("c");
            if (order.size() == 9) {
                driver.requestStop();
            }
            return 1;
        });
        driver.run();
        assertEquals(List.of("a", "b", "c", "a", "b", "c", "a", "b", "c"), order);
        assertEquals(3, driver.tasks().get(0).calls());
        assertEquals(3, driver.tasks().get(0).work());
    }

    @Test
    void aSleepingTaskIsSkippedUntilWoken() {
        List<String> order = new ArrayList<>();
        TaskHandle[] sleeper = new TaskHandle[1];
        sleeper[0] = driver.addTask(a, () -> {
            order.add("a");
            sleeper[0].sleep();
            return 1;
        });
        driver.addTask(b, () -> {
            order.add("b");
            if (order.size() == 4) {
                sleeper[0].wake();
            }
            if (order.size() == 7) {
                driver.requestStop();
            }
            return 1;
        });
        driver.run();
        assertEquals(List.of("a", "b", "b", "b", "a", "b", "b"), order);
    }

    @Test
    void timersRunInDeadlineOrderAndFifoForEqualDeadlines() {
        List<String> order = new ArrayList<>();
        long now = Clock.SYSTEM.nanoTime();
        Timer t1 = driver.newTimer(a, () -> order.add("third"));
        Timer t2 = driver.newTimer(a, () -> order.add("first"));
        Timer t3 = driver.newTimer(a, () -> order.add("second-a"));
        Timer t4 = driver.newTimer(a, () -> order.add("second-b"));
        Timer last = driver.newTimer(a, driver::requestStop);
        t1.scheduleAt(now + 3_000_000);
        t2.scheduleAt(now + 1_000_000);
        t3.scheduleAt(now + 2_000_000);
        t4.scheduleAt(now + 2_000_000);
        last.scheduleAt(now + 4_000_000);
        assertTrue(t1.isScheduled());
        assertEquals(now + 3_000_000, t1.deadline());
        driver.run();
        assertEquals(List.of("first", "second-a", "second-b", "third"), order);
        assertFalse(t1.isScheduled());
        assertEquals(-1, t1.deadline());
    }

    @Test
    void unscheduledAndRescheduledTimersRunOnlyAtTheirLastDeadline() {
        List<String> order = new ArrayList<>();
        long now = Clock.SYSTEM.nanoTime();
        Timer cancelled = driver.newTimer(a, () -> order.add("cancelled"));
        Timer moved = driver.newTimer(a, () -> order.add("moved"));
        Timer early = driver.newTimer(a, () -> order.add("early"));
        Timer end = driver.newTimer(a, driver::requestStop);
        cancelled.scheduleAt(now + 1_000_000);
        cancelled.unschedule();
        moved.scheduleAt(now + 1_000_000);
        moved.scheduleAt(now + 3_000_000);
        early.scheduleAt(now + 2_000_000);
        end.scheduleAt(now + 4_000_000);
        driver.run();
        assertEquals(List.of("early", "moved"), order);
    }

    @Test
    void aPeriodicTimerReschedulesItselfFromItsAction() {
        AtomicInteger runs = new AtomicInteger();
        Timer[] t = new Timer[1];
        t[0] = driver.newTimer(a, () -> {
            if (runs.incrementAndGet() == 5) {
                driver.requestStop();
            } else {
                t[0].scheduleAfter(100_000);
            }
        });
        t[0].scheduleAfter(0);
        driver.run();
        assertEquals(5, runs.get());
    }

    @Test
    void aTaskWokenFromAnotherThreadRunsAgainAfterTheDriverParked() throws Exception {
        CountDownLatch ranOnce = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        TaskHandle[] h = new TaskHandle[1];
        h[0] = driver.addTask(a, () -> {
            h[0].sleep();
            if (runs.incrementAndGet() == 2) {
                driver.requestStop();
            }
            ranOnce.countDown();
            return 1;
        });
        driver.start();
        assertTrue(ranOnce.await(10, TimeUnit.SECONDS));
        while (h[0].isScheduled()) {
            Thread.onSpinWait();
        }
        h[0].wake();
        driver.awaitStop();
        assertEquals(2, runs.get());
    }

    @Test
    void exceptionsAreCountedPerElementReportedOnceAndTheDriverKeepsRunning() {
        List<String> reported = new ArrayList<>();
        driver.setErrorLog((owner, e) -> reported.add((owner == a ? "a" : "?") + ": " + e.getMessage()));
        AtomicInteger good = new AtomicInteger();
        driver.addTask(a, () -> {
            throw new IllegalStateException("task broke");
        });
        Timer t = driver.newTimer(a, () -> {
            throw new IllegalStateException("timer broke");
        });
        t.scheduleAfter(0);
        driver.addTask(b, () -> {
            if (good.incrementAndGet() == 50) {
                driver.requestStop();
            }
            return 1;
        });
        driver.run();
        assertEquals(50, good.get());
        assertEquals(51, driver.exceptionCount(a), "50 task runs and one timer");
        assertEquals(0, driver.exceptionCount(b));
        assertEquals(1, reported.size());
        assertTrue(reported.get(0).equals("a: task broke") || reported.get(0).equals("a: timer broke"), reported.get(0));
    }

    @Test
    void requestStopFromAnotherThreadEndsAnIdleDriver() throws Exception {
        TaskHandle h = driver.addTask(a, () -> 0);
        h.sleep();
        driver.start();
        driver.requestStop();
        driver.awaitStop();
        assertTrue(driver.stopRequested());
    }

    @Test
    void theFactoryMakesOneThreadDriversOnly() {
        SimpleDriverFactory f = new SimpleDriverFactory();
        assertEquals(1, f.create(1, Clock.SYSTEM).threadCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.create(2, Clock.SYSTEM));
        assertEquals("the single-threaded driver runs 1 thread, not 2 (use the SMP driver for more)", e.getMessage());
    }
}

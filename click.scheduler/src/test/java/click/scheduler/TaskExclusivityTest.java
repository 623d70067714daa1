package click.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Clock;
import click.api.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A task never runs on two threads at once while the adaptive balancer keeps moving it (its cost
 * changes all the time, the hysteresis is off) and, at the same time, static moves pin other tasks
 * and the scheduling mode flips between adaptive and static. SmpDriverTest covers constant
 * {@code moveTo}s alone; here the balancer's own moves (unpinned, decided on thread 0 or by a
 * direct {@code balanceNow}) are mixed in.
 */
class TaskExclusivityTest {
    /** A task whose run costs a number of spins that changes every few hundred runs, and that detects overlapping runs. */
    private static final class Shifting implements Task {
        final AtomicBoolean inRun = new AtomicBoolean();
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        private final AtomicInteger overlaps;
        private final AtomicLong runs;
        private int seed;
        private int spins;
        private int left;

        Shifting(int seed, AtomicInteger overlaps, AtomicLong runs) {
            this.seed = seed;
            this.overlaps = overlaps;
            this.runs = runs;
        }

        @Override
        public int runTask() {
            if (!inRun.compareAndSet(false, true)) {
                overlaps.incrementAndGet();
                return 0;
            }
            threads.add(Thread.currentThread().getName());
            if (--left <= 0) {
                seed = seed * 1103515245 + 12345;
                spins = (seed >>> 8 & 0xff) * 8;   // a new cost: 0 to ~2000 spins
                left = 200 + (seed >>> 20 & 0xff);
            }
            for (int i = 0; i < spins; i++) {
                Thread.onSpinWait();
            }
            runs.incrementAndGet();
            inRun.set(false);
            return 1;
        }
    }

    @Test
    void noTaskOverlapsItselfWhileTheBalancerAndStaticMovesShuffleTasks() throws InterruptedException {
        SmpDriver d = new SmpDriver(2, Clock.SYSTEM);
        d.setHysteresis(0);
        d.setMinGainNanos(0);
        d.setSampleEvery(1);
        d.setBalanceInterval(1_000_000);
        AtomicInteger overlaps = new AtomicInteger();
        AtomicLong runs = new AtomicLong();
        List<Shifting> bodies = new ArrayList<>();
        List<SmpTask> tasks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Shifting s = new Shifting(i * 7919 + 1, overlaps, runs);
            bodies.add(s);
            tasks.add((SmpTask) d.addTask(Elements.named("t" + i), s));
        }
        d.start();
        long balancerMoves = 0;
        try {
            // tasks 0-2 get static moves (and are pinned by them); 3-11 are left to the balancer
            for (int k = 0; balancerMoves < 200 || runs.get() < 200_000; k++) {
                assertTrue(k < 200_000, "the balancer moved only " + balancerMoves + " tasks");
                balancerMoves += d.balanceNow();
                if (k % 16 == 0) {
                    tasks.get(k / 16 % 3).moveTo(k / 48 % 2);
                }
                if (k % 50 == 25) {
                    d.setScheduling(SmpDriver.Scheduling.STATIC);
                } else if (k % 50 == 0) {
                    d.setScheduling(SmpDriver.Scheduling.ADAPTIVE);
                }
                Thread.sleep(0, 200_000);
            }
        } finally {
            d.requestStop();
            d.awaitStop();
        }
        assertEquals(0, overlaps.get(), "runs of one task overlapped");
        for (int i = 0; i < 3; i++) {
            assertTrue(tasks.get(i).pinned(), "a static move pins the task");
        }
        for (int i = 3; i < 12; i++) {
            assertFalse(tasks.get(i).pinned(), "the balancer's moves do not pin");
        }
        long movedEverywhere = bodies.stream().skip(3).filter(b -> b.threads.size() == 2).count();
        assertTrue(movedEverywhere > 0, "some balanced task ran on both threads");
        assertFalse(d.balanceLog().isEmpty(), "rebalances that moved tasks are logged");
    }
}

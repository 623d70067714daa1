package click.scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BalancerTest {
    private static Balancer.Plan plan(double[] cost, int[] current, int threads) {
        return Balancer.plan(cost, current, new boolean[cost.length], threads, 0.1, 0);
    }

    @Test
    void lptGivesEachTaskInDecreasingCostToTheLeastLoadedThread() {
        // sorted: 7 (t0), 5 (t1), 4 (t1: 5 < 7), 3 (t0: 7 < 9), 3 (t1: 9 < 10), 2 (t0: 10 < 12)
        double[] cost = {3, 7, 2, 5, 4, 3};
        Balancer.Plan p = plan(cost, new int[6], 2);
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, p.thread());
        assertEquals(24, p.currentMax());
        assertEquals(12, p.proposedMax());
        assertTrue(p.worthMoving());
    }

    @Test
    void twoExpensiveTasksOnOneThreadAreSplit() {
        Balancer.Plan p = plan(new double[] {100_000, 100_000, 50, 50}, new int[] {0, 0, 0, 1}, 2);
        assertTrue(p.worthMoving());
        assertEquals(2, java.util.Arrays.stream(new int[] {p.thread()[0], p.thread()[1]}).distinct().count());
    }

    @Test
    void aBalancedAssignmentIsKeptInsteadOfRelabellingThreads() {
        // the heaviest task is on thread 1: an LPT run from scratch would put it on thread 0
        Balancer.Plan p = plan(new double[] {10, 10, 1}, new int[] {1, 0, 1}, 2);
        assertArrayEquals(new int[] {1, 0, 1}, p.thread());
        assertFalse(p.worthMoving());
    }

    @Test
    void smallImprovementsBelowTheHysteresisMoveNothing() {
        double[] cost = {40, 45, 15};
        int[] current = {0, 1, 1};
        // loads 40/60; LPT gives 55/45: the longest round shrinks by 5, about 8%
        assertFalse(Balancer.plan(cost, current, new boolean[3], 2, 0.1, 0).worthMoving());
        assertTrue(Balancer.plan(cost, current, new boolean[3], 2, 0.05, 0).worthMoving());
        assertFalse(Balancer.plan(cost, current, new boolean[3], 2, 0.05, 10).worthMoving(), "gain 5 < minGain 10");
    }

    @Test
    void pinnedAndUnmeasuredTasksStayWhereTheyAre() {
        double[] cost = {100, 100, 0, 30};
        boolean[] fixed = {true, true, false, false};
        Balancer.Plan p = Balancer.plan(cost, new int[] {0, 0, 0, 0}, fixed, 2, 0.1, 0);
        assertArrayEquals(new int[] {0, 0, 0, 1}, p.thread());
        assertEquals(230, p.currentMax());
        assertEquals(200, p.proposedMax());
    }

    @Test
    void equalCostsAreTakenInIndexOrder() {
        Balancer.Plan a = plan(new double[] {5, 5, 5, 5}, new int[] {0, 0, 0, 0}, 3);
        Balancer.Plan b = plan(new double[] {5, 5, 5, 5}, new int[] {0, 0, 0, 0}, 3);
        assertArrayEquals(a.thread(), b.thread());
        assertArrayEquals(new int[] {0, 1, 2, 0}, a.thread());
    }
}

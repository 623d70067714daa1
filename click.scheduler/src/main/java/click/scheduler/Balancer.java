package click.scheduler;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The adaptive assignment of the paper's section 4.1.1, as a pure function: sort the tasks by
 * decreasing cost, give each to the thread with the least total cost so far (the LPT rule), and
 * adopt the result only if it lowers the most loaded thread's cost by more than a hysteresis.
 *
 * <p>Costs are in nanoseconds per round of a task's thread (see {@link SmpDriver#balanceNow()}), so
 * a thread's load is the length of its round. Three refinements keep tasks from moving for nothing:
 * a task that may not move (pinned by StaticThreadSched or {@code moveTo}) and a task with no
 * measured cost stay where they are and count on their thread before the others are placed; among
 * equally loaded threads a task prefers its current one; and a plan that does not beat the current
 * assignment by the hysteresis moves nothing. Deterministic: equal costs are taken in index order.
 */
final class Balancer {
    private Balancer() {
    }

    /** An assignment of task i to thread {@code thread[i]}, with the largest thread load before and after. */
    record Plan(int[] thread, double currentMax, double proposedMax, boolean worthMoving) {
    }

    /**
     * Plans an assignment.
     *
     * @param cost       each task's cost (ns per round of its thread)
     * @param current    each task's current thread
     * @param fixed      tasks that must stay on their current thread
     * @param threads    number of threads
     * @param hysteresis minimum relative improvement of the largest load (0.1 = 10%)
     * @param minGain    minimum absolute improvement of the largest load, in the costs' unit
     */
    static Plan plan(double[] cost, int[] current, boolean[] fixed, int threads, double hysteresis, double minGain) {
        int n = cost.length;
        double[] currentLoad = new double[threads];
        for (int i = 0; i < n; i++) {
            currentLoad[current[i]] += cost[i];
        }
        int[] assigned = current.clone();
        double[] load = new double[threads];
        for (int i = 0; i < n; i++) {
            if (fixed[i] || cost[i] <= 0) {
                load[current[i]] += cost[i];
            }
        }
        Integer[] order = IntStream.range(0, n).filter(i -> !fixed[i] && cost[i] > 0).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -cost[i]).thenComparingInt(i -> i));
        for (int i : order) {
            int best = current[i];
            for (int t = 0; t < threads; t++) {
                if (load[t] < load[best]) {
                    best = t;
                }
            }
            assigned[i] = best;
            load[best] += cost[i];
        }
        double before = max(currentLoad);
        double after = max(load);
        double gain = before - after;
        boolean worth = gain > minGain && gain > hysteresis * before;
        return new Plan(assigned, before, after, worth);
    }

    private static double max(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}

package click.scheduler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Clock;
import click.api.TaskHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

/**
 * An idle router must leave the CPU alone. This is a bound on behaviour, not a speed test: well
 * under 5% of one CPU is the goal; the assertion allows 20% so that a loaded build machine does
 * not make it fail.
 */
class IdleRouterTest {
    @Test
    void anIdleRouterWithTwoThreadsUsesLittleCpu() throws InterruptedException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        SmpDriver d = new SmpDriver(2, Clock.SYSTEM); // adaptive: the balancer timer runs too
        // per thread: one polling task that finds nothing (always runnable), one sleeping puller
        for (int i = 0; i < 2; i++) {
            d.addTask(Elements.named("poll" + i), () -> 0);
            TaskHandle sleeper = d.addTask(Elements.named("pull" + i), () -> 0);
            sleeper.sleep();
        }
        d.start();
        try {
            Thread.sleep(200); // past the spinning and yielding phases
            long cpu0 = cpu(mx, d);
            long wall0 = System.nanoTime();
            Thread.sleep(1000);
            long cpu = cpu(mx, d) - cpu0;
            long wall = System.nanoTime() - wall0;
            double share = (double) cpu / wall;
            System.out.printf("idle SMP router, 2 threads: %.2f%% of one CPU%n", share * 100);
            assertTrue(share < 0.20, "idle router used " + share * 100 + "% of one CPU");
        } finally {
            d.requestStop();
            d.awaitStop();
        }
    }

    private static long cpu(ThreadMXBean mx, SmpDriver d) {
        long sum = 0;
        for (int i = 0; i < d.threadCount(); i++) {
            sum += mx.getThreadCpuTime(d.thread(i).getId());
        }
        return sum;
    }
}

package click.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Clock;
import click.api.Task;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdaptiveSchedulingTest {
    private final SmpDriver d = new SmpDriver(2, Clock.SYSTEM);
    private SmpTask a;
    private SmpTask b;
    private SmpTask c;

    /** Burns a fixed amount of CPU per run, the same on every run. */
    private static final class Burner implements Task {
        private long state = 1;
        volatile long sink;

        @Override
        public int runTask() {
            long x = state;
            for (int i = 0; i < 40_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            state = x;
            sink = x;
            return 1;
        }
    }

    /** Two expensive tasks and a cheap one, all on thread 0 (placed, not pinned). */
    private void twoBurnersOnThreadZero() {
        a = (SmpTask) d.addTask(Elements.named("a"), new Burner());
        b = (SmpTask) d.addTask(Elements.named("b"), new Burner());
        c = (SmpTask) d.addTask(Elements.named("c"), () -> 1);
        d.move(b, 0, false);
        assertEquals(0, a.thread());
        assertEquals(0, b.thread());
    }

    @AfterEach
    void stop() throws InterruptedException {
        d.requestStop();
        d.awaitStop();
    }

    @Test
    void theBalancerMovesOneOfTwoExpensiveTasksToTheIdleThread() {
        twoBurnersOnThreadZero();
        d.setBalanceInterval(20_000_000);
        d.start();
        Await.until(() -> a.thread() != b.thread(), "the two burners run on different threads");
        List<String> log = d.balanceLog();
        assertTrue(log.stream().anyMatch(e -> e.contains("a 0->1") || e.contains("b 0->1")), log.toString());
        assertTrue(a.nsPerCall() > 0 && b.nsPerCall() > 0, "costs were sampled");
        assertTrue(a.sampledCalls() < a.calls(), "not every run is timed");
    }

    @Test
    void staticModeMovesNothingUntilSwitchedToAdaptiveAtRunTime() {
        twoBurnersOnThreadZero();
        d.setBalanceInterval(5_000_000);
        d.setScheduling(SmpDriver.Scheduling.STATIC);
        d.start();
        Await.until(() -> a.calls() > 2_000 && b.calls() > 2_000, "the burners ran for many balance intervals");
        assertEquals(0, a.thread());
        assertEquals(0, b.thread());
        assertEquals(List.of(), d.balanceLog());
        d.setScheduling(SmpDriver.Scheduling.ADAPTIVE);
        Await.until(() -> a.thread() != b.thread(), "the two burners run on different threads");
        assertEquals(1, d.balanceLog().size());
    }

    @Test
    void pinnedTasksStayWhereStaticAssignmentPutThem() {
        twoBurnersOnThreadZero();
        a.moveTo(0);
        b.moveTo(0);
        d.setBalanceInterval(60_000_000_000L); // the test balances by hand
        d.start();
        Await.until(() -> a.calls() > 200 && b.calls() > 200 && a.sampledCalls() > 5 && b.sampledCalls() > 5,
                "the burners ran and were sampled");
        // The cheap task c is not pinned: on a loaded machine a preempted timed run can make it look
        // expensive enough to move, which is the balancer's right. The pinned burners never move.
        d.balanceNow();
        assertEquals(0, a.thread());
        assertEquals(0, b.thread());
        assertNotEquals(-1, c.thread());
        assertTrue(d.balanceLog().stream().noneMatch(e -> e.matches(".*\\b[ab] \\d+->\\d+.*")), d.balanceLog().toString());
    }
}

package click.bench;

import click.api.Clock;
import click.api.Element;
import click.api.Input;
import click.api.Location;
import click.api.Output;
import click.api.TaskHandle;
import click.scheduler.SmpDriver;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The SMP driver's task hand-off (paper section 4.1): a task that, in each run, asks to move to the
 * other router thread, so it travels back and forth: the holding thread lets it go at its next
 * inbox drain (between two runs) and posts it to the target's inbox, which adopts it and runs it.
 * The score is the time per hand-off, one after the other. {@code others}: {@code none}, the thread
 * that loses the task has nothing left and parks, so each arrival waits for an unpark (an OS
 * wake-up); {@code busy}, each thread also runs a task that always reports work, so neither parks
 * and the figure is the hand-over plus a round of each thread. The benchmark thread only counts:
 * it parks between looks, leaving the cores to the router threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TaskHandOffBenchmark {
    private static final int HAND_OFFS = 2_000;

    @Param({"none", "busy"})
    public String others;

    private SmpDriver driver;
    /** Runs on a thread other than the previous run's, written by the task (one thread at a time). */
    private volatile long handOffs;

    private static Element named(String name) {
        Element e = new Element() {
        };
        e.attach(name, Location.UNKNOWN, "", null, new Input[0], new Output[0]);
        return e;
    }

    @Setup(Level.Trial)
    public void start() {
        driver = new SmpDriver(2, Clock.SYSTEM);
        driver.setScheduling(SmpDriver.Scheduling.STATIC);
        if (others.equals("busy")) {
            for (int i = 0; i < 2; i++) {
                driver.addTask(named("busy" + i), () -> 1).moveTo(i);
            }
        }
        TaskHandle[] self = new TaskHandle[1];
        int[] lastThread = {-1};
        self[0] = driver.addTask(named("traveller"), () -> {
            int here = self[0].thread();
            if (here != lastThread[0]) {
                lastThread[0] = here;
                handOffs = handOffs + 1; // one writer at a time: the task runs on one thread at once
                self[0].moveTo(1 - here);
            }
            return 1;
        });
        driver.start();
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        driver.requestStop();
        driver.awaitStop();
    }

    /** Waits for the next {@value #HAND_OFFS} hand-offs. */
    @Benchmark
    @OperationsPerInvocation(HAND_OFFS)
    public long handOff() {
        long until = handOffs + HAND_OFFS;
        while (handOffs < until) {
            LockSupport.parkNanos(50_000);
        }
        return until;
    }
}

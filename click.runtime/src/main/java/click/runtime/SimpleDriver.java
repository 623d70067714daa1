package click.runtime;

import click.api.Clock;
import click.api.Driver;
import click.api.DriverThread;
import click.api.Element;
import click.api.Task;
import click.api.TaskHandle;
import click.api.Timer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * The single-threaded driver: one thread runs every runnable task round-robin and every timer
 * that falls due, then backs off when a whole round did no work.
 *
 * <p>Backing off (after Agrona's idle strategies): a few rounds of busy spinning, a few of
 * {@link Thread#yield()}, then {@link LockSupport#parkNanos} until the next timer deadline, for
 * at most {@link #MAX_IDLE_PARK_NANOS} while some task is runnable (it may be polling), or without
 * limit when every task sleeps. {@link TaskHandle#wake()}, a timer scheduled from another thread,
 * and {@link #requestStop()} unpark the thread.
 *
 * <p>Exceptions thrown by a task or timer are caught: counted per element
 * ({@link #exceptionCount}), the first one of each element reported through the error log, and
 * the driver keeps running.
 *
 * <p>Thread ownership: tasks and timers run on the driver thread only. {@code wake}, timer
 * scheduling, {@code requestStop} and the read-only accessors may be called from any thread;
 * {@link #addTask} from one thread at a time.
 *
 * <p>Invariants: a task is run by one thread at a time (this one); the timer heap holds at most
 * one live entry per timer (stale entries, left by rescheduling, are skipped by generation).
 */
public final class SimpleDriver implements Driver {
    /** Rounds between timer checks while tasks are busy (Click's timer stride). */
    static final int TIMER_STRIDE = 32;
    /** Longest park while some task is runnable but reports no work. */
    public static final long MAX_IDLE_PARK_NANOS = 1_000_000;
    private static final int SPIN_ROUNDS = 64;
    private static final int YIELD_ROUNDS = 64;

    private final Clock clock;
    private volatile Entry[] tasks = new Entry[0];
    private final Object timerLock = new Object();
    private final PriorityQueue<Due> timerHeap = new PriorityQueue<>();
    private volatile long nextDeadline = Long.MAX_VALUE;
    private long timerSequence;
    private volatile boolean stop;
    private volatile Thread runner;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<Element, Long> exceptions = new LinkedHashMap<>();
    private volatile BiConsumer<Element, Throwable> errorLog = (e, t) ->
            System.err.println(describe(e) + ": " + t);

    /** A driver whose timers follow {@code clock}; it runs nothing until {@link #run()} or {@link #start()}. */
    public SimpleDriver(Clock clock) {
        this.clock = clock;
    }

    /** Where the first exception of each element is reported (the router sets its log). */
    @Override
    public void setErrorLog(BiConsumer<Element, Throwable> log) {
        this.errorLog = log;
    }

    static String describe(Element e) {
        return e == null ? "router" : e.name() + " :: " + e.className();
    }

    // ---- Driver ----

    @Override
    public synchronized TaskHandle addTask(Element owner, Task task) {
        Entry t = new Entry(owner, task);
        Entry[] old = tasks;
        Entry[] grown = Arrays.copyOf(old, old.length + 1);
        grown[old.length] = t;
        tasks = grown;
        signal();
        return t;
    }

    @Override
    public Timer newTimer(Element owner, Runnable action) {
        return new TimerEntry(owner, action);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public int threadCount() {
        return 1;
    }

    @Override
    public void start() {
        Thread t = new LoopThread(this::loop);
        t.start();
    }

    /** Runs the router on the calling thread until stopped. */
    @Override
    public void run() {
        loop();
    }

    @Override
    public void requestStop() {
        stop = true;
        signal();
    }

    @Override
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public boolean stopRequested() {
        return stop;
    }

    @Override
    public List<Entry> tasks() {
        return List.of(tasks);
    }

    /** How many exceptions tasks and timers of {@code owner} have thrown. */
    public long exceptionCount(Element owner) {
        synchronized (exceptions) {
            return exceptions.getOrDefault(owner, 0L);
        }
    }

    // ---- the loop ----

    private void loop() {
        runner = Thread.currentThread();
        // a driver thread defers the fences of its queue stores; others fence at each store
        DriverThread self = runner instanceof DriverThread d ? d : null;
        try {
            int idle = 0;
            int round = 0;
            int work = 0;
            while (!stop) {
                // Reading the clock every round would cost as much as a short push path, so timers are
                // checked every TIMER_STRIDE rounds, and after every idle round (Click does the same);
                // so are the deferred wake checks (see DriverThread).
                if (work == 0 || ++round % TIMER_STRIDE == 0) {
                    if (self != null) {
                        self.flushWakeChecks();
                    }
                    work = runDueTimers();
                } else {
                    work = 0;
                }
                for (Entry t : tasks) {
                    if (stop) {
                        break;
                    }
                    if (t.scheduled) {
                        work += t.run();
                    }
                }
                if (work > 0) {
                    idle = 0;
                } else {
                    if (self != null) {
                        self.flushWakeChecks(); // before spinning, yielding or parking
                    }
                    backOff(++idle);
                }
            }
        } finally {
            if (self != null) {
                self.flushWakeChecks();
            }
            runner = null;
            stopped.countDown();
        }
    }

    private void backOff(int idle) {
        if (idle <= SPIN_ROUNDS) {
            Thread.onSpinWait();
            return;
        }
        if (idle <= SPIN_ROUNDS + YIELD_ROUNDS) {
            Thread.yield();
            return;
        }
        long wait = nextDeadline == Long.MAX_VALUE ? Long.MAX_VALUE : nextDeadline - clock.nanoTime();
        if (anyScheduled()) {
            wait = Math.min(wait, MAX_IDLE_PARK_NANOS);
        }
        if (wait <= 0 || stop) {
            return;
        }
        if (wait == Long.MAX_VALUE) {
            LockSupport.park(this);
        } else {
            LockSupport.parkNanos(this, wait);
        }
    }

    private boolean anyScheduled() {
        for (Entry t : tasks) {
            if (t.scheduled) {
                return true;
            }
        }
        return false;
    }

    /** Wakes the driver thread if another thread changed what it should do. */
    private void signal() {
        Thread r = runner;
        if (r != null && r != Thread.currentThread()) {
            LockSupport.unpark(r);
        }
    }

    private void failed(Element owner, Throwable e) {
        long n;
        synchronized (exceptions) {
            n = exceptions.merge(owner, 1L, Long::sum);
        }
        if (n == 1) {
            errorLog.accept(owner, e);
        }
    }

    // ---- tasks ----

    /** A registered task. */
    public final class Entry implements TaskHandle {
        private final Element owner;
        private final Task task;
        private volatile boolean scheduled = true;
        private long calls;
        private long work;

        Entry(Element owner, Task task) {
            this.owner = owner;
            this.task = task;
        }

        int run() {
            calls++;
            int w;
            try {
                w = task.runTask();
            } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
                failed(owner, e);
                return 0;
            }
            work += w;
            return w;
        }

        @Override
        public void wake() {
            if (!scheduled) {
                scheduled = true;
                signal();
            }
        }

        @Override
        public void sleep() {
            scheduled = false;
        }

        @Override
        public boolean isScheduled() {
            return scheduled;
        }

        @Override
        public Element owner() {
            return owner;
        }

        /** Always 0: this driver has one thread. */
        @Override
        public int thread() {
            return 0;
        }

        /** Nothing to do: every task already runs on the only thread. */
        @Override
        public void moveTo(int thread) {
        }

        /** Times the task has been run. */
        public long calls() {
            return calls;
        }

        /** Total work the task reported. */
        public long work() {
            return work;
        }

        @Override
        public String toString() {
            return "task of " + describe(owner) + (scheduled ? "" : " (sleeping)");
        }
    }

    // ---- timers ----

    /** One scheduling of a timer in the heap; stale when the timer's generation moved on. */
    private record Due(long deadline, long sequence, TimerEntry timer, long generation) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    private final class TimerEntry implements Timer {
        private final Element owner;
        private final Runnable action;
        private long deadline = -1;   // guarded by timerLock
        private long generation;      // guarded by timerLock

        TimerEntry(Element owner, Runnable action) {
            this.owner = owner;
            this.action = action;
        }

        @Override
        public void scheduleAfter(long nanos) {
            scheduleAt(clock.nanoTime() + Math.max(0, nanos));
        }

        @Override
        public void scheduleAt(long when) {
            synchronized (timerLock) {
                deadline = when;
                generation++;
                timerHeap.add(new Due(when, timerSequence++, this, generation));
                nextDeadline = timerHeap.peek().deadline();
            }
            signal();
        }

        @Override
        public void unschedule() {
            synchronized (timerLock) {
                deadline = -1;
                generation++;
            }
        }

        @Override
        public boolean isScheduled() {
            synchronized (timerLock) {
                return deadline >= 0;
            }
        }

        @Override
        public long deadline() {
            synchronized (timerLock) {
                return deadline;
            }
        }
    }

    /** Runs every timer whose deadline has passed, earliest first; returns how many ran. */
    private int runDueTimers() {
        if (nextDeadline == Long.MAX_VALUE) {
            return 0;
        }
        long now = clock.nanoTime();
        if (nextDeadline > now) {
            return 0;
        }
        List<TimerEntry> due = new ArrayList<>();
        synchronized (timerLock) {
            while (!timerHeap.isEmpty() && timerHeap.peek().deadline() <= now) {
                Due d = timerHeap.poll();
                if (d.generation() == d.timer().generation) {
                    d.timer().deadline = -1;
                    due.add(d.timer());
                }
            }
            dropStaleHead();
        }
        for (TimerEntry t : due) {
            if (stop) {
                break;
            }
            try {
                t.action.run();
            } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
                failed(t.owner, e);
            }
        }
        return due.size();
    }

    /** Removes cancelled entries from the heap's head and updates {@link #nextDeadline}; holds timerLock. */
    private void dropStaleHead() {
        while (!timerHeap.isEmpty() && timerHeap.peek().generation() != timerHeap.peek().timer().generation) {
            timerHeap.poll();
        }
        nextDeadline = timerHeap.isEmpty() ? Long.MAX_VALUE : timerHeap.peek().deadline();
    }

    /**
     * The driver's own thread ({@link DriverThread}): it owns its packet pool, so allocation skips
     * the thread-local lookup, and has Tally slot 0, so elements' counts cost it no atomic
     * instruction. This driver measures no stage costs.
     */
    private static final class LoopThread extends DriverThread {
        LoopThread(Runnable body) {
            super(body, "click-driver", 0, null);
        }
    }
}

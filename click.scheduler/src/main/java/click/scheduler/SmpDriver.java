package click.scheduler;

import click.api.Clock;
import click.api.ConfigText;
import click.api.Driver;
import click.api.Element;
import click.api.HandlerException;
import click.api.HandlerRegistry;
import click.api.StageMeter;
import click.api.Task;
import click.api.TaskHandle;
import click.api.Timer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * The SMP driver (the paper's section 4.1): one {@link RouterThread} per configured CPU, each
 * running a private worklist of tasks round-robin, with static assignment (StaticThreadSched,
 * {@link TaskHandle#moveTo}) and adaptive assignment from sampled costs.
 *
 * <p>Placement. Tasks are dealt to the threads round-robin in registration order. A
 * {@link TaskHandle#moveTo} pins the task to the thread it names: the balancer never moves it
 * again. In {@link Scheduling#ADAPTIVE} mode (the default) a timer on thread 0 runs
 * {@link #balanceNow()} every {@link #balanceInterval()} (1 s by default): tasks' costs over the last
 * interval are sorted and the unpinned tasks redistributed by the LPT rule ({@link Balancer}), if
 * that shortens the longest thread round by more than the hysteresis (10%, and at least
 * {@value #DEFAULT_MIN_GAIN_NANOS} ns). Every rebalance that moves something is recorded in
 * {@link #balanceLog()}. {@link Scheduling#STATIC} turns the balancer off; the mode can change at any
 * time. One second: long enough for thousands of cost samples per busy task and for a move (a few
 * microseconds of hand-over, then cold caches for the moved task's packets) to pay off many times,
 * short enough to follow a change of traffic within a couple of seconds.
 *
 * <p>Cost of a task: the moving average of its sampled run times ({@link SmpTask#nsPerCall()})
 * times the share of its thread's rounds in which it ran. For a task that runs in every round this
 * is the paper's average cost per call; a task that sleeps half the time counts half.
 *
 * <p>Exceptions from tasks and timers are caught on the router thread, counted per element
 * ({@link #exceptionCount}), and the first of each element goes to the error log
 * ({@link #setErrorLog}); the thread carries on.
 *
 * <p>Thread ownership: {@link #addTask}, {@link #newTimer} and {@link #start} from the setup thread
 * (addTask also later, from any one thread at a time); {@code wake}, {@code moveTo}, timer
 * scheduling, {@link #requestStop}, the settings, reports and handlers from any thread.
 *
 * <p>Invariants: a task is in at most one thread's worklist and runs on at most one thread at a
 * time (see {@link SmpTask} and {@link RouterThread}); a timer fires on its home thread only.
 */
public final class SmpDriver implements Driver {
    /** How the driver assigns tasks to threads. */
    public enum Scheduling {
        /** Periodic rebalancing from sampled costs, plus whatever was pinned. */
        ADAPTIVE,
        /** Tasks stay where registration or {@code moveTo} put them. */
        STATIC
    }

    public static final long DEFAULT_BALANCE_INTERVAL_NANOS = 1_000_000_000L;
    public static final double DEFAULT_HYSTERESIS = 0.10;
    public static final long DEFAULT_MIN_GAIN_NANOS = 500;
    public static final int DEFAULT_SAMPLE_EVERY = 16;
    public static final long DEFAULT_MAX_PARK_NANOS = 1_000_000;
    /** Rebalance records kept by {@link #balanceLog()}. */
    public static final int BALANCE_LOG_ENTRIES = 64;

    private final Clock clock;
    private final RouterThread[] threads;
    private volatile boolean pinThreads = !"false".equalsIgnoreCase(System.getProperty("click.affinity", "true"));
    private final CopyOnWriteArrayList<SmpTask> tasks = new CopyOnWriteArrayList<>();
    private final Map<Element, SmpTask> firstTasks = new ConcurrentHashMap<>();
    private final AtomicLong timerSequence = new AtomicLong();
    private final Map<Element, AtomicLong> exceptions = new ConcurrentHashMap<>();
    private final ArrayDeque<String> balanceLog = new ArrayDeque<>();
    private final SmpTimer balanceTimer;
    /** Each thread's round count at the last rebalance (balancer only). */
    private final long[] roundsAtLastBalance;

    private volatile boolean started;
    private volatile boolean stop;
    private volatile Scheduling scheduling = Scheduling.ADAPTIVE;
    private volatile long balanceInterval = DEFAULT_BALANCE_INTERVAL_NANOS;
    private volatile double hysteresis = DEFAULT_HYSTERESIS;
    private volatile long minGainNanos = DEFAULT_MIN_GAIN_NANOS;
    private volatile int sampleEvery = DEFAULT_SAMPLE_EVERY;
    private volatile long maxParkNanos = DEFAULT_MAX_PARK_NANOS;
    private volatile BiConsumer<Element, Throwable> errorLog = (owner, e) -> {
        System.err.println(describe(owner) + ": exception while running (counted; later ones are not reported): " + e);
        e.printStackTrace();
    };

    /** A driver with {@code threadCount} router threads (at least 1) reading time from {@code clock}. */
    public SmpDriver(int threadCount, Clock clock) {
        if (threadCount < 1) {
            throw new IllegalArgumentException("an SMP driver needs at least 1 thread, got " + threadCount);
        }
        this.clock = clock;
        this.threads = new RouterThread[threadCount];
        for (int i = 0; i < threadCount; i++) {
            threads[i] = new RouterThread(this, i);
        }
        this.roundsAtLastBalance = new long[threadCount];
        this.balanceTimer = new SmpTimer(this, null, this::balanceAndReschedule);
        balanceTimer.home = threads[0];
    }

    static String describe(Element e) {
        return e == null ? "scheduler" : e.name() + " :: " + e.className();
    }

    // ---- Driver ----

    @Override
    public synchronized TaskHandle addTask(Element owner, Task task) {
        int index = tasks.size() % threads.length;
        long sameOwner = tasks.stream().filter(t -> t.owner() == owner).count();
        String label = (owner == null ? "?" : owner.name()) + (sameOwner == 0 ? "" : "#" + (sameOwner + 1));
        SmpTask t = new SmpTask(this, owner, task, label, index);
        tasks.add(t);
        if (owner != null) {
            firstTasks.putIfAbsent(owner, t);
        }
        RouterThread target = threads[index];
        if (started) {
            t.transitTo = target;
            target.post(t);
        } else {
            target.adoptBeforeStart(t);
        }
        return t;
    }

    @Override
    public Timer newTimer(Element owner, Runnable action) {
        SmpTimer t = new SmpTimer(this, owner, action);
        t.home = timerHome(t);
        return t;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public int threadCount() {
        return threads.length;
    }

    /**
     * Whether each router thread pins itself to its own CPU when it starts (thread i to the i-th CPU
     * the process may use; the paper's one thread per CPU). On by default; the system property
     * {@code click.affinity=false} turns it off. Threads that cannot be pinned run unpinned, and the
     * {@code affinity} handler says why.
     */
    boolean pinsThreads() {
        return pinThreads;
    }

    /** Turns pinning on or off; takes effect for threads that start later. */
    public void setPinThreads(boolean on) {
        pinThreads = on;
    }

    /** One line per thread: "thread i: CPU n", or why the thread is not pinned. */
    public String affinityReport() {
        StringBuilder b = new StringBuilder();
        for (RouterThread t : threads) {
            String a = t.affinity;
            b.append("thread ").append(t.index).append(": ").append(a == null ? "not started" : a).append('\n');
        }
        return b.toString();
    }

    @Override
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the SMP driver was already started");
        }
        for (RouterThread t : threads) {
            t.rehomeTimersBeforeStart();
        }
        if (scheduling == Scheduling.ADAPTIVE) {
            balanceTimer.scheduleAfter(balanceInterval);
        }
        started = true;
        for (RouterThread t : threads) {
            t.start();
        }
    }

    @Override
    public void requestStop() {
        stop = true;
        for (RouterThread t : threads) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public void awaitStop() throws InterruptedException {
        for (RouterThread t : threads) {
            t.join();
        }
    }

    @Override
    public boolean stopRequested() {
        return stop;
    }

    @Override
    public List<SmpTask> tasks() {
        return List.copyOf(tasks);
    }

    @Override
    public void setErrorLog(BiConsumer<Element, Throwable> log) {
        this.errorLog = log;
    }

    // ---- settings ----

    public Scheduling scheduling() {
        return scheduling;
    }

    /** Switches between adaptive and static scheduling; takes effect at once, also while running. */
    public synchronized void setScheduling(Scheduling mode) {
        Scheduling old = scheduling;
        scheduling = mode;
        if (started && mode != old) {
            if (mode == Scheduling.ADAPTIVE) {
                balanceTimer.scheduleAfter(balanceInterval);
            } else {
                balanceTimer.unschedule();
            }
        }
    }

    /** Time between two rebalances in adaptive mode, in nanoseconds. */
    public long balanceInterval() {
        return balanceInterval;
    }

    /** Sets the time between rebalances (at least 1 ms); applies from the next rebalance on. */
    public void setBalanceInterval(long nanos) {
        if (nanos < 1_000_000) {
            throw new IllegalArgumentException("balance interval must be at least 1ms, got " + nanos + "ns");
        }
        balanceInterval = nanos;
    }

    /** Minimum relative improvement of the longest round that makes a rebalance move tasks. */
    public double hysteresis() {
        return hysteresis;
    }

    public void setHysteresis(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("hysteresis must be in [0, 1), got " + fraction);
        }
        hysteresis = fraction;
    }

    /** Minimum absolute improvement of the longest round (ns) that makes a rebalance move tasks. */
    public long minGainNanos() {
        return minGainNanos;
    }

    public void setMinGainNanos(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("minimum gain must be >= 0, got " + nanos);
        }
        minGainNanos = nanos;
    }

    /** One run in about this many is timed for the cost averages. */
    public int sampleEvery() {
        return sampleEvery;
    }

    public void setSampleEvery(int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("sample period must be >= 1 run, got " + runs);
        }
        sampleEvery = runs;
    }

    /** Longest park of an idle thread that still has runnable (polling) tasks. */
    public long maxParkNanos() {
        return maxParkNanos;
    }

    public void setMaxParkNanos(long nanos) {
        if (nanos < RouterThread.MIN_PARK_NANOS) {
            throw new IllegalArgumentException("maximum park must be >= " + RouterThread.MIN_PARK_NANOS + "ns, got " + nanos);
        }
        maxParkNanos = nanos;
    }

    // ---- exceptions ----

    void failed(Element owner, Throwable e) {
        long n = exceptions.computeIfAbsent(owner == null ? NO_OWNER : owner, k -> new AtomicLong()).incrementAndGet();
        if (n == 1) {
            try {
                errorLog.accept(owner, e);
            } catch (RuntimeException logFailed) {
                // a broken log must not take the router thread down with it
            }
        }
    }

    /** Stands for "no element" in the exception counts (the balancer's own timer). */
    private static final Element NO_OWNER = new Element() {
    };

    /** Exceptions thrown so far by the tasks and timers of {@code owner}. */
    public long exceptionCount(Element owner) {
        AtomicLong n = exceptions.get(owner == null ? NO_OWNER : owner);
        return n == null ? 0 : n.get();
    }

    // ---- moves, timers: called by SmpTask, SmpTimer, RouterThread ----

    RouterThread thread(int index) {
        return threads[index];
    }

    void move(SmpTask t, int thread, boolean pin) {
        if (thread < 0 || thread >= threads.length) {
            throw new IllegalArgumentException("no thread " + thread + ": the driver has threads 0 to " + (threads.length - 1));
        }
        if (pin) {
            t.pinned = true;
        }
        synchronized (this) {
            if (!started) {
                RouterThread h = t.holder;
                if (h != threads[thread]) {
                    h.releaseBeforeStart(t);
                    threads[thread].adoptBeforeStart(t);
                }
                t.requested = thread;
                return;
            }
        }
        t.requested = thread;
        RouterThread h = t.holder;
        if (h != null) {
            h.post(t);
        }
        // else the task travels: its new holder reads requested after taking it (see RouterThread.handOver)
    }

    long nextTimerSequence() {
        return timerSequence.getAndIncrement();
    }

    /** The thread a timer belongs on: its owner's first task's, else thread 0. */
    RouterThread timerHome(SmpTimer t) {
        SmpTask first = t.owner == null ? null : firstTasks.get(t.owner);
        return threads[first == null ? 0 : first.threadIndex];
    }

    void timerChanged(SmpTimer t) {
        RouterThread home = t.home;
        if (!started || Thread.currentThread() == home) {
            home.reconcile(t);
        } else {
            home.post(t);
        }
    }

    // ---- adaptive balancing ----

    private void balanceAndReschedule() {
        if (scheduling != Scheduling.ADAPTIVE) {
            return;
        }
        balanceNow();
        balanceTimer.scheduleAfter(balanceInterval);
    }

    /**
     * Measures every task's cost since the last call and moves unpinned tasks if the LPT plan beats
     * the current assignment by the hysteresis. Runs on thread 0 (the balance timer); tests call it
     * directly. Returns the number of tasks moved.
     */
    synchronized int balanceNow() {
        List<SmpTask> ts = tasks();
        int n = ts.size();
        long[] roundsNow = new long[threads.length];
        long[] roundsDelta = new long[threads.length];
        for (int i = 0; i < threads.length; i++) {
            roundsNow[i] = threads[i].rounds;
            roundsDelta[i] = roundsNow[i] - roundsAtLastBalance[i];
            roundsAtLastBalance[i] = roundsNow[i];
        }
        double[] cost = new double[n];
        int[] current = new int[n];
        boolean[] fixed = new boolean[n];
        for (int i = 0; i < n; i++) {
            SmpTask t = ts.get(i);
            current[i] = t.threadIndex;
            fixed[i] = t.pinned;
            long calls = t.calls;
            long callsDelta = calls - t.callsAtLastBalance;
            t.callsAtLastBalance = calls;
            long rounds = roundsDelta[current[i]];
            double share = rounds > 0 ? Math.min(1.0, (double) callsDelta / rounds) : (callsDelta > 0 ? 1 : 0);
            cost[i] = t.nsPerCall * share;
        }
        Balancer.Plan plan = Balancer.plan(cost, current, fixed, threads.length, hysteresis, minGainNanos);
        if (!plan.worthMoving()) {
            return 0;
        }
        StringBuilder moves = new StringBuilder();
        int moved = 0;
        for (int i = 0; i < n; i++) {
            if (plan.thread()[i] != current[i]) {
                SmpTask t = ts.get(i);
                move(t, plan.thread()[i], false);
                moves.append(moved == 0 ? "" : ", ").append(t.label()).append(' ')
                        .append(current[i]).append("->").append(plan.thread()[i]);
                moved++;
            }
        }
        if (moved > 0) {
            record(String.format(Locale.ROOT, "%s moved %s; longest round %.1f -> %.1f us",
                    Instant.ofEpochSecond(0, clock.epochNanos()), moves, plan.currentMax() / 1e3, plan.proposedMax() / 1e3));
        }
        return moved;
    }

    private void record(String entry) {
        synchronized (balanceLog) {
            if (balanceLog.size() == BALANCE_LOG_ENTRIES) {
                balanceLog.removeFirst();
            }
            balanceLog.addLast(entry);
        }
    }

    /** The most recent rebalances that moved tasks, oldest first, one line each. */
    public List<String> balanceLog() {
        synchronized (balanceLog) {
            return new ArrayList<>(balanceLog);
        }
    }

    // ---- reports and handlers ----

    /**
     * The task cost table (after the paper's Table 1): per task its element, thread, runs,
     * packets (work units), sampled ns per run and per packet, and whether it sleeps.
     */
    public String report() {
        return CostReport.format(tasks());
    }

    /**
     * The per-stage cost table (after the paper's Table 1): receive, push processing, enqueue,
     * dequeue, transmit and free, per router thread, in ns per event and per packet, measured on a
     * share of the sampled runs (see {@link StageReport} and {@link StageMeter}).
     */
    public String stageReport() {
        List<StageMeter> meters = new ArrayList<>();
        for (RouterThread t : threads) {
            meters.add(t.stageMeter());
        }
        return StageReport.format(meters);
    }

    /** Exceptions per element, "NAME COUNT" lines, for elements that threw. */
    private String exceptionReport() {
        Map<String, Long> counts = new LinkedHashMap<>();
        exceptions.forEach((e, n) -> counts.put(e == NO_OWNER ? "scheduler" : e.name(), n.get()));
        StringBuilder b = new StringBuilder();
        counts.forEach((name, n) -> b.append(name).append(' ').append(n).append('\n'));
        return b.toString();
    }

    /**
     * Handlers: {@code task_costs} (read, the cost table), {@code stage_costs} (read, the per-stage
     * table), {@code scheduling} (read/write,
     * "adaptive" or "static"), {@code balance_interval} (read/write, a time such as "500ms"),
     * {@code balance_log} (read), {@code task_exceptions} (read), {@code affinity} (read: each
     * thread's CPU or why it is not pinned), {@code move_task} (write,
     * "ELEMENT THREAD": pins the element's tasks to that thread).
     */
    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("task_costs", this::report)
         .describe("task_costs", "per task: thread, runs, packets, sampled ns per run and per packet")
         .read("stage_costs", this::stageReport)
         .describe("stage_costs", "per stage (receive, push, enqueue, dequeue, transmit, free) and thread: sampled ns per event and per packet")
         .readWrite("scheduling", () -> scheduling.name().toLowerCase(Locale.ROOT), this::writeScheduling)
         .describe("scheduling", "adaptive (periodic rebalancing from measured costs) or static")
         .readWrite("balance_interval", () -> balanceInterval / 1_000_000 + "ms", this::writeInterval)
         .describe("balance_interval", "time between rebalances in adaptive mode")
         .read("balance_log", () -> String.join("\n", balanceLog()))
         .describe("balance_log", "recent rebalances that moved tasks")
         .read("task_exceptions", this::exceptionReport)
         .describe("task_exceptions", "exceptions thrown by each element's tasks and timers")
         .read("affinity", this::affinityReport)
         .describe("affinity", "the CPU each router thread is pinned to, or why it is not")
         .write("move_task", this::writeMoveTask)
         .describe("move_task", "ELEMENT THREAD: run the element's tasks on that thread from now on");
    }

    private void writeScheduling(String v) throws HandlerException {
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "adaptive" -> setScheduling(Scheduling.ADAPTIVE);
            case "static" -> setScheduling(Scheduling.STATIC);
            default -> throw new HandlerException("expected 'adaptive' or 'static', got '" + v.trim() + "'");
        }
    }

    private void writeInterval(String v) throws HandlerException {
        try {
            setBalanceInterval(ConfigText.parseTimeNanos(v));
        } catch (IllegalArgumentException e) {
            throw new HandlerException("expected a time of at least 1ms such as '500ms' or '2s', got '" + v.trim() + "'");
        }
    }

    private void writeMoveTask(String v) throws HandlerException {
        String[] parts = v.trim().split("\\s+");
        if (parts.length != 2) {
            throw new HandlerException("expected 'ELEMENT THREAD', got '" + v.trim() + "'");
        }
        int thread;
        try {
            thread = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new HandlerException("expected a thread number, got '" + parts[1] + "'");
        }
        if (thread < 0 || thread >= threads.length) {
            throw new HandlerException("no thread " + thread + ": the router has threads 0 to " + (threads.length - 1));
        }
        boolean found = false;
        for (SmpTask t : tasks) {
            if (t.owner() != null && t.owner().name().equals(parts[0])) {
                t.moveTo(thread);
                found = true;
            }
        }
        if (!found) {
            throw new HandlerException("no task belongs to an element called '" + parts[0] + "'");
        }
    }
}

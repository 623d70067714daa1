package click.bench;

import click.api.Element;
import click.api.ElementFactory;
import click.api.ElementInfo;
import click.api.HandlerException;
import click.api.Packet;
import click.runtime.ElementRegistry;
import click.runtime.Router;
import click.runtime.RouterBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures hot swaps of a router under load: UDP flows at a steady rate through a Queue into a NAT
 * ({@code IPRewriter}), swapped SWAPS times to the same configuration, so the queued packets and the
 * NAT mappings are carried over each time.
 * <pre>{@code
 *   java -cp benchmarks/target/benchmarks.jar click.bench.HotSwapPause [-j N] [SWAPS] [NAME=value ...]
 * }</pre>
 * Variables: {@code RATE} (packets per second, default 500000), {@code FLOWS} (NAT mappings, 1000),
 * {@code HOLD} (packets to let queue up before each swap by pausing the queue's consumer, 1000),
 * {@code INTERVAL} (milliseconds of normal running between swaps, 200).
 *
 * <p>For each swap it prints: the time to build and initialise the new router beside the running
 * one; the pause as the swapping thread sees it (from asking the old router to stop until the new
 * router's driver is started; on a busy machine it includes time that thread waited for a CPU while
 * the new router already ran); the gap the traffic sees (from the last packet the old router took
 * in to the first the new one took in, at the queue's input: how long the source went unserved,
 * including the new router thread's wait for a CPU); the packets
 * queued in the old router when it stopped, those the new router's queue held before it started,
 * and the difference (lost, which must be 0); the NAT mappings before and after. Then the minimum,
 * median and maximum of each time, and a check over the whole run that every packet the sources
 * made was delivered, is still queued, or was dropped by a full queue.
 */
public final class HotSwapPause {
    private static final String CONFIG = """
            gen :: FastUDPFlows($RATE, -1, 64, 02:00:00:00:00:02, 198.51.100.2, 02:00:00:00:00:01, 203.0.113.2,
                                $FLOWS, 2000000000)
              -> feed :: Unqueue(BURST 8)
              -> arrivals :: ArrivalTimes
              -> q :: Queue(100000)
              -> uq :: Unqueue(BURST 8)
              -> Strip(14) -> CheckIPHeader
              -> rw :: IPRewriter(pattern 192.0.2.1 1024-65535 - - 0 1);
            rw[0] -> out :: Counter -> Discard;
            rw[1] -> Discard;
            """;

    /** With more than one thread, the queue joins two threads: the producer on 0, the consumer on 1. */
    private static final String PLACEMENT = "StaticThreadSched(feed 0, uq 1);\n";

    public static void main(String[] args) throws Exception {
        int threads = 1;
        int swaps = 20;
        Map<String, String> vars = new LinkedHashMap<>(Map.of("RATE", "500000", "FLOWS", "1000", "HOLD", "1000",
                "INTERVAL", "200"));
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-j") && i + 1 < args.length) {
                threads = Integer.parseInt(args[++i]);
            } else if (a.contains("=")) {
                vars.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            } else if (a.matches("\\d+")) {
                swaps = Integer.parseInt(a);
            } else {
                System.err.println("usage: HotSwapPause [-j N] [SWAPS] [RATE=pps] [FLOWS=n] [HOLD=packets]"
                        + " [INTERVAL=ms]");
                System.exit(2);
            }
        }
        new HotSwapPause().run(threads, swaps, vars);
    }

    /** One swap's figures. */
    private record Swap(long buildNanos, long pauseNanos, long gapNanos, long queuedAtStop, long carried,
                        long mappingsBefore, long mappingsAfter) {
        long lost() {
            return queuedAtStop - carried;
        }
    }

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final ElementRegistry registry = ElementRegistry.fromServiceLoader(HotSwapPause.class.getClassLoader());
    /** Per router: packets in its queue when it started (carried over from the one before). */
    private long carriedIn;
    /** Whole run: packets made by the sources, delivered at the end of the path, dropped by a full queue. */
    private long made;
    private long delivered;
    private long queueDrops;

    private HotSwapPause() {
        ElementFactory.of(ArrivalTimes.class, ArrivalTimes::new).forEach(registry::add);
    }

    private RouterBuilder builder(int threads, Map<String, String> vars) {
        RouterBuilder b = RouterBuilder.fromText(CONFIG + (threads > 1 ? PLACEMENT : ""), "hotswap.click")
                .registry(registry)
                .log(new PrintStream(log, true, StandardCharsets.UTF_8))
                .output(new PrintStream(log, true, StandardCharsets.UTF_8));
        if (threads > 1) {
            b.driver(WorkloadRunner.smpDriver(), threads);
        }
        b.define("RATE", vars.get("RATE")).define("FLOWS", vars.get("FLOWS"));
        return b;
    }

    private void run(int threads, int swaps, Map<String, String> vars) throws Exception {
        long hold = Long.parseLong(vars.get("HOLD"));
        long interval = Long.parseLong(vars.get("INTERVAL"));
        System.out.printf(Locale.ROOT, "hot swap under load: %d swaps, -j %d, %s pps of %s UDP flows through"
                + " Queue -> IPRewriter, %d packets queued before each swap%n", swaps, threads, vars.get("RATE"),
                vars.get("FLOWS"), hold);
        System.out.printf(Locale.ROOT, "%5s %10s %10s %10s %8s %8s %5s %14s%n", "swap", "build ms", "pause us",
                "gap us", "queued", "carried", "lost", "NAT mappings");
        Router router = builder(threads, vars).build();
        router.start();
        List<Swap> done = new ArrayList<>();
        for (int i = 1; i <= swaps; i++) {
            Thread.sleep(interval);
            Router old = router;
            old.handlers().write("uq.active", "false");
            awaitAtLeast(old, "q.length", hold);
            long mappingsBefore = read(old, "rw.table_size");
            long[] carried = new long[1];
            RouterBuilder.HotSwap s = builder(threads, vars).hotSwap(old, fresh -> carried[0] = read(fresh, "q.length"));
            router = s.router();
            long queuedAtStop = retire(old);
            carriedIn = carried[0];
            long gap = ((ArrivalTimes) router.element("arrivals")).firstAfter() - ((ArrivalTimes) old.element("arrivals")).last;
            Swap swap = new Swap(s.buildNanos(), s.pauseNanos(), gap, queuedAtStop, carried[0], mappingsBefore,
                    read(router, "rw.table_size"));
            done.add(swap);
            System.out.printf(Locale.ROOT, "%5d %10.2f %10.1f %10.1f %8d %8d %5d %6d -> %5d%n", i, swap.buildNanos / 1e6,
                    swap.pauseNanos / 1e3, swap.gapNanos / 1e3, swap.queuedAtStop, swap.carried, swap.lost(),
                    swap.mappingsBefore, swap.mappingsAfter);
        }
        router.handlers().write("gen.active", "false");
        Thread.sleep(interval);
        router.requestStop();
        router.awaitStop();
        long stillQueued = retire(router);
        router.cleanup();
        summary(done, stillQueued);
    }

    /**
     * Adds a stopped router's counts to the run's and returns the packets its queue held when it
     * stopped: those it was given at the start, plus those its source made, minus those dropped
     * by the full queue and those taken out by the consumer. (A hot swap has emptied the old queue
     * by now, so its length cannot be read.)
     */
    private long retire(Router stopped) {
        long source = read(stopped, "gen.count");
        long drops = read(stopped, "q.drops");
        made += source;
        queueDrops += drops;
        delivered = read(stopped, "out.count"); // a Counter goes on from its predecessor's count: the run's total
        return carriedIn + source - drops - read(stopped, "uq.count");
    }

    private void summary(List<Swap> swaps, long stillQueued) {
        if (!swaps.isEmpty()) {
            System.out.printf(Locale.ROOT, "%-10s %10s %10s %10s%n", "", "build ms", "pause us", "gap us");
            printRow("min", swaps, 0);
            printRow("median", swaps, swaps.size() / 2);
            printRow("max", swaps, swaps.size() - 1);
        }
        long lost = swaps.stream().mapToLong(Swap::lost).sum();
        long unaccounted = made - delivered - stillQueued - queueDrops;
        System.out.printf(Locale.ROOT, "queued packets lost in swaps: %d; whole run: %d made = %d delivered + %d still"
                + " queued + %d dropped by a full queue + %d unaccounted%n", lost, made, delivered, stillQueued,
                queueDrops, unaccounted);
        String errors = log.toString(StandardCharsets.UTF_8);
        if (!errors.isBlank()) {
            System.out.print("router log:\n" + errors);
        }
        System.exit(lost == 0 && unaccounted == 0 ? 0 : 1);
    }

    private static void printRow(String what, List<Swap> swaps, int rank) {
        System.out.printf(Locale.ROOT, "%-10s %10.2f %10.1f %10.1f%n", what,
                nth(swaps.stream().mapToLong(Swap::buildNanos).toArray(), rank) / 1e6,
                nth(swaps.stream().mapToLong(Swap::pauseNanos).toArray(), rank) / 1e3,
                nth(swaps.stream().mapToLong(Swap::gapNanos).toArray(), rank) / 1e3);
    }

    private static long nth(long[] values, int rank) {
        Arrays.sort(values);
        return values[rank];
    }

    private static long read(Router r, String handler) {
        try {
            return Long.parseLong(r.handlers().read(handler).trim());
        } catch (HandlerException e) {
            throw new IllegalStateException(handler + ": " + e.getMessage(), e);
        }
    }

    private static void awaitAtLeast(Router r, String handler, long least) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (read(r, handler) < least) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(handler + " did not reach " + least + " within 10 s");
            }
            Thread.sleep(1);
        }
    }

    /**
     * The benchmark's probe: passes packets on and notes when the first and the last passed
     * ({@link System#nanoTime()}). One task pushes into it; {@code last} is read after that task's
     * router stopped.
     */
    @ElementInfo(ports = "1/1", processing = "h/h")
    static final class ArrivalTimes extends Element {
        volatile long first;
        volatile long last;

        @Override
        public void push(int port, Packet p) {
            long now = System.nanoTime();
            if (first == 0) {
                first = now;
            }
            last = now;
            output(0).push(p);
        }

        /** When the first packet passed, waiting (up to 10 s) for it. */
        long firstAfter() throws InterruptedException {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (first == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name() + ": no packet within 10 s");
                }
                Thread.sleep(1);
            }
            return first;
        }
    }
}

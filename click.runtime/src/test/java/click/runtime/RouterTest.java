package click.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Clock;
import click.api.Driver;
import click.api.Element;
import click.api.HandlerException;
import click.api.HandlerRegistry;
import click.api.Task;
import click.api.TaskHandle;
import click.api.Timer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    private RouterBuilder builder(String text) {
        return RouterBuilder.fromText(text, "test.click").registry(TestElements.registry()).log(log);
    }

    private Router build(String text) throws ConfigurationException {
        return builder(text).build();
    }

    private String logText() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void sourceCounterDiscardRunsToTheEndAndHandlersShowTheCounts() throws Exception {
        Router r = build("src :: Source(LIMIT 100, BURST 8, STOP true) -> c :: Counter -> d :: Discard;");
        r.run();
        assertEquals("100", r.handlers().read("c.count"));
        assertEquals("6000", r.handlers().read("c.byte_count"));
        assertEquals("100", r.handlers().read("src.sent"));
        r.cleanup();
    }

    @Test
    void queueBetweenPushAndPullSidesDeliversEverythingAndTheConsumerSleepsWhenEmpty() throws Exception {
        Router r = build("Source(LIMIT 50, STOP false) -> q :: TestQueue -> s :: PullSink;");
        r.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!r.handlers().read("s.count").equals("50") && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals("50", r.handlers().read("s.count"));
        SimpleDriver d = (SimpleDriver) r.driver();
        while (d.tasks().stream().anyMatch(t -> t.isScheduled()) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertFalse(d.tasks().stream().anyMatch(t -> t.isScheduled()), "every task sleeps once the queue is empty");
        r.handlers().write("stop", "");
        r.awaitStop();
        r.cleanup();
    }

    @Test
    void standardQueueAndUnqueueMoveEveryPacketAndTheRouterGoesIdle() throws Exception {
        Router r = build("InfiniteSource(LIMIT 1000, BURST 32) -> q :: Queue(2000) -> Unqueue(BURST 8) -> c :: Counter"
                + " -> Discard;");
        r.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!r.handlers().read("c.count").equals("1000") && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals("1000", r.handlers().read("c.count"));
        while (r.driver().tasks().stream().anyMatch(t -> t.isScheduled()) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertFalse(r.driver().tasks().stream().anyMatch(t -> t.isScheduled()), "source done, queue empty: all asleep");
        r.requestStop();
        r.awaitStop();
        r.cleanup();
    }

    @Test
    void everyElementHasTheStandardHandlers() throws Exception {
        Router r = build("src :: Source(LIMIT 1) -> c :: Counter -> Discard;");
        assertEquals("c", r.handlers().read("c.name"));
        assertEquals("Counter", r.handlers().read("c.class"));
        assertEquals("LIMIT 1", r.handlers().read("src.config"));
        assertEquals("1 input\npush~\t-\tsrc [0]\n1 output\npush~\t-\t[0] Discard@3\n", r.handlers().read("c.ports"));
        String handlers = r.handlers().read("c.handlers");
        assertTrue(handlers.startsWith("name\tr\nclass\tr\nconfig\trw\nports\tr\nhandlers\tr\n"), handlers);
        assertTrue(handlers.contains("count\tr\n"), handlers);
        assertTrue(handlers.contains("reset\tw\n"), handlers);
    }

    @Test
    void routerHandlersListConfigAndClasses() throws Exception {
        String text = "src :: Source(LIMIT 1) -> c :: Counter -> Discard;";
        Router r = build(text);
        assertEquals("3\nsrc\nc\nDiscard@3\n", r.handlers().read("list"));
        assertEquals(text, r.handlers().read("config"));
        assertEquals("src :: Source(LIMIT 1);\nc :: Counter;\nDiscard@3 :: Discard;\n\nsrc -> c;\nc -> Discard@3;\n",
                r.handlers().read("flatconfig"));
        assertTrue(r.handlers().read("classes").contains("Counter\n"));
        assertEquals(RouterHandlers.VERSION, r.handlers().read("version"));
        assertTrue(r.handlers().exists("c.count"));
        assertFalse(r.handlers().exists("c.nothing"));
    }

    @Test
    void unknownHandlersAndElementsAreClearHandlerExceptions() throws Exception {
        Router r = build("src :: Source(LIMIT 1) -> counter :: Counter -> Discard;");
        HandlerException e1 = assertThrows(HandlerException.class, () -> r.handlers().read("counter.nothing"));
        assertEquals("no handler 'nothing' on counter", e1.getMessage());
        HandlerException e2 = assertThrows(HandlerException.class, () -> r.handlers().read("countr.count"));
        assertEquals("no element 'countr' for handler 'countr.count' (did you mean 'counter'?)", e2.getMessage());
        HandlerException e3 = assertThrows(HandlerException.class, () -> r.handlers().write("counter.count", "1"));
        assertEquals("handler 'counter.count' is read-only", e3.getMessage());
        assertThrows(HandlerException.class, () -> r.handlers().read("nothing"));
    }

    @Test
    void parameterisedReadsPassTheirParameterAndPlainHandlersRefuseOne() throws Exception {
        Router r = build("n :: Needs(6);");
        assertEquals("18", r.handlers().read("n.times", "3"));
        assertEquals("6", r.handlers().read("n.times"));
        HandlerException e = assertThrows(HandlerException.class, () -> r.handlers().read("n.value", "3"));
        assertEquals("handler 'n.value' takes no parameter", e.getMessage());
    }

    @Test
    void handlerNamesUseTheLastDotSoCompoundElementNamesWork() throws Exception {
        Router r = build("elementclass C { input -> c :: Counter -> output }\n"
                + "Source(LIMIT 3, STOP true) -> p :: C -> Discard;");
        r.run();
        assertEquals("3", r.handlers().read("p/c.count"));
        assertTrue(r.elements().contains(r.element("p/c")));
        assertEquals("Counter", r.element("p/c").className());
    }

    @Test
    void liveReconfigurationAppliesAGoodConfigurationAndKeepsTheOldOneOnFailure() throws Exception {
        Router r = build("n :: Needs(5);");
        r.handlers().write("n.config", "7");
        assertEquals("7", r.handlers().read("n.value"));
        assertEquals("7", r.handlers().read("n.config"));
        HandlerException e = assertThrows(HandlerException.class, () -> r.handlers().write("n.config", "-3"));
        assertEquals("n :: Needs: expected an integer >= 1 for VALUE, got \"-3\" (configuration unchanged)", e.getMessage());
        assertEquals("7", r.handlers().read("n.value"));
        assertEquals("7", r.handlers().read("n.config"));
        assertTrue(r.flatConfig().contains("n :: Needs(7);"));
    }

    @Test
    void elementArgumentsResolveInsideTheCompoundFirstThenOutward() throws Exception {
        Router r = build("x :: Needs(1);\n"
                + "elementclass C { x :: Needs(2); n :: Needs(TARGET x, VALUE 3); m :: Needs(TARGET y, VALUE 4) }\n"
                + "y :: Needs(5); p :: C;");
        assertEquals("p/x", r.handlers().read("p/n.target"));
        assertEquals("y", r.handlers().read("p/m.target"));
    }

    @Test
    void configureErrorsAreAllReportedWithLocationAndElement() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> build(
                "a :: Needs(0);\nb :: Needs(VALUE 1, COLOR red);\nc :: Needs(TARGET nobody, VALUE 1);"));
        assertEquals("test.click:1:1: error: a :: Needs: expected an integer >= 1 for VALUE, got \"0\"\n"
                + "test.click:2:1: error: b :: Needs: unknown keyword COLOR\n"
                + "test.click:3:1: error: c :: Needs: expected the name of an element for TARGET, got \"nobody\"",
                e.getMessage());
        assertEquals(3, e.report().errorCount());
    }

    @Test
    void exceptionsFromConfigureAndInitializeAreReportedAsBugsNotThrown() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> build("f :: Faulty(configure);"));
        assertEquals("test.click:1:1: error: f :: Faulty: bug in element class Faulty: configure threw "
                + "java.lang.IllegalStateException: boom in configure", e.getMessage());
        ConfigurationException e2 = assertThrows(ConfigurationException.class,
                () -> build("g :: Faulty(initerror); f :: Faulty(initialize);"));
        assertEquals("test.click:1:1: error: g :: Faulty: cannot open device\n"
                + "test.click:1:25: error: f :: Faulty: bug in element class Faulty: initialize threw "
                + "java.lang.NullPointerException: boom in initialize", e2.getMessage());
    }

    @Test
    void checkConfiguresButRunsNothing() {
        var report = builder("src :: Source(LIMIT 5) -> Counter -> Discard;").check();
        assertFalse(report.hasErrors(), report.toString());
        var bad = builder("src :: Source(LIMIT x) -> Counter -> Discard;").check();
        assertEquals("test.click:1:1: error: src :: Source: expected an integer for LIMIT, got \"x\"\n", bad.toString());
    }

    @Test
    void taskExceptionsAreCountedReportedOnceAndTheDriverKeepsRunning() throws Exception {
        Router r = build("f :: Faulty(task); Source(LIMIT 20, STOP true) -> c :: Counter -> Discard;");
        r.run();
        assertEquals("20", r.handlers().read("c.count"));
        SimpleDriver d = (SimpleDriver) r.driver();
        long runs = Long.parseLong(r.handlers().read("f.runs"));
        assertTrue(runs >= 2, "the failing task keeps being run");
        assertEquals(runs, d.exceptionCount(r.element("f")));
        String logged = logText();
        assertTrue(logged.startsWith("test.click:1:1: error: f :: Faulty: exception while running: "
                + "java.lang.IllegalArgumentException: boom in task"), logged);
        assertEquals(1, logged.lines().count(), logged);
    }

    @Test
    void cleanupRunsInReverseOrderAndReportsExceptions() throws Exception {
        Router r = build("f :: Faulty(cleanup); g :: Faulty(none);");
        r.cleanup();
        r.cleanup();
        assertEquals("test.click:1:1: error: f :: Faulty: bug in element class Faulty: cleanup threw "
                + "java.lang.IllegalStateException: boom in cleanup\n", logText());
    }

    @Test
    void onceSwitchedOnThePortsHandlerCountsThePacketsOfPushOutputsAndPullInputsAsClickDoes() throws Exception {
        Router r = build("src :: Source(LIMIT 7) -> q :: Queue -> s :: PullSink; Source(LIMIT 3) -> [0]q;");
        assertEquals("false", r.handlers().read("port_counts"));
        r.handlers().write("port_counts", "true");
        assertEquals("true", r.handlers().read("port_counts"));
        r.start();
        assertEquals(10, awaitAtLeast(r, "s.count", 10));
        r.requestStop();
        r.awaitStop();
        assertEquals("0 inputs\n1 output\npush\t7\t[0] q\n", r.handlers().read("src.ports"));
        assertEquals("1 input\npush\t-\tsrc [0], Source@4 [0]\n1 output\npull\t-\t[0] s\n", r.handlers().read("q.ports"));
        assertEquals("1 input\npull\t10\tq [0]\n0 outputs\n", r.handlers().read("s.ports"));
        r.handlers().write("port_counts", "false");
        assertEquals("0 inputs\n1 output\npush\t7\t[0] q\n", r.handlers().read("src.ports"), "switched off, counts stay");
        HandlerException bad = assertThrows(HandlerException.class, () -> r.handlers().write("port_counts", "often"));
        assertTrue(bad.getMessage().contains("often"), bad.getMessage());
        r.cleanup();
    }

    @Test
    void portsAreNotCountedUntilAskedSoThePacketPathPaysNothing() throws Exception {
        Router r = build("src :: Source(LIMIT 5, STOP true) -> c :: Counter -> Discard;");
        r.run();
        assertEquals("5", r.handlers().read("c.count"));
        assertEquals("0 inputs\n1 output\npush\t-\t[0] c\n", r.handlers().read("src.ports"));
        assertEquals(0, r.element("src").output(0).packets());
        r.cleanup();
    }

    @Test
    void threadPreferencesAreAppliedAndAMissingThreadIsAWarning() throws Exception {
        Router r = build("src :: Source(LIMIT 1) -> Discard; Pin(src, 3);");
        assertEquals(1, r.warnings().size());
        assertEquals("test.click:1:36: warning: Pin@3 :: Pin: thread 3 for src does not exist (the router has 1 thread);"
                + " using thread 0", r.warnings().get(0).toString());
        assertNotNull(r.driver().tasks().get(0));
    }

    @Test
    void hotSwapHandsStateToSameNamedElementsAndRetiresTheOldRouter() throws Exception {
        Router old = build("k :: Keeper; gone :: Keeper; Source(LIMIT -1) -> Discard;");
        old.handlers().write("k.value", "42");
        old.handlers().write("gone.value", "7");
        old.start();
        Router fresh = builder("k :: Keeper; other :: Keeper;").buildReplacing(old);
        assertEquals("42", fresh.handlers().read("k.value"));
        assertEquals("0", fresh.handlers().read("other.value"));
        assertTrue(((TestElements.Keeper) old.element("k")).cleanedUp);
        assertTrue(old.driver().stopRequested());
        assertFalse(fresh.started());
    }

    @Test
    void aFailedHotSwapLeavesTheOldRouterRunning() throws Exception {
        Router old = build("k :: Keeper; Source(LIMIT -1) -> c :: Counter -> Discard;");
        old.start();
        assertThrows(ConfigurationException.class, () -> builder("k :: Keeper(1);").buildReplacing(old));
        assertFalse(old.driver().stopRequested());
        assertFalse(((TestElements.Keeper) old.element("k")).cleanedUp);
        old.requestStop();
        old.awaitStop();
        old.cleanup();
    }

    /** A steady source into a queue drained by a task: the shape whose queued packets a hot swap must keep. */
    private static final String STEADY = "src :: RatedSource(RATE 20000) -> q :: Queue(100000) -> uq :: Unqueue(BURST 8)"
            + " -> c :: Counter -> Discard;";

    /** Waits (up to 10 s) until the handler reads at least {@code least}; returns what it read last. */
    private static long awaitAtLeast(Router r, String handler, long least) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long now = Long.parseLong(r.handlers().read(handler).trim());
        while (now < least && System.nanoTime() < deadline) {
            Thread.sleep(1);
            now = Long.parseLong(r.handlers().read(handler).trim());
        }
        return now;
    }

    private static long count(Router r, String handler) throws HandlerException {
        return Long.parseLong(r.handlers().read(handler).trim());
    }

    @Test
    void hotSwapsUnderLoadCarryEveryQueuedPacketIntoTheNewRouterAndDuplicateNone() throws Exception {
        Router r = build(STEADY);
        r.start();
        long sent = 0;
        long out = 0;
        long carried = 0;
        long countedBefore = 0; // the Counter goes on from its predecessor's count
        for (int swap = 0; swap < 5; swap++) {
            assertTrue(awaitAtLeast(r, "c.count", 1) >= 1, "packets flow through the router before swap " + swap);
            // hold the consumer so that packets are queued at the moment of the swap
            r.handlers().write("uq.active", "false");
            assertTrue(awaitAtLeast(r, "q.length", 20) >= 20, "packets queue up before swap " + swap);
            Router fresh = builder(STEADY).buildReplacing(r);
            long oldSent = count(r, "src.count");
            long oldOut = count(r, "c.count") - countedBefore;
            assertEquals(0, count(r, "q.drops"));
            long queued = count(fresh, "q.length");
            assertTrue(queued >= 20, "packets were queued at the swap");
            assertEquals(carried + oldSent - oldOut, queued, "every packet the old router was given or sent and did not"
                    + " deliver waits in the new queue (swap " + swap + ")");
            assertEquals(0, count(r, "q.length"), "the old queue gave everything away");
            sent += oldSent;
            out += oldOut;
            carried = queued;
            countedBefore = count(fresh, "c.count");
            assertEquals(count(r, "c.count"), countedBefore, "the new Counter took over the old one's count");
            fresh.start();
            r = fresh;
        }
        r.handlers().write("src.active", "false");
        awaitAtLeast(r, "c.count", countedBefore + carried + count(r, "src.count"));
        r.requestStop();
        r.awaitStop();
        sent += count(r, "src.count");
        out += count(r, "c.count") - countedBefore + count(r, "q.length");
        assertEquals(0, count(r, "q.drops"));
        assertEquals(sent, out, "packets sent by the six sources = packets counted by the six counters (+ still queued)");
        r.cleanup();
    }

    @Test
    void failedHotSwapsUnderLoadLeaveTheOldRouterCountingAndSayWhy() throws Exception {
        Router old = build(STEADY);
        old.start();
        long before = awaitAtLeast(old, "c.count", 1);
        ConfigurationException bad = assertThrows(ConfigurationException.class,
                () -> builder(STEADY.replace("Queue(100000)", "Queue(-1)")).hotSwap(old));
        assertTrue(bad.getMessage().startsWith("test.click:1:"), bad.getMessage());
        assertTrue(bad.getMessage().contains("q :: Queue: "), bad.getMessage());
        ConfigurationException failing = assertThrows(ConfigurationException.class,
                () -> builder(STEADY + " f :: Faulty(initialize);").hotSwap(old));
        assertTrue(failing.getMessage().contains("f :: Faulty: bug in element class Faulty: initialize threw"
                + " java.lang.NullPointerException: boom in initialize"), failing.getMessage());
        assertFalse(old.driver().stopRequested());
        assertTrue(awaitAtLeast(old, "c.count", before + 100) >= before + 100, "the old router still forwards");
        assertEquals(0, count(old, "q.drops"));
        old.requestStop();
        old.awaitStop();
        old.cleanup();
    }

    @Test
    void hotSwapStartsTheNewRouterAndReportsBuildAndPauseTimes() throws Exception {
        Router old = build("k :: Keeper; Source(LIMIT -1) -> Discard;");
        old.handlers().write("k.value", "9");
        old.start();
        RouterBuilder.HotSwap swap = builder("k :: Keeper; Source(LIMIT -1) -> Discard;").hotSwap(old);
        assertTrue(swap.router().started());
        assertEquals("9", swap.router().handlers().read("k.value"));
        assertTrue(((TestElements.Keeper) old.element("k")).cleanedUp);
        assertTrue(swap.buildNanos() > 0 && swap.pauseNanos() > 0, swap.toString());
        swap.router().requestStop();
        swap.router().awaitStop();
        swap.router().cleanup();
    }

    @Test
    void aDriverThatCannotBeMadeIsAConfigurationError() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> builder("Source(LIMIT 1) -> Discard;").driver(new SimpleDriverFactory(), 2).build());
        assertEquals("test.click: error: cannot make the driver: the single-threaded driver runs 1 thread, not 2"
                + " (use the SMP driver for more)", e.getMessage());
    }

    @Test
    void messagesGoToTheRouterLog() throws Exception {
        Router r = build("c :: Counter; Source(LIMIT 1) -> c -> Discard;");
        r.element("c").context().message(r.element("c"), "hello");
        assertEquals("hello\n", logText());
    }

    /** The single-threaded driver plus one handler of its own, as the SMP driver declares task_costs. */
    private static final class DriverWithHandler implements Driver {
        private final SimpleDriver inner = new SimpleDriver(Clock.SYSTEM);

        @Override
        public void addHandlers(HandlerRegistry h) {
            h.read("mode", () -> "test");
        }

        @Override
        public TaskHandle addTask(Element owner, Task task) {
            return inner.addTask(owner, task);
        }

        @Override
        public Timer newTimer(Element owner, Runnable action) {
            return inner.newTimer(owner, action);
        }

        @Override
        public Clock clock() {
            return inner.clock();
        }

        @Override
        public int threadCount() {
            return 1;
        }

        @Override
        public void start() {
            inner.start();
        }

        @Override
        public void requestStop() {
            inner.requestStop();
        }

        @Override
        public void awaitStop() throws InterruptedException {
            inner.awaitStop();
        }

        @Override
        public boolean stopRequested() {
            return inner.stopRequested();
        }

        @Override
        public List<? extends TaskHandle> tasks() {
            return inner.tasks();
        }
    }

    @Test
    void theDriversOwnHandlersAreAmongTheRoutersHandlers() throws Exception {
        Router r = builder("Source(LIMIT 1) -> Discard;").driver((threads, clock) -> new DriverWithHandler(), 1).build();
        assertEquals("test", r.handlers().read("mode"));
        assertTrue(r.handlers().read("handlers").contains("mode\tr\n"), r.handlers().read("handlers"));
        r.cleanup();
    }
}

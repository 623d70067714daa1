package click.launch.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.runtime.Router;
import click.runtime.RouterManager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/** The click:* Gogo commands of the shell bundle, driven through Gogo's CommandProcessor. */
@ExtendWith(ServiceExtension.class)
class ShellIT {
    /** Five packets wait in q (Idle never pulls); the router keeps running after the source is done. */
    private static final String FIVE_QUEUED =
            "src :: InfiniteSource(LIMIT 5, STOP false) -> c :: Counter -> q :: Queue(100) -> Idle;\n";

    @InjectService(timeout = 5000)
    CommandProcessor processor;

    @InjectService(timeout = 5000)
    RouterManager manager;

    @TempDir
    Path dir;

    private CommandSession session;

    @BeforeEach
    void openSession() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), sink, sink);
    }

    @AfterEach
    void stopEveryRouter() throws Exception {
        session.close();
        for (RouterManager.Entry e : manager.routers()) {
            manager.stop(e.name());
        }
    }

    private String run(String command) throws Exception {
        Object result = session.execute(command);
        return result == null ? "" : result.toString();
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** Waits (up to 10 s) until the handler reads {@code value}; returns what it read last. */
    private String awaitHandler(String handler, String value) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String now = run("click:read " + handler).trim();
        while (!now.equals(value) && System.nanoTime() < deadline) {
            Thread.sleep(5);
            now = run("click:read " + handler).trim();
        }
        return now;
    }

    @Test
    void installRunsTheRouterAndTheInspectionCommandsReturnItsData() throws Exception {
        Path conf = file("five.click", FIVE_QUEUED);
        String installed = run("click:install " + conf);
        assertTrue(installed.startsWith("installed five from "), installed);
        assertEquals("5", awaitHandler("c.count", "5"));

        String routers = run("click:routers");
        assertTrue(routers.matches("(?s)ROUTER +STATE .*\nfive +running +1 +4 +.*five\\.click +shell\n"), routers);

        String elements = run("click:elements");
        assertTrue(elements.contains("src      InfiniteSource  LIMIT 5, STOP false\n"), elements);
        assertTrue(elements.contains("Idle@4   Idle\n"), elements);
        assertEquals("ELEMENT  CLASS    CONFIG\nc        Counter\n", run("click:elements -f 'Count*'"));

        assertEquals("1 input\npush\t-\tc [0]\n1 output\npull\t-\t[0] Idle@4\n", run("click:ports q"));
        String handlers = run("click:handlers q");
        assertTrue(handlers.startsWith("HANDLER"), handlers);
        assertTrue(handlers.matches("(?s).*\nlength +r\n.*"), handlers);
        assertTrue(handlers.matches("(?s).*\nconfig +rw\n.*"), handlers);
        assertTrue(handlers.matches("(?s).*\nreset +w\n.*"), handlers);

        assertEquals("5", run("click:read q.length").trim());
        assertEquals("Counter", run("click:read c.class").trim());
        run("click:write c.reset");
        assertEquals("0", run("click:read c.count").trim());
        run("click:write q.capacity 7");
        assertEquals("7", run("click:read q.capacity").trim());
        // room again for the five packets below: with two places left the source would stop after
        // two, at a full queue (the full notifier)
        run("click:write q.capacity 100");

        assertEquals(FIVE_QUEUED, run("click:config"));
        assertTrue(run("click:config -f").contains("q :: Queue(100);"), run("click:config -f"));

        String tasks = run("click:tasks");
        assertTrue(tasks.matches("(?s)TASK +CLASS +THREAD +STATE\nsrc +InfiniteSource +0 .*"), tasks);
        assertTrue(run("click:threads").startsWith("THREAD  TASKS  RUNNING\n     0      1  src\n"), run("click:threads"));

        String first = run("click:graph --ascii");
        assertTrue(first.startsWith("port counts start now (click:write port_counts false stops them)\n"
                + "src :: InfiniteSource\n  [0] -> [0] c  (0)\n"), first);
        run("click:write src.reset");
        assertEquals("5", awaitHandler("c.count", "5"));
        String ascii = run("click:graph --ascii");
        assertTrue(ascii.startsWith("src :: InfiniteSource\n  [0] -> [0] c  (5)\nc :: Counter\n  [0] -> [0] q  (5)\n"
                + "q :: Queue\n  [0] ~> [0] Idle@4  (0)\n"), ascii);
        String dot = run("click:graph");
        assertTrue(dot.startsWith("digraph \"five\" {\n") && dot.contains("\"c\" -> \"q\" [label=\"5\", taillabel=\"0\""), dot);
        assertEquals("1 input\npush~\t-\tsrc [0]\n1 output\npush~\t5\t[0] q\n", run("click:ports c"));

        assertEquals("stopped five\n", run("click:stop"));
        assertEquals("ROUTER  STATE  THREADS  ELEMENTS  FILE  STARTED BY\n", run("click:routers"));
    }

    @Test
    void installingARouterOfTheSameNameHotSwapsItAndCarriesTheQueuedPacketsOver() throws Exception {
        run("click:install -r swap " + file("a.click", FIVE_QUEUED));
        assertEquals("5", awaitHandler("q.length", "5"));
        String swapped = run("click:install -r swap " + file("b.click", "Idle -> q :: Queue(100) -> Idle;\n"));
        assertTrue(swapped.startsWith("hot-swapped swap from "), swapped);
        assertEquals("5", run("click:read q.length").trim());
        assertEquals("3", run("click:read list").lines().findFirst().orElseThrow());
    }

    /** A steady source into a queue drained by a task (held by the test before each swap). */
    private static final String STEADY =
            "src :: RatedSource(RATE 20000) -> q :: Queue(100000) -> uq :: Unqueue(BURST 8) -> c :: Counter -> Discard;\n";

    /** Waits (up to 10 s) until the handler of the router held as {@code name} reads at least {@code least}. */
    private long awaitAtLeast(String name, String handler, long least) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long now = count(manager.find(name).router(), handler);
        while (now < least && System.nanoTime() < deadline) {
            Thread.sleep(2);
            now = count(manager.find(name).router(), handler);
        }
        return now;
    }

    private static long count(Router r, String handler) throws Exception {
        return Long.parseLong(r.handlers().read(handler).trim());
    }

    @Test
    void hotSwapsUnderLoadThroughTheShellCarryEveryQueuedPacket() throws Exception {
        Path conf = file("steady.click", STEADY);
        run("click:install " + conf);
        long sent = 0;
        long out = 0;
        for (int swap = 0; swap < 3; swap++) {
            assertTrue(awaitAtLeast("steady", "c.count", 1) >= 1, "packets flow before swap " + swap);
            run("click:write uq.active false");
            assertTrue(awaitAtLeast("steady", "q.length", 20) >= 20, "packets queue up before swap " + swap);
            Router old = manager.find("steady").router();
            assertTrue(run("click:install " + conf).startsWith("hot-swapped steady from "));
            assertEquals(0, count(old, "q.drops"));
            sent += count(old, "src.count");
            assertTrue(count(manager.find("steady").router(), "c.count") >= count(old, "c.count"),
                    "the new Counter goes on from the old one's count");
        }
        run("click:write src.active false");
        Router last = manager.find("steady").router();
        // the counter goes on from its predecessors' counts: wait until it has seen every packet sent
        awaitAtLeast("steady", "c.count", sent + count(last, "src.count"));
        assertTrue(manager.stop("steady"));
        sent += count(last, "src.count");
        out += count(last, "c.count") + count(last, "q.length"); // the counter carried its count
        assertEquals(0, count(last, "q.drops"));
        assertEquals(sent, out, "packets sent by the four routers' sources = packets counted (+ still queued)");
    }

    @Test
    void aFailedInstallLeavesTheRunningRouterAsItWas() throws Exception {
        run("click:install -r keep " + file("a.click", FIVE_QUEUED));
        assertEquals("5", awaitHandler("q.length", "5"));
        Exception e = assertThrows(Exception.class,
                () -> run("click:install -r keep " + file("bad.click", "q :: Queue(-1) -> Idle;\n")));
        assertTrue(e.getMessage().contains("bad.click:1:"), e.getMessage());
        assertEquals("5", run("click:read q.length").trim());
        assertEquals("running", manager.find("keep").router().driver().stopRequested() ? "stopped" : "running");
    }

    @Test
    void withTheSmpDriverTasksShowTheCostReportAndSchedulingCanBeSwitched() throws Exception {
        run("click:install -j 2 " + file("smp.click", FIVE_QUEUED));
        String tasks = run("click:tasks");
        assertTrue(tasks.startsWith("task") && tasks.contains("src") && tasks.contains("ns/packet"), tasks);
        assertTrue(run("click:threads").startsWith("THREAD  TASKS  RUNNING\n     0"), run("click:threads"));
        assertEquals("scheduling static\n", run("click:sched static"));
        assertEquals("static", run("click:read scheduling").trim());
        Exception e = assertThrows(Exception.class, () -> run("click:sched sometimes"));
        assertTrue(e.getMessage().contains("expected 'adaptive' or 'static', got 'sometimes'"), e.getMessage());
    }

    @Test
    void withSeveralRoutersCommandsNeedANameAndUseTheOneNamed() throws Exception {
        run("click:install -r one " + file("one.click", FIVE_QUEUED));
        run("click:install -r two " + file("two.click", "Idle -> d :: Discard;\n"));
        Exception e = assertThrows(Exception.class, () -> run("click:elements"));
        assertEquals("2 routers are running (one, two): choose one with -r NAME", e.getMessage());
        assertTrue(run("click:elements -r two").contains("d        Discard"), run("click:elements -r two"));
        assertEquals("stopped two\n", run("click:stop two"));
        Exception gone = assertThrows(Exception.class, () -> run("click:read -r two d.count"));
        assertEquals("no router 'two' (running: one)", gone.getMessage());
    }

    @Test
    void classesNameTheProvidingBundleAndDocReadsTheManualPageFromIt() throws Exception {
        String classes = run("click:classes");
        assertTrue(classes.startsWith("CLASS"), classes);
        assertTrue(classes.matches("(?s).*\nCounter +click\\.elements\\.standard +0\\.1\\.0\\.SNAPSHOT +"
                + "click\\.elements\\.standard\\.Counter\n.*"), classes);
        assertTrue(classes.contains("\nCheckIPHeader "), classes);
        String doc = run("click:doc Counter");
        assertTrue(doc.contains("Counter") && doc.contains("count"), doc);
        Exception e = assertThrows(Exception.class, () -> run("click:doc Countr"));
        assertTrue(e.getMessage().startsWith("no element class 'Countr'"), e.getMessage());
    }

    @Test
    void checkReportsEveryProblemWithItsLocationAndRunsNothing() throws Exception {
        assertTrue(run("click:check " + file("ok.click", FIVE_QUEUED)).endsWith("ok.click: ok, 0 errors, 0 warnings\n"));
        String bad = run("click:check " + file("bad.click", "Idle -> Discard;\nx :: NoSuchElement;\n"));
        assertTrue(bad.contains("bad.click:2:"), bad);
        assertTrue(bad.endsWith("bad.click: not ok, 1 error, 0 warnings\n"), bad);
        assertTrue(manager.routers().isEmpty());
    }

    @Test
    void mistakesAreOneLineMessages() throws Exception {
        assertEquals("no router is running; click:install FILE starts one",
                assertThrows(Exception.class, () -> run("click:elements")).getMessage());
        assertTrue(assertThrows(Exception.class, () -> run("click:install " + dir.resolve("missing.click")))
                .getMessage().endsWith("missing.click: no such file"));
        run("click:install " + file("five.click", FIVE_QUEUED));
        assertEquals("no element 'cc' in this router; did you mean c?",
                assertThrows(Exception.class, () -> run("click:handlers cc")).getMessage());
        assertTrue(assertThrows(Exception.class, () -> run("click:read c.nothing")).getMessage()
                .contains("no handler 'nothing'"));
        assertTrue(assertThrows(Exception.class, () -> run("click:sched static")).getMessage()
                .startsWith("this router's driver has no scheduling modes"));
        assertEquals("no router 'other' (running: five)",
                assertThrows(Exception.class, () -> run("click:stop other")).getMessage());
    }

    /** Runs a command that must fail; returns its message, checked to be one line naming no exception class. */
    private String refused(String command) {
        Exception e = assertThrows(Exception.class, () -> run(command), command);
        String message = String.valueOf(e.getMessage());
        assertTrue(!message.contains("\n") && !message.contains("Exception") && !message.isBlank(),
                command + " -> " + e);
        return message;
    }

    @Test
    void everyCommandRefusesBadArgumentsWithAOneLineMessage() throws Exception {
        // no router at all
        assertEquals("no router is running; click:install FILE starts one", refused("click:stop"));
        for (String command : new String[] {"click:config", "click:ports c", "click:handlers c", "click:read c.count",
                "click:write c.reset", "click:threads", "click:tasks", "click:graph", "click:sched static"}) {
            assertEquals("no router is running; click:install FILE starts one", refused(command));
        }
        assertTrue(refused("click:check " + dir.resolve("missing.click")).endsWith("missing.click: no such file"));
        assertEquals("expected a thread count of at least 1, got -1",
                refused("click:install -j -1 " + file("five.click", FIVE_QUEUED)));
        assertTrue(manager.routers().isEmpty(), "a refused install starts nothing");

        run("click:install " + file("five.click", FIVE_QUEUED));
        assertEquals("5", awaitHandler("c.count", "5"));
        for (String command : new String[] {"click:config -r nope", "click:config -f -r nope", "click:elements -r nope",
                "click:ports -r nope c", "click:handlers -r nope c", "click:read -r nope c.count",
                "click:write -r nope c.reset", "click:threads -r nope", "click:tasks -r nope", "click:graph -r nope",
                "click:graph --ascii -r nope", "click:sched -r nope static", "click:stop nope"}) {
            assertEquals("no router 'nope' (running: five)", refused(command));
        }
        assertEquals("no element 'cc' in this router; did you mean c?", refused("click:ports cc"));
        assertEquals("no element 'x' in this router (click:elements lists them)", refused("click:handlers x"));
        assertEquals("no element 'cc' for handler 'cc.count' (did you mean 'c'?)", refused("click:read cc.count"));
        assertEquals("handler 'c.count' is read-only", refused("click:write c.count 3"));
        assertEquals("expected a capacity (an integer >= 1), got \"many\"", refused("click:write q.capacity many"));
        assertEquals("100", run("click:read q.capacity").trim(), "a refused write changes nothing");
        assertTrue(refused("click:doc NoSuchClass").startsWith("no element class 'NoSuchClass'"));
        assertTrue(refused("click:install -r five " + file("bad.click", "Idle -> q :: Queue(x) -> Idle;\n"))
                .contains("bad.click:1:"));
        // Gogo's own refusal when the arguments fit no form of the command
        assertTrue(refused("click:doc").startsWith("Cannot coerce"), refused("click:doc"));
        assertTrue(refused("click:install -j many five.click").startsWith("Cannot coerce"));
        assertEquals("ELEMENT  CLASS  CONFIG\n", run("click:elements -f 'Nothing*'"));
        assertEquals("running", manager.find("five").router().driver().stopRequested() ? "stopped" : "running");
    }

    @Test
    void unscopedStopAndInstallRemainTheFrameworksCommands() throws Exception {
        run("click:install " + file("five.click", FIVE_QUEUED));
        String outcome;
        try {
            outcome = run("stop 99999");
        } catch (Exception e) {
            outcome = e.getMessage();
        }
        // click:stop would have refused: "no router '99999' (running: five)"
        assertTrue(!outcome.contains("no router"), outcome);
        assertEquals(1, manager.routers().size());
    }
}

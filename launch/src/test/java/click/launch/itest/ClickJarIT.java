package click.launch.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported application, end to end: {@code java -jar target/click.jar ARGS} in a child JVM, as
 * bin/click runs it (itest.bndrun passes the jar's path as {@code click.jar}).
 */
class ClickJarIT {
    /** A hang guard only: every run here takes a second or two. */
    private static final long HANG_SECONDS = 120;

    @TempDir
    Path dir;

    record Result(int status, String out, String err) {
    }

    private Result click(String... args) throws IOException, InterruptedException {
        return clickWithInput("", args);
    }

    private Result clickWithInput(String input, String... args) throws IOException, InterruptedException {
        Path in = dir.resolve("in.txt");
        Files.writeString(in, input, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(System.getProperty("click.jar"));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(in.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(HANG_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("click " + String.join(" ", args) + " did not stop");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void runsAConfigurationToItsEndAndPrintsTheHandler() throws Exception {
        Result r = click("-e", "InfiniteSource(LIMIT 1000, STOP true) -> c :: Counter -> Discard", "-h", "c.count");
        assertEquals("1000\n", r.out(), r.err());
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void threadsOptionUsesTheSchedulersSmpDriver() throws Exception {
        Result r = click("-j", "2", "-e", "InfiniteSource(LIMIT 1000, STOP true) -> c :: Counter -> Discard",
                "-h", "c.count");
        assertEquals("1000\n", r.out(), r.err());
        assertEquals(0, r.status(), r.err());
        assertFalse(r.err().contains("no SMP driver"), r.err());
    }

    @Test
    void shellRunsConsoleCommandsBesideTheRouterAndPrintsHandlersAtEndOfInput() throws Exception {
        Result r = clickWithInput("lb\n", "--shell", "-e",
                "InfiniteSource(LIMIT 1000, STOP true) -> c :: Counter -> Discard", "-h", "c.count");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("click.elements.standard"), "lb listed the bundles:\n" + r.out());
        assertTrue(r.out().endsWith("1000\n"), r.out());
    }

    @Test
    void shellWithCommandsRunsThemBesideTheRunningRouterPrintsResultsAndStops() throws Exception {
        Result r = click("-e", "InfiniteSource(LIMIT -1) -> q :: Queue -> Unqueue -> c :: Counter -> Discard",
                "--shell", "click:routers; click:handlers c");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("running"), "the router was running:\n" + r.out());
        assertTrue(r.out().contains("byte_count"), "Counter's handlers were listed:\n" + r.out());
        Result failed = click("--shell", "click:classes; click:read nosuch.count");
        assertEquals(1, failed.status(), "a failed command makes the exit status 1");
        assertTrue(failed.out().contains("click.elements.standard"), "click:classes ran without a router:\n" + failed.out());
        assertTrue(failed.err().contains("click:read nosuch.count: "), failed.err());
        assertFalse(failed.err().contains("Exception"), "one line, no stack trace:\n" + failed.err());
    }

    @Test
    void argumentsReachTheRouterVerbatim() throws Exception {
        String config = "InfiniteSource(LIMIT 1, STOP true) -> Print(\"two  spaces, 'quotes' \\\"and\\\" $dollars\") -> Discard";
        Result r = click("-e", config, "-h", "config");
        assertEquals(config + "\n", r.out(), r.err());
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void configurationErrorsAreFileLineColumnLinesAndExitStatusOne() throws Exception {
        Files.writeString(dir.resolve("bad.click"), "src :: InfiniteSource(LIMIT 5, STOP true)\n"
                + "  -> c :: Counter(NO_SUCH_KEYWORD 1)\n  -> Discard;\n");
        Result r = click("bad.click", "-h", "c.count");
        assertEquals(1, r.status());
        assertTrue(r.err().lines().anyMatch(l -> l.matches("bad\\.click:2:\\d+: error: .*NO_SUCH_KEYWORD.*")), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace:\n" + r.err());
        assertEquals("", r.out());
    }

    @Test
    void checkOnlyWritesTheFlatConfigurationWithoutRunning() throws Exception {
        Result r = click("-q", "-o", "flat.click", "-e",
                "elementclass Pass { input -> Null -> output }\nInfiniteSource(LIMIT -1) -> p :: Pass -> Discard");
        assertEquals(0, r.status(), r.err());
        String flat = Files.readString(dir.resolve("flat.click"));
        assertTrue(flat.contains("p/Null@"), flat);
        assertFalse(flat.contains("elementclass"), flat);
    }

    @Test
    void withoutConfigurationTheDemoRunsPrintsItsSummaryAndStopsByItself() throws Exception {
        Result r = click();
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("built-in demo"), r.err());
        // the demo's DriverManager prints one line a second to standard output (Script print, as in Click)
        List<String> summary = r.out().lines().filter(l -> l.matches("\\ds  sent \\d+ good.*")).toList();
        assertEquals(5, summary.size(), r.out() + r.err());
        assertTrue(summary.get(4).startsWith("5s  sent "), r.out());
    }

    @Test
    void emptyConfigurationWarnsAndExitsInsteadOfRunningForever() throws Exception {
        Result r = click("-e", "// no elements", "-h", "config");
        assertEquals(0, r.status(), r.err());
        assertEquals("// no elements\n", r.out());
        assertTrue(r.err().contains("<expr>: warning: configuration has no elements, exiting"), r.err());
    }

    @Test
    void badOptionsPrintUsageAndExitStatusOne() throws Exception {
        Result r = click("--no-such-option");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("unrecognized option '--no-such-option'"), r.err());
        assertTrue(r.err().contains("Try 'click --help'"), r.err());
    }

    @Test
    void anElementBundleAlreadyInDeployProvidesItsClassesToTheRouterAndTheShell() throws Exception {
        Path deploy = Files.createDirectories(dir.resolve("deploy"));
        Files.copy(ElementBundleIT.builtExampleJar(), deploy.resolve("click.example.jar"));
        Result r = click("-e", "InfiniteSource(DATA \\<45000014 00000000 40110000 c0000201 c0000202>, LIMIT 100,"
                + " STOP true) -> h :: TTLHistogram -> Discard", "-h", "h.histogram");
        assertEquals("64-95 100\n", r.out(), r.err());
        assertEquals(0, r.status(), r.err());

        Result shell = clickWithInput("lb -s click.example\n", "--shell");
        assertEquals(0, shell.status(), shell.err());
        assertTrue(shell.out().matches("(?s).*\\|Active +\\|.*\\|click\\.example .*"), shell.out() + shell.err());
    }
}

package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ConfigException;
import click.api.Element;
import click.api.HandlerException;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.testing.ElementHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptTest {
    private static final long SECOND = 1_000_000_000L;

    /** A stand-in element with a few handlers for scripts to read and write. */
    static final class Knob extends Element {
        String value = "7";
        final List<String> writes = new ArrayList<>();

        @Override
        public void addHandlers(HandlerRegistry h) {
            h.readWrite("value", () -> value, v -> {
                value = v;
                writes.add(v);
            })
             .read("drops", () -> "3")
             .read("lines", () -> "one\n")
             .write("fail", v -> {
                 throw new HandlerException("refused \"" + v + "\"");
             });
        }
    }

    private static ElementHarness<Script> script(String config) throws ConfigException {
        return ElementHarness.of(new Script()).withElement("k", new Knob()).configure(config);
    }

    @Test
    void loopWithLabelsAndArithmeticPrintsZeroToFourThenStops() throws Exception {
        ElementHarness<Script> h = script("set x 0, label l, print $x, set x $(add $x 1), goto l $(lt $x 5), stop");
        assertTrue(h.messages().isEmpty(), "an active script starts when the router runs, not at initialisation");
        h.advance(0);
        assertEquals(List.of("0", "1", "2", "3", "4"), h.messages());
        assertTrue(h.stopRequested());
    }

    @Test
    void waitUsesTheRouterClockAndTimers() throws Exception {
        ElementHarness<Script> h = script("print \"a\", wait 2s, print \"b\", wait 500ms, print \"c\"");
        h.advance(0);
        assertEquals(List.of("a"), h.messages());
        h.advance(SECOND);
        assertEquals(List.of("a"), h.messages());
        h.advance(SECOND);
        assertEquals(List.of("a", "b"), h.messages());
        h.advance(SECOND / 2);
        assertEquals(List.of("a", "b", "c"), h.messages());
        assertFalse(h.stopRequested(), "an ACTIVE script that ends does not stop the router");
    }

    @Test
    void printOfALetterWordReadsThatHandlerAndQuotedTextIsPrintedAsIs() throws Exception {
        ElementHarness<Script> h = script("print k.value, print \"k.value\", print '\"k.value\"', set x k.value, print $x, print $($x)");
        h.advance(0);
        assertEquals(List.of("7", "k.value", "\"k.value\"", "k.value", "7"), h.messages());
    }

    @Test
    void benchmarkDriverManagerMeasuresResetsPrintsAndStops() throws Exception {
        Discard sink = new Discard();
        ElementHarness<DriverManager> h = ElementHarness.of(new DriverManager())
                .withElement("sink", sink).withElement("q", new Knob())
                .configure("wait 1, write sink.reset_counts, write q.value 0, set t0 $(now), wait 5,\n"
                        + "set t1 $(now), set n $(sink.count),\n"
                        + "print \"RESULT count=$n elapsed=$(sub $t1 $t0) pps=$(div $n $(sub $t1 $t0)) qdrops=$(q.drops)\", stop");
        h.advance(0);
        for (int i = 0; i < 10; i++) {
            sink.push(0, Packet.make(60));
        }
        h.advance(SECOND);
        assertEquals(0, sink.count(), "warm-up packets were reset");
        for (int i = 0; i < 100; i++) {
            sink.push(0, Packet.make(60));
        }
        h.advance(4 * SECOND);
        assertFalse(h.stopRequested());
        h.advance(SECOND);
        assertEquals(List.of("RESULT count=100 elapsed=5 pps=20 qdrops=3"), h.messages());
        assertTrue(h.stopRequested());
        h.assertNoLeaks();
    }

    @Test
    void nowIsEpochSecondsWithNineDecimalsFromTheRouterClock() throws Exception {
        ElementHarness<Script> h = script("wait 250ms, print $(now)");
        long ns = h.manualClock().epochNanos() + SECOND / 4;
        h.advance(SECOND);
        assertEquals(ns / SECOND + "." + String.format("%09d", ns % SECOND), h.messages().get(0));
        assertTrue(h.messages().get(0).endsWith(".250000000"));
    }

    @Test
    void arithmeticKeepsIntegersAndPrintsRealsLikeClick() throws Exception {
        ElementHarness<Script> h = script("");
        assertEquals("17", h.read("add", "10 5 2"));
        assertEquals("3", h.read("sub", "10 5 2"));
        assertEquals("2.5", h.read("div", "10 4"));
        assertEquals("2", h.read("div", "10 5"));
        assertEquals("3", h.read("idiv", "10 3"));
        assertEquals("1", h.read("mod", "7 3"));
        assertEquals("1.5", h.read("rem", "7.5 3"));
        assertEquals("30", h.read("mul", "2 3 5"));
        assertEquals("3.5", h.read("add", "1.5 2"));
        assertEquals("26", h.read("add", "0x10 10"));
        assertEquals("-4", h.read("neg", "4"));
        assertEquals("2.5", h.read("abs", "-2.5"));
        assertEquals("1", h.read("min", "5 1 3"));
        assertEquals("5", h.read("max", "5 1 3"));
        assertEquals("0.333333333333", h.read("div", "1 3"));
        assertEquals("1e-05", h.read("div", "1 100000"));
        assertEquals("1.23456789012e+15", h.read("mul", "1234567890123.456 1000"));
        HandlerException e = assertThrows(HandlerException.class, () -> h.read("add", "1 two"));
        assertEquals("expected a number, got \"two\"", e.getMessage());
        assertThrows(HandlerException.class, () -> h.read("mod", "7.5 2"));
    }

    @Test
    void comparisonsBooleansAndStringHelpers() throws Exception {
        ElementHarness<Script> h = script("");
        assertEquals("true", h.read("eq", "10 0xA"));
        assertEquals("false", h.read("le", "9 8"));
        assertEquals("true", h.read("lt", "2.5 10"));
        assertEquals("true", h.read("eq", "10x 10x"));
        assertEquals("true", h.read("lt", "abc abd"));
        assertEquals("false", h.read("not", "true"));
        assertEquals("true", h.read("and", "true yes 1"));
        assertEquals("true", h.read("or", "false 0 on"));
        assertEquals("b", h.read("if", "false a b"));
        assertEquals("true", h.read("in", "foo bar foo"));
        assertEquals("0007f", h.read("sprintf", "\"%05x\" 127"));
        assertEquals("x=  42 y=ab 1.50", h.read("sprintf", "\"x=%4d y=%s %.2f\" 42 ab 1.5"));
        assertEquals("6", h.read("length", "abcdef"));
        assertEquals("a b", h.read("unquote", "\"a b\""));
        assertEquals("one", h.read("first", "one two"));
        HandlerException e = assertThrows(HandlerException.class, () -> h.read("if", "true a"));
        assertEquals("if expects a condition and two values, got 2 arguments", e.getMessage());
    }

    @Test
    void readLogsTheHandlerNameAndValueAndWriteCallsTheHandler() throws Exception {
        Knob knob = new Knob();
        ElementHarness<Script> h = ElementHarness.of(new Script()).withElement("k", knob)
                .configure("read k.value, write k.value 42 43, read k.value, read k.lines");
        h.advance(0);
        assertEquals(List.of("k.value:\n7", "k.value:\n42 43", "k.lines:\none"), h.messages());
        assertEquals(List.of("42 43"), knob.writes);
    }

    @Test
    void handlerNamesInsideACompoundAreLookedUpThereFirst() throws Exception {
        Knob inner = new Knob();
        inner.value = "inner";
        Knob outer = new Knob();
        outer.value = "outer";
        ElementHarness<Script> h = ElementHarness.of(new Script()).named("a/b/s")
                .withElement("a/k", inner).withElement("k", outer).withElement("top", new Knob())
                .configure("print $(k.value), read k.value, write k.value x, print $(top.value), print $(a/k.value)");
        h.advance(0);
        assertEquals(List.of("inner", "a/k.value:\ninner", "7", "x"), h.messages());
        assertEquals(List.of("x"), inner.writes);
        assertTrue(outer.writes.isEmpty());
    }

    @Test
    void failedWriteSetsStatusAndIsLogged() throws Exception {
        ElementHarness<Script> h = script("write k.value 1, print \"ok=$?\", write k.fail x, print \"failed=$?\"");
        h.advance(0);
        assertEquals(List.of("ok=0", "script :: Script: write k.fail: refused \"x\"", "failed=-1"), h.messages());
    }

    @Test
    void quotingFormsKeepOrRemoveQuotes() throws Exception {
        ElementHarness<Script> h = script("set a $(k.value), set b \"$(k.value)\", setq c \"$(k.value)\", "
                + "print \"[$a] [$b] [$c]\", print '$a', printq k.value");
        h.advance(0);
        assertEquals(List.of("[7] [\"7\"] [7]", "$a", "7"), h.messages());
    }

    @Test
    void unknownVariablesAndFailingHandlersStayAsWritten() throws Exception {
        ElementHarness<Script> h = script("print \"$nosuch ${x} $(k.nosuch)\", set x 1");
        h.advance(0);
        assertEquals(2, h.messages().size());
        assertEquals("script :: Script: $(k.nosuch): no handler 'nosuch' on k", h.messages().get(0));
        assertEquals("$nosuch  $(k.nosuch)", h.messages().get(1), "a declared but unset variable is empty");
    }

    @Test
    void pauseWaitsForStepsAndStepSkipsAWait() throws Exception {
        ElementHarness<Script> h = script("print \"1\", pause 2, print \"2\", wait 100, print \"3\"");
        h.advance(0);
        assertEquals(List.of("1"), h.messages());
        h.write("step", "");
        assertEquals(1, h.messages().size());
        h.write("step", "");
        assertEquals(List.of("1", "2"), h.messages());
        h.write("step", "1");
        assertEquals(List.of("1", "2", "3"), h.messages());
        assertThrows(HandlerException.class, () -> h.write("step", "x"));
    }

    @Test
    void gotoHandlerJumpsToALabel() throws Exception {
        ElementHarness<Script> h = script("pause, print \"a\", label there, print \"b\"");
        h.advance(0);
        h.write("goto", "there");
        assertEquals(List.of("b"), h.messages());
        HandlerException e = assertThrows(HandlerException.class, () -> h.write("goto", "nowhere"));
        assertEquals("no such label 'nowhere'", e.getMessage());
    }

    @Test
    void passiveScriptRunsOnlyThroughRunAndReturnsAValueFromItsArguments() throws Exception {
        ElementHarness<Script> h = script("TYPE PASSIVE, return $(add $1 $2 $#), print \"not reached\"");
        h.advance(SECOND);
        assertTrue(h.messages().isEmpty());
        assertEquals("7", h.read("run", "2 3"));
        assertEquals("16", h.read("run", "10 3 0"));
        assertTrue(h.messages().isEmpty());
    }

    @Test
    void errorInstructionFailsTheRunHandler() throws Exception {
        ElementHarness<Script> h = script("TYPE PASSIVE, goto bad $(lt $1 0), return ok, label bad, errorq \"negative $1\"");
        assertEquals("ok", h.read("run", "1"));
        HandlerException e = assertThrows(HandlerException.class, () -> h.read("run", "-1"));
        assertEquals("negative -1", e.getMessage());
    }

    @Test
    void initAndExportRunOnceAndExportsAreHandlers() throws Exception {
        ElementHarness<Script> h = script("init n 5, export shown $(add 1 1), set n $(add $n 1), print $n, loop");
        assertEquals("2", h.read("shown"));
        h.advance(0);
        // the loop runs until the jump limit: n counts up from 5, never re-initialised
        assertEquals("6", h.messages().get(0));
        assertEquals("7", h.messages().get(1));
        assertEquals("script :: Script: too many jumps without waiting, giving up", h.messages().get(h.messages().size() - 1));
        assertEquals(1002, h.messages().size());
    }

    @Test
    void printWritesOrAppendsToFiles(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("out.txt");
        ElementHarness<Script> h = script("print >" + f + " \"first\", print >>" + f + " \"second\", printn >>" + f + " k.value");
        h.advance(0);
        assertEquals("first\nsecond\n7", Files.readString(f));
        assertTrue(h.messages().isEmpty());
    }

    @Test
    void aScriptCannotRestartOrStepItselfFromItsOwnInstructions() throws Exception {
        Script s = new Script();
        ElementHarness<Script> h = ElementHarness.of(s).withElement("me", s)
                .configure("write me.run, write me.step, print \"after\"");
        h.advance(0);
        assertEquals(List.of(
                "script :: Script: write me.run: the script cannot call its own 'run' handler while it runs",
                "script :: Script: write me.step: the script cannot call its own 'step' handler while it runs",
                "after"), h.messages());
    }

    @Test
    void liveReconfigurationStartsTheNewScriptAfresh() throws Exception {
        ElementHarness<Script> h = script("set x 1, print \"old $x\", wait 10");
        h.advance(0);
        h.element().configure(new click.api.Args("print \"new $x\""));
        h.advance(0);
        assertEquals(List.of("old 1", "new $x"), h.messages());
        h.advance(20 * SECOND);
        assertEquals(2, h.messages().size(), "the old script's wait was cancelled");
    }

    @Test
    void gotoSpecialLabelsEndOrStop() throws Exception {
        ElementHarness<Script> h = script("goto stop $(eq 1 1), print \"not reached\"");
        h.advance(0);
        assertTrue(h.stopRequested());
        assertTrue(h.messages().isEmpty());
        ElementHarness<Script> h2 = script("goto end, print \"not reached\"");
        h2.advance(0);
        assertFalse(h2.stopRequested());
        assertTrue(h2.messages().isEmpty());
    }

    @Test
    void badConditionIsLoggedAndDoesNotJump() throws Exception {
        ElementHarness<Script> h = script("goto end maybe, print \"reached\"");
        h.advance(0);
        assertEquals(List.of("script :: Script: bad condition 'maybe' in \"goto end maybe\"", "reached"), h.messages());
    }

    @Test
    void driverManagerStopsTheRouterWhenItsScriptEnds() throws Exception {
        ElementHarness<DriverManager> h = ElementHarness.of(new DriverManager()).configure("wait 1, print \"done\"");
        h.advance(0);
        assertFalse(h.stopRequested());
        h.advance(SECOND);
        assertEquals(List.of("done"), h.messages());
        assertTrue(h.stopRequested());
        assertEquals("DriverManager", h.element().className());
    }

    @Test
    void emptyDriverManagerWaitsForAStep() throws Exception {
        ElementHarness<DriverManager> h = ElementHarness.of(new DriverManager()).configure("");
        h.advance(10 * SECOND);
        assertFalse(h.stopRequested());
        h.write("step", "router");
        assertTrue(h.stopRequested());
    }

    @Test
    void configurationErrorsAreCollectedWithClearMessages() {
        ConfigException e = assertThrows(ConfigException.class, () -> script(
                "TYPE SIGNAL INT, jump x, goto nowhere, wait soon, set x, label a b, pause many, stop now"));
        assertEquals(List.of(
                "expected ACTIVE, PASSIVE or DRIVER for TYPE, got \"SIGNAL INT\" (SIGNAL scripts are not supported)",
                "unknown instruction 'jump' in \"jump x\"",
                "'wait' expects a time (like 1, 0.5s, 200ms), got \"soon\"",
                "'set' expects a variable name and a value, got \"set x\"",
                "'label' expects one word, got \"label a b\"",
                "'pause' expects a step count, got \"many\"",
                "'stop' takes no argument, got \"stop now\"",
                "no such label 'nowhere' in \"goto nowhere\""), e.messages());
    }
}

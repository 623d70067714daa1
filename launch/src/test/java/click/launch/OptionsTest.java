package click.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.launch.Options.UsageException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {
    private static Options parse(String... args) throws UsageException {
        return Options.parse(List.of(args));
    }

    @Test
    void noArgumentsMeansNoConfigurationNoThreadCountAndWarnings() throws UsageException {
        Options o = parse();
        assertFalse(o.hasConfiguration());
        assertEquals(0, o.threads());
        assertTrue(o.warnings());
        assertTrue(o.handlers().isEmpty());
        assertTrue(o.variables().isEmpty());
    }

    @Test
    void bareArgumentIsTheConfigurationFile() throws UsageException {
        Options o = parse("router.click");
        assertEquals("router.click", o.file());
        assertNull(o.expression());
    }

    @Test
    void expressionKeepsItsTextVerbatim() throws UsageException {
        String config = "InfiniteSource(LIMIT 1000, STOP true) -> c :: Counter -> Discard";
        assertEquals(config, parse("-e", config).expression());
        assertEquals(config, parse("--expression", config).expression());
        assertEquals(config, parse("--expression=" + config).expression());
    }

    @Test
    void handlersAreRepeatableInEveryForm() throws UsageException {
        Options o = parse("-h", "a.count", "-hb.count", "--handler", "c.rate", "--handler=d.drops");
        assertEquals(List.of("a.count", "b.count", "c.rate", "d.drops"), o.handlers());
    }

    @Test
    void variablesMayComeBeforeOrAfterTheFileAndKeepEqualsSignsInValues() throws UsageException {
        Options o = parse("DUR=1", "bench.click", "WARMUP=0", "EXPR=a=b");
        assertEquals("bench.click", o.file());
        assertEquals(Map.of("DUR", "1", "WARMUP", "0", "EXPR", "a=b"), o.variables());
        assertEquals(List.of("DUR", "WARMUP", "EXPR"), List.copyOf(o.variables().keySet()));
    }

    @Test
    void argumentWithEqualsButNoValidNameIsAFile() throws UsageException {
        assertEquals("conf/a=b.click", parse("conf/a=b.click").file());
    }

    @Test
    void threadsQuitOutputAndNoWarnings() throws UsageException {
        Options o = parse("-j", "2", "-q", "-o", "flat.click", "-w", "-e", "Idle");
        assertEquals(2, o.threads());
        assertTrue(o.checkOnly());
        assertEquals("flat.click", o.output());
        assertFalse(o.warnings());
        assertEquals(4, parse("-j4").threads());
        assertEquals(3, parse("--threads=3").threads());
    }

    @Test
    void shortFlagsCombine() throws UsageException {
        Options o = parse("-qw", "x.click");
        assertTrue(o.checkOnly());
        assertFalse(o.warnings());
    }

    @Test
    void doubleDashEndsOptions() throws UsageException {
        assertEquals("-odd.click", parse("--", "-odd.click").file());
    }

    @Test
    void singleDashIsStandardInput() throws UsageException {
        assertEquals("-", parse("-").file());
    }

    @Test
    void helpVersionAndShell() throws UsageException {
        assertTrue(parse("--help").help());
        assertTrue(parse("-v").version());
        assertTrue(parse("--version").version());
        assertTrue(parse("--shell", "x.click").shell());
    }

    @Test
    void shellTakesCommandsWhenTheNextArgumentIsNotARouterFileOrAVariable() throws UsageException {
        Options withFile = parse("--shell", "x.click");
        assertNull(withFile.shellCommands());
        assertEquals("x.click", withFile.file());
        Options scripted = parse("x.click", "--shell", "click:routers; click:tasks");
        assertEquals("click:routers; click:tasks", scripted.shellCommands());
        assertEquals("x.click", scripted.file());
        assertEquals("lb", parse("--shell=lb").shellCommands());
        assertEquals("click:classes", parse("--shell", "click:classes").shellCommands());
        Options variable = parse("--shell", "N=3");
        assertNull(variable.shellCommands());
        assertEquals("3", variable.variables().get("N"));
        assertNull(parse("--shell", "-j", "2").shellCommands());
    }

    @Test
    void twoConfigurationsAreRejected() {
        UsageException e = assertThrows(UsageException.class, () -> parse("a.click", "-e", "Idle"));
        assertEquals("router configuration specified twice", e.getMessage());
    }

    @Test
    void unknownOptionIsNamed() {
        assertEquals("unrecognized option '-z'", assertThrows(UsageException.class, () -> parse("-z")).getMessage());
        assertEquals("unrecognized option '--frobnicate'",
                assertThrows(UsageException.class, () -> parse("--frobnicate")).getMessage());
    }

    @Test
    void missingOptionValueIsNamed() {
        assertEquals("option '-h' requires an argument",
                assertThrows(UsageException.class, () -> parse("-h")).getMessage());
    }

    @Test
    void threadCountMustBePositive() {
        assertEquals("-j expects a positive number of threads, got 'two'",
                assertThrows(UsageException.class, () -> parse("-j", "two")).getMessage());
        assertThrows(UsageException.class, () -> parse("-j", "0"));
    }

    @Test
    void flagsRejectAttachedValues() {
        assertEquals("option '--quit' takes no argument",
                assertThrows(UsageException.class, () -> parse("--quit=yes")).getMessage());
    }

    @Test
    void secondOutputIsRejected() {
        assertThrows(UsageException.class, () -> parse("-o", "a", "-o", "b"));
    }
}

package click.elements.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ConfigException;
import click.api.Element;
import click.testing.ElementHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad configurations give one clear message per problem. */
class RewriterConfigTest {
    private static List<String> problems(Element e, int inputs, int outputs, String config) {
        ConfigException ex = assertThrows(ConfigException.class,
                () -> ElementHarness.of(e).inputs(inputs).outputs(outputs).configure(config));
        return ex.messages();
    }

    private static void assertProblem(List<String> problems, String expected) {
        assertTrue(problems.stream().anyMatch(m -> m.contains(expected)), "no message with \"" + expected + "\" in " + problems);
    }

    @Test
    void oneInputSpecPerInputIsRequired() {
        assertProblem(problems(new IPRewriter(), 2, 2, "drop"), "expected 2 input specs (one per input port), got 1");
    }

    @Test
    void patternFieldsAreCheckedWithTheFieldNamed() {
        assertProblem(problems(new IPRewriter(), 1, 2, "pattern 192.0.2.300 1024-65535 - - 0 1"),
                "input spec 0: bad source address \"192.0.2.300\"");
        assertProblem(problems(new IPRewriter(), 1, 2, "pattern 192.0.2.1 70000 - - 0 1"),
                "bad source port \"70000\"");
        assertProblem(problems(new IPRewriter(), 1, 2, "pattern 192.0.2.1 2000-1000 - - 0 1"),
                "bad source port range \"2000-1000\" (end below start)");
        assertProblem(problems(new IPRewriter(), 1, 2, "pattern 192.0.2.1 1024-65535 - x 0 1"),
                "bad destination port \"x\"");
        assertProblem(problems(new IPRewriter(), 1, 2, "pattern 192.0.2.1 1024 - 0 1"),
                "expected 'pattern SADDR SPORT DADDR DPORT FOUTPUT ROUTPUT'");
    }

    @Test
    void outputsMustExist() {
        assertProblem(problems(new IPRewriter(), 1, 2, "pattern 192.0.2.1 1024-65535 - - 0 2"),
                "input spec 0: reply output 2 out of range (the element has 2 outputs)");
        assertProblem(problems(new IPRewriter(), 1, 1, "pass 3"), "output 3 out of range (the element has 1 output)");
        assertProblem(problems(new IPRewriter(), 1, 2, "keep 0"), "expected 'keep FOUTPUT ROUTPUT'");
    }

    @Test
    void unknownSpecsAndKeywordsAreNamed() {
        assertProblem(problems(new IPRewriter(), 1, 1, "rewrite everything"), "unknown input spec \"rewrite everything\"");
        assertProblem(problems(new IPRewriter(), 1, 1, "drop, TCP_TIMOUT 5"), "unknown keyword TCP_TIMOUT");
        assertProblem(problems(new IPRewriter(), 1, 1, "drop, UDP_TIMEOUT soon"), "expected a time");
        assertProblem(problems(new IPRewriter(), 1, 1, "drop, MAPPING_CAPACITY 0"), "MAPPING_CAPACITY");
        assertProblem(problems(new IPRewriter(), 1, 1, "drop extra"), "'drop' takes no arguments");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        List<String> p = problems(new IPRewriter(), 2, 2, "pattern 1.2.3.999 1 - - 0 1, keep 0 9, BOGUS 1");
        assertEquals(3, p.size(), p.toString());
    }

    @Test
    void patternFormsMustSuitTheRewriter() {
        assertProblem(problems(new IPAddrRewriter(), 1, 2, "pattern 192.0.2.1 1024-65535 - - 0 1"),
                "expected a pattern 'SADDR -'");
        assertProblem(problems(new IPAddrRewriter(), 1, 2, "pattern 192.0.2.1 10.0.0.1 0 1"),
                "expected a pattern 'SADDR -'");
        assertProblem(problems(new ICMPPingRewriter(), 1, 2, "pattern 192.0.2.1 1024-65535 - 7 0 1"),
                "expected a pattern 'SADDR SPORT DADDR -'");
        assertProblem(problems(new IPRewriter(), 1, 2, "pattern 192.0.2.1 - 0 1"),
                "expected a pattern 'SADDR SPORT DADDR DPORT'");
        assertProblem(problems(new IPAddrRewriter(), 1, 2, "pattern 192.0.2.0/33 - 0 1"), "bad source prefix");
    }

    @Test
    void namedPatternsMustExist() {
        assertProblem(problems(new IPRewriter(), 1, 2, "pattern nosuch 0 1"),
                "input spec 0: no pattern named 'nosuch' (define it in an IPRewriterPatterns element)");
    }

    @Test
    void icmpRewriterNeedsRewriters() throws Exception {
        ConfigException ex = assertThrows(ConfigException.class,
                () -> ElementHarness.of(new ICMPRewriter()).configure("nosuch"));
        assertTrue(ex.getMessage().contains("MAPS: no element named 'nosuch'"), ex.getMessage());
        ex = assertThrows(ConfigException.class, () -> ElementHarness.of(new ICMPRewriter()).configure(""));
        assertTrue(ex.getMessage().contains("MAPS"), ex.getMessage());
        IPRewriterPatterns notARewriter = new IPRewriterPatterns();
        ex = assertThrows(ConfigException.class,
                () -> ElementHarness.of(new ICMPRewriter()).withElement("p", notARewriter).configure("p"));
        assertTrue(ex.getMessage().contains("'p' is a IPRewriterPatterns, not an IP rewriter"), ex.getMessage());
    }
}

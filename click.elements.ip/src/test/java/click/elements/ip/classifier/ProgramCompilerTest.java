package click.elements.ip.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgramCompilerTest {
    private static Program compile(String... patterns) throws PatternException {
        List<ProgramCompiler.Rule> rules = new ArrayList<>();
        for (int i = 0; i < patterns.length; i++) {
            rules.add(new ProgramCompiler.Rule(PatternParser.parse(patterns[i]), i));
        }
        return ProgramCompiler.compile(rules);
    }

    @Test
    void protocolAndFragmentChecksAreNotRepeatedAcrossRules() throws Exception {
        // Naively 3 + 3 + 3 + 1 tests; once "tcp and first fragment" is known, later rules
        // only test their port, and "udp" is known false on every path through the TCP rules.
        Program p = compile("tcp dst port 80", "tcp dst port 443", "tcp dst port 22", "udp");
        assertEquals(6, p.size(), p.describe());
    }

    @Test
    void ruleThatCanNeverMatchCompilesAway() throws Exception {
        assertEquals(1, compile("tcp", "tcp and port 80").size());
        assertEquals("all packets -> drop\n", compile("tcp and udp").describe());
    }

    @Test
    void matchEverythingFirstNeedsNoTests() throws Exception {
        assertEquals("all packets -> output 0\n", compile("-", "tcp").describe());
    }

    @Test
    void listingShowsEachTestAndWhereItsBranchesGo() throws Exception {
        assertEquals("  0  ip[9] == 6  yes -> 1          no -> drop\n"
                   + "  1  ip[8] < 5   yes -> output 0   no -> drop\n",
                compile("tcp and ip ttl < 5").describe());
    }

    @Test
    void nestedConditionsAreLaidOutOnce() throws Exception {
        // Each condition is the condition of the next, and every test reads its own byte (so none
        // decides another): copying conditions would double the program at each level.
        StringBuilder p = new StringBuilder("ip[0] = 1");
        for (int i = 1; i <= 30; i++) {
            p.insert(0, "(").append(" ? ip[").append(i).append("] = 1 : ip[").append(i + 30).append("] = 1)");
        }
        assertEquals(61, compile(p.toString()).size());
    }

    @Test
    void addressTestsAreListedAsAddresses() throws Exception {
        assertEquals("  0  ip[12:4] & 255.0.0.0 == 10.0.0.0  yes -> output 0   no -> drop\n",
                compile("src net 10.0.0.0/8").describe());
    }

    @Test
    void shortPacketTestsStayFalseUnderNegationOfARelation() throws Exception {
        // "port != 53" needs both ports present; "!(port 53)" is true without them.
        assertEquals("((ip[9] == 6 || ip[9] == 17) && ip[6:2] & 0x1fff == 0 && length(transp) >= 4"
                + " && !((transp[0:2] == 53 || transp[2:2] == 53)))", PatternParser.parse("port != 53").toString());
    }
}

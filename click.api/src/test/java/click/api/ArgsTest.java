package click.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import click.api.net.IPAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgsTest {
    @Test
    void positionalThenKeywordArgumentsAreMatchedByPositionAndName() throws ConfigException {
        Args a = new Args("1000, LIMIT 5, ACTIVE false");
        assertEquals(1000, a.positional("CAPACITY").asInt(0));
        assertEquals(5, a.optional("LIMIT").asInt(-1));
        assertEquals(false, a.optional("ACTIVE").asBool(true));
        a.complete();
    }

    @Test
    void aPositionalArgumentMayBeGivenByItsKeyword() throws ConfigException {
        Args a = new Args("DATA \\<0a 0B>, LIMIT 2");
        assertArrayEquals(new byte[] {10, 11}, a.requiredPositional("DATA").asBytes(null));
        assertEquals(2, a.positional("LIMIT").asInt(0));
        a.complete();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Args a = new Args("x, BRUST 3, extra");
        a.positional("CAPACITY").asInt(1000, 1, Integer.MAX_VALUE);
        ConfigException e = assertThrows(ConfigException.class, a::complete);
        assertEquals(List.of("expected an integer >= 1 for CAPACITY, got \"x\"", "unknown keyword BRUST",
                "too many arguments: \"extra\" was not expected"), e.messages());
    }

    @Test
    void rangeCheckedIntegersGiveOneMessageForNonNumbers() {
        Args a = new Args("BURST many");
        a.optional("BURST").asInt(1, 1, 64);
        ConfigException e = assertThrows(ConfigException.class, a::complete);
        assertEquals(List.of("expected an integer from 1 to 64 for BURST, got \"many\""), e.messages());
    }

    @Test
    void splittingRespectsQuotesBracketsHexDataAndComments() {
        assertEquals(List.of("print \"a, b\"", "f(1, 2)", "\\<00, 01>", "x"),
                ConfigText.split("print \"a, b\", f(1, 2), \\<00, 01>, // comment\n x"));
        assertEquals(List.of(), ConfigText.split("  "));
    }

    @Test
    void typedReadersParseClickNotation() throws ConfigException {
        Args a = new Args("T 1.5ms, B 10Mbps, A 192.0.2.1, P 198.51.100.0/24, E 00:11:22:33:44:55, H 0x10");
        assertEquals(1_500_000L, a.optional("T").asTimeNanos(0));
        assertEquals(1_250_000.0, a.optional("B").asBandwidth(0));
        assertEquals(IPAddress.parse("192.0.2.1"), a.optional("A").asIPv4(0));
        assertEquals(24, a.optional("P").asIPv4Prefix(null).length());
        assertEquals(0x001122334455L, a.optional("E").asEther(0));
        assertEquals(16, a.optional("H").asInt(0));
        a.complete();
    }

    @Test
    void unquoteProcessesEscapesAndHexData() {
        assertEquals("a\nb", ConfigText.unquote("\"a\\nb\""));
        assertArrayEquals(new byte[] {'h', 'i', 1, 2}, ConfigText.unquoteBytes("\"hi\"\\<0102>"));
        assertThrows(IllegalArgumentException.class, () -> ConfigText.unquoteBytes("\\<0>"));
    }
}

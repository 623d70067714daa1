package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ConfigException;
import click.api.Packet;
import click.testing.ElementHarness;
import click.testing.PacketBuilder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ClassifierTest {
    private static final String FIGURE_2 = "12/0806 20/0001, 12/0806 20/0002, 12/0800, -";

    /** A 42-byte Ethernet frame of EtherType {@code type}, with {@code opcode} at bytes 20-21. */
    private static Packet frame(int type, int opcode) {
        Packet p = Packet.make(42);
        p.setU16(12, type);
        p.setU16(20, opcode);
        return p;
    }

    private static Packet bytes(String hex) {
        return Packet.make(HexFormat.of().parseHex(hex));
    }

    private static ElementHarness<Classifier> classifier(int outputs, String config) throws ConfigException {
        return ElementHarness.of(new Classifier()).outputs(outputs).configure(config);
    }

    @Test
    void figure2SplitsArpRequestsRepliesIpAndTheRest() throws Exception {
        ElementHarness<Classifier> h = classifier(4, FIGURE_2);
        h.push(0, frame(0x0806, 1));
        h.push(0, frame(0x0806, 2));
        h.push(0, frame(0x0806, 3));
        h.push(0, PacketBuilder.udp().ether("02:00:00:00:00:02", "02:00:00:00:00:01").build());
        h.push(0, frame(0x86DD, 0));
        assertEquals(1, h.output(0).size(), "ARP request");
        assertEquals(1, h.output(1).size(), "ARP reply");
        assertEquals(1, h.output(2).size(), "IP");
        assertEquals(2, h.output(3).size(), "ARP of another opcode, and IPv6");
        assertEquals(3, h.output(3).get(0).u16(20));
        assertEquals("0", h.read("drops"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void packetsMatchingNoPatternAreKilledAndCounted() throws Exception {
        ElementHarness<Classifier> h = classifier(2, "12/0800, 12/0806");
        h.push(0, frame(0x86DD, 0));
        h.push(0, frame(0x0800, 0));
        assertEquals(1, h.output(0).size());
        assertEquals(0, h.output(1).size());
        assertEquals("1", h.read("drops"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void firstMatchingPatternWinsWhenSeveralMatch() throws Exception {
        ElementHarness<Classifier> h = classifier(2, "0/01, 0/01 1/02");
        h.push(0, bytes("0102"));
        assertEquals(1, h.output(0).size());
        assertEquals(0, h.output(1).size());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void maskComparesOnlyTheBitsSetInIt() throws Exception {
        // IPv4 with any header length: the high nibble of byte 0 is 4.
        ElementHarness<Classifier> h = classifier(2, "0/40%f0, -");
        h.push(0, bytes("45"));
        h.push(0, bytes("4f"));
        h.push(0, bytes("60"));
        assertEquals(2, h.output(0).size());
        assertEquals(1, h.output(1).size());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void questionMarkDigitsMatchAnyNibble() throws Exception {
        ElementHarness<Classifier> h = classifier(2, "0/4?00, -");
        h.push(0, bytes("4500"));
        h.push(0, bytes("4f00"));
        h.push(0, bytes("4501"));
        assertEquals(2, h.output(0).size());
        assertEquals(1, h.output(1).size());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void negatedClauseMustNotMatch() throws Exception {
        ElementHarness<Classifier> h = classifier(2, "12/0806 !20/0001, -");
        h.push(0, frame(0x0806, 1));
        h.push(0, frame(0x0806, 2));
        h.push(0, frame(0x0800, 2));
        assertEquals(1, h.output(0).size());
        assertEquals(2, h.output(0).get(0).u16(20));
        assertEquals(2, h.output(1).size());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void separateBangNegatesTheNextClause() throws Exception {
        ElementHarness<Classifier> h = classifier(2, "! 12/0800, -");
        h.push(0, frame(0x0806, 0));
        h.push(0, frame(0x0800, 0));
        assertEquals(1, h.output(0).size());
        assertEquals(0x0806, h.output(0).get(0).u16(12));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void valuesLongerThanAWordCompareEveryByte() throws Exception {
        ElementHarness<Classifier> h = classifier(2, "2/0a0b0c0d0e0f, -");
        h.push(0, bytes("00000a0b0c0d0e0f"));
        h.push(0, bytes("00000a0b0c0d0e00"));
        assertEquals(1, h.output(0).size());
        assertEquals(1, h.output(1).size());
        assertTrue(h.read("program").startsWith("0: 2/0a0b0c0d0e0f -> (2/0a0b0c0d%ffffffff 6/0e0f%ffff)"),
                h.read("program"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void packetsTooShortForAPatternDoNotMatchIt() throws Exception {
        ElementHarness<Classifier> h = classifier(3, "12/0800, !12/0800, -");
        h.push(0, bytes("000000000000000000000000")); // 12 bytes: no EtherType at all
        h.push(0, bytes("0000000000000000000000000806"));
        h.push(0, bytes("00000000000000000000000008")); // 13 bytes: half an EtherType
        assertEquals(0, h.output(0).size());
        assertEquals(1, h.output(1).size());
        assertEquals(2, h.output(2).size());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void oddLengthClausesNearTheEndOfAPacketAreReadByteByByte() throws Exception {
        ElementHarness<Classifier> h = classifier(2, "1/aabbcc, -");
        h.push(0, bytes("00aabbcc"));
        h.push(0, bytes("00aabbcd"));
        assertEquals(1, h.output(0).size());
        assertEquals(1, h.output(1).size());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void dashMatchesEveryPacketIncludingEmptyOnes() throws Exception {
        ElementHarness<Classifier> h = classifier(1, "-");
        h.push(0, Packet.make(0));
        assertEquals(1, h.output(0).size());
        assertEquals("0: - -> any\n", h.read("program"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void patternCountMustEqualOutputCount() {
        ConfigException e = assertThrows(ConfigException.class, () -> classifier(2, FIGURE_2));
        assertEquals("expected one pattern per output: 4 patterns for 2 outputs", e.getMessage());
    }

    @Test
    void badPatternsAreReportedTogetherWithWhatWasWrong() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> classifier(6, "12/080, x/08, 12/0800%ff, 12/08g0, 12-0800, 0/01%0?"));
        assertEquals(java.util.List.of(
                "pattern 0 (\"12/080\"): value \"080\" has an odd number of hex digits",
                "pattern 1 (\"x/08\"): expected a decimal offset, got \"x\" in \"x/08\"",
                "pattern 2 (\"12/0800%ff\"): mask \"ff\" must have as many hex digits as value \"0800\"",
                "pattern 3 (\"12/08g0\"): bad hex digit 'g' in value \"08g0\"",
                "pattern 4 (\"12-0800\"): expected OFFSET/VALUE[%MASK], got \"12-0800\"",
                "pattern 5 (\"0/01%0?\"): bad hex digit '?' in mask \"0?\""), e.messages());
    }

    @Test
    void emptyPatternsAndDanglingBangsAreErrors() {
        ConfigException e = assertThrows(ConfigException.class, () -> classifier(2, ", 12/0800 !"));
        assertEquals(java.util.List.of("pattern 0 is empty; use - to match every packet",
                "pattern 1 (\"12/0800 !\"): '!' must be followed by a clause"), e.messages());
        ConfigException none = assertThrows(ConfigException.class, () -> classifier(0, ""));
        assertEquals("expected at least one pattern", none.getMessage());
    }
}

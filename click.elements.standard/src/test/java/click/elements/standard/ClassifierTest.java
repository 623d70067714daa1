package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import click.api.ConfigException;
import click.api.Packet;
import click.testing.ElementHarness;
import click.testing.PacketBuilder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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

    /**
     * Pushes each hex packet through a Classifier with {@code outputs} outputs configured with
     * {@code config}; returns the output each one left by (-1 when dropped), after checking leaks.
     */
    private static List<Integer> routes(int outputs, String config, String... hexPackets) throws ConfigException {
        ElementHarness<Classifier> h = classifier(outputs, config);
        List<Integer> routes = new ArrayList<>();
        for (String hex : hexPackets) {
            h.push(0, bytes(hex));
            int out = -1;
            for (int i = 0; i < outputs; i++) {
                if (!h.output(i).isEmpty()) {
                    out = i;
                }
            }
            routes.add(out);
            h.clearOutputs();
        }
        h.assertNoLeaks();
        return routes;
    }

    @Test
    void firstMatchingPatternWinsWhenSeveralMatch() throws Exception {
        assertEquals(List.of(0, -1), routes(2, "0/01, 0/01 1/02", "0102", "0002"));
    }

    @Test
    void patternsSharingAFirstClauseAreSkippedTogetherOnlyWhenThatClauseFails() throws Exception {
        assertEquals(List.of(2, 0, 1, 3), routes(4, "0/01 1/0a, 0/01 1/0b, 0/02, -", "020b", "010a", "010b", "01"));
        // a pattern passed over because the packet is too short does not take its neighbours with it
        assertEquals(List.of(1), routes(3, "0/01 5/ff, 0/01, -", "01"));
    }

    @Test
    void maskComparesOnlyTheBitsSetInIt() throws Exception {
        // IPv4 with any header length: the high nibble of byte 0 is 4.
        assertEquals(List.of(0, 0, 1), routes(2, "0/40%f0, -", "45", "4f", "60"));
    }

    @Test
    void questionMarkDigitsMatchAnyNibble() throws Exception {
        assertEquals(List.of(0, 0, 1), routes(2, "0/4?00, -", "4500", "4f00", "4501"));
    }

    @Test
    void negatedClauseMustNotMatch() throws Exception {
        String arp = "000000000000000000000000" + "0806" + "000000000000"; // opcode follows at byte 20
        assertEquals(List.of(1, 0, 1), routes(2, "12/0806 !20/0001, -",
                arp + "0001", arp + "0002", arp.replace("0806", "0800") + "0002"));
        assertEquals(List.of(0, 1), routes(2, "! 12/0806, -", arp.replace("0806", "0800"), arp),
                "a separate ! negates the next clause");
    }

    @Test
    void valuesLongerThanAWordCompareEveryByte() throws Exception {
        assertEquals(List.of(0, 1), routes(2, "2/0a0b0c0d0e0f, -", "00000a0b0c0d0e0f", "00000a0b0c0d0e00"));
        ElementHarness<Classifier> h = classifier(2, "2/0a0b0c0d0e0f, -");
        assertEquals("0: 2/0a0b0c0d0e0f -> (2/0a0b0c0d%ffffffff 6/0e0f%ffff)\n1: - -> any\n", h.read("program"));
    }

    @Test
    void packetsTooShortForAPatternDoNotMatchIt() throws Exception {
        assertEquals(List.of(2, 1, 2), routes(3, "12/0800, !12/0800, -",
                "000000000000000000000000",          // 12 bytes: no EtherType at all
                "0000000000000000000000000806",
                "00000000000000000000000008"));      // 13 bytes: half an EtherType
    }

    @Test
    void oddLengthClausesNearTheEndOfAPacketAreReadByteByByte() throws Exception {
        assertEquals(List.of(0, 1), routes(2, "1/aabbcc, -", "00aabbcc", "00aabbcd"));
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
        assertEquals(List.of(
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
        assertEquals(List.of("pattern 0 is empty; use - to match every packet",
                "pattern 1 (\"12/0800 !\"): '!' must be followed by a clause"), e.messages());
        ConfigException none = assertThrows(ConfigException.class, () -> classifier(0, ""));
        assertEquals("expected at least one pattern", none.getMessage());
    }
}

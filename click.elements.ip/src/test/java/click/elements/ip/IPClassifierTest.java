package click.elements.ip;

import static click.api.net.Headers.TH_SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.HandlerException;
import click.api.Packet;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

class IPClassifierTest {
    private static Packet syn() {
        return IPv4PacketBuilder.tcp("192.0.2.1", 12345, "203.0.113.5", 80, TH_SYN).packet();
    }

    private static Packet dns() {
        return IPv4PacketBuilder.udp("192.0.2.2", 5353, "198.51.100.1", 53).packet();
    }

    private static Packet ping() {
        return IPv4PacketBuilder.icmp("192.0.2.1", "203.0.113.9", 8, 0).packet();
    }

    @Test
    void firstMatchingPatternChoosesTheOutput() throws Exception {
        ElementHarness<IPClassifier> h = ElementHarness.of(new IPClassifier()).outputs(3)
                .configure("tcp, dst port 80 or udp, -");
        Packet s = syn();
        h.push(0, s).push(0, dns()).push(0, ping());
        assertSame(s, h.output(0).get(0), "tcp wins over the later port 80 pattern");
        assertEquals(1, h.output(0).size());
        assertEquals(1, h.output(1).size());
        assertEquals(1, h.output(2).size());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void packetMatchingNoPatternIsDroppedAndCounted() throws Exception {
        ElementHarness<IPClassifier> h = ElementHarness.of(new IPClassifier()).outputs(2).configure("tcp, udp");
        h.push(0, ping()).push(0, dns());
        assertEquals(0, h.output(0).size());
        assertEquals(1, h.output(1).size());
        assertEquals("1", h.read("drops"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void quotedPatternsAreUnquoted() throws Exception {
        ElementHarness<IPClassifier> h = ElementHarness.of(new IPClassifier()).outputs(2)
                .configure("\"dst port 53\", -");
        h.push(0, dns());
        assertEquals(1, h.output(0).size());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void programHandlerListsTheCompiledTests() throws Exception {
        ElementHarness<IPClassifier> h = ElementHarness.of(new IPClassifier()).outputs(2).configure("tcp, -");
        assertEquals("  0  ip[9] == 6  yes -> output 0   no -> output 1\n", h.read("program"));
    }

    @Test
    void writingAPatternHandlerRecompilesAndKeepsTheOldProgramOnError() throws Exception {
        ElementHarness<IPClassifier> h = ElementHarness.of(new IPClassifier()).outputs(2).configure("tcp, -");
        assertEquals("tcp", h.read("pattern0"));
        h.write("pattern0", "udp");
        assertEquals("udp", h.read("pattern0"));
        assertEquals("udp, -", h.element().configuration());
        h.push(0, dns());
        assertEquals(1, h.output(0).size());

        HandlerException e = assertThrows(HandlerException.class, () -> h.write("pattern0", "udp port"));
        assertEquals("pattern 0: expected a port number after \"port\", got end of pattern", e.getMessage());
        assertEquals("udp", h.read("pattern0"));
        h.push(0, dns());
        assertEquals(2, h.output(0).size());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void headerAnnotationLocatesTheIPHeader() throws Exception {
        ElementHarness<IPClassifier> h = ElementHarness.of(new IPClassifier()).outputs(2)
                .configure("src host 192.0.2.1 and tcp dst port 80, -");
        h.push(0, IPv4PacketBuilder.tcp("192.0.2.1", 1, "203.0.113.5", 80, TH_SYN).annotated(14).packet());
        Packet stripped = IPv4PacketBuilder.tcp("192.0.2.1", 1, "203.0.113.5", 80, TH_SYN).annotated(14).packet();
        stripped.pull(14);   // header annotation still valid after the link header is removed
        h.push(0, stripped);
        assertEquals(2, h.output(0).size());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void patternCountMustEqualOutputCount() {
        Exception e = assertThrows(Exception.class,
                () -> ElementHarness.of(new IPClassifier()).outputs(3).configure("tcp, udp"));
        assertEquals("IPClassifier has 3 outputs, so it needs 3 patterns (one per output), got 2", e.getMessage());
    }

    @Test
    void everyBadPatternIsReported() {
        Exception e = assertThrows(Exception.class,
                () -> ElementHarness.of(new IPClassifier()).outputs(3).configure("tcp, udp port http2, ip ttl 300"));
        assertEquals("pattern 1: expected a port number after \"port\", got \"http2\"; "
                + "pattern 2: value 300 out of range for \"ip ttl\" (0-255)", e.getMessage());
    }

    @Test
    void registeredWithClickNameAndPorts() {
        assertTrue(new IPElements().elementFactories().stream().anyMatch(f -> f.className().equals("IPClassifier")));
        assertEquals("1/-", new IPClassifier().portCountSpec());
        assertEquals("h/h", new IPClassifier().processingSpec());
    }
}

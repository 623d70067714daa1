package click.elements.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Args;
import click.api.Location;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

/** TCPRewriter, UDPRewriter and IPRewriterPatterns: what differs from IPRewriter. */
class RewriterVariantsTest {
    static final long SEC = 1_000_000_000L;

    @Test
    void tcpRewriterTranslatesTcpAndDropsUdp() throws Exception {
        ElementHarness<TCPRewriter> h = ElementHarness.of(new TCPRewriter()).inputs(1).outputs(2)
                .configure("pattern 192.0.2.1 1024-65535 - - 0 1, TIMEOUT 1h");
        h.push(0, TestPackets.tcp("10.0.0.2", 1, "198.51.100.9", 80, TestPackets.SYN, 0));
        h.push(0, TestPackets.udp("10.0.0.2", 1, "198.51.100.9", 53, 0));
        assertEquals(1, h.output(0).size());
        TestPackets.assertChecksumsValid(h.output(0).get(0));
        assertTrue(h.read("drop_details").contains("1\tunsupported"));
        HandlerAssert.fails(h, "add_mapping", "udp 10.0.0.2 1 1.2.3.4 2 => 1.1.1.1 3 1.2.3.4 2 0 1",
                "TCPRewriter does not translate udp");
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void udpRewriterTreatsTcpLikeUdpWithoutFinTracking() throws Exception {
        ElementHarness<UDPRewriter> h = ElementHarness.of(new UDPRewriter()).inputs(2).outputs(2)
                .configure("pattern 192.0.2.1 1024-65535 - - 0 1, drop, TIMEOUT 100s, REAP_INTERVAL 1s");
        h.push(0, TestPackets.tcp("10.0.0.2", 1, "198.51.100.9", 80, TestPackets.RST, 0));
        // RST does not end a UDPRewriter mapping: only TIMEOUT does
        IPRewriterTest.assertEmptiedBetween(h, 1, 60 * SEC, 101 * SEC);
    }

    @Test
    void namedPatternsComeFromIPRewriterPatterns() throws Exception {
        ElementHarness<IPRewriter> h = ElementHarness.of(new IPRewriter()).inputs(2).outputs(2);
        IPRewriterPatterns patterns = new IPRewriterPatterns();
        String config = "out 192.0.2.9 3000-3009# - -, Back 192.0.2.9 - - -";
        patterns.attach("pats", new Location("<test>", 1, 1), config, h, new click.api.Input[0], new click.api.Output[0]);
        patterns.configure(new Args(config));
        h.configure("pattern out 0 1, pattern Back 1 0");
        h.push(0, TestPackets.udp("10.0.0.2", 5000, "203.0.113.2", 53, 0));
        assertEquals("192.0.2.9", TestPackets.src(h.output(0).get(0)));
        assertEquals(3000, TestPackets.sport(h.output(0).get(0)));
        assertEquals("192.0.2.9 3000-3009# - - 0 1\n192.0.2.9 - - - 1 0\n", h.read("patterns"));
        h.clearOutputs();
        patterns.cleanup();
        assertEquals(null, IPRewriterPatterns.find(h, "out"));
        h.assertNoLeaks();
    }
}

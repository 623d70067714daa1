package click.elements.nat;

import static click.elements.nat.TestPackets.assertChecksumsValid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Packet;
import click.api.net.IPAddress;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

class ICMPRewriterTest {
    @Test
    void portUnreachableQuotingATranslatedUdpPacketGoesBackToTheInsideHost() throws Exception {
        ElementHarness<IPRewriter> rw = IPRewriterTest.rewriter("pattern 192.0.2.1 20000-20010# - - 0 1, drop");
        rw.push(0, TestPackets.udp("10.0.0.2", 5000, "203.0.113.2", 33434, 12));
        Packet sent = IPRewriterTest.only(rw, 0);
        byte[] quoted = sent.toByteArray(); // the whole datagram, so the quoted UDP checksum can be checked
        sent.kill();

        ElementHarness<ICMPRewriter> h = ElementHarness.of(new ICMPRewriter()).outputs(2)
                .withElement("rw", rw.element()).configure("rw");
        h.push(0, TestPackets.icmpError(3, 3, "203.0.113.2", "192.0.2.1", quoted));
        Packet err = IPRewriterTest.only(h, 0);
        assertEquals("10.0.0.2", TestPackets.dst(err), "the error goes to the inside host");
        assertEquals(IPAddress.parse("10.0.0.2"), err.dstIp());
        int q = 28;
        assertEquals(IPAddress.parse("10.0.0.2"), err.i32(q + 12), "quoted source");
        assertEquals(IPAddress.parse("203.0.113.2"), err.i32(q + 16), "quoted destination");
        assertEquals(5000, err.u16(q + 20), "quoted source port");
        assertEquals(33434, err.u16(q + 22), "quoted destination port");
        assertChecksumsValid(err); // outer IP, ICMP, quoted IP header and quoted UDP checksum
        err.kill();
        assertEquals("1", h.read("rewritten"));
        h.assertNoLeaks();
    }

    @Test
    void timeExceededQuotingOnlyTheFirstEightTcpBytesIsRewritten() throws Exception {
        ElementHarness<IPRewriter> rw = IPRewriterTest.rewriter("pattern 192.0.2.1 20000-20010# - - 0 1, drop");
        rw.push(0, TestPackets.tcp("10.0.0.2", 40000, "198.51.100.9", 80, TestPackets.SYN, 0));
        Packet sent = IPRewriterTest.only(rw, 0);
        byte[] quoted = java.util.Arrays.copyOf(sent.toByteArray(), 28); // IP header + 8 bytes, as routers quote
        sent.kill();

        ElementHarness<ICMPRewriter> h = ElementHarness.of(new ICMPRewriter()).outputs(2)
                .withElement("rw", rw.element()).configure("rw:0");
        h.push(0, TestPackets.icmpError(11, 0, "198.18.0.1", "192.0.2.1", quoted));
        Packet err = IPRewriterTest.only(h, 1); // rw:0 -> output 0 + the reply mapping's output 1
        assertEquals("10.0.0.2", TestPackets.dst(err));
        assertEquals(40000, err.u16(28 + 20));
        assertChecksumsValid(err);
        err.kill();
        h.assertNoLeaks();
    }

    @Test
    void errorQuotingATranslatedPingIsRewritten() throws Exception {
        ElementHarness<ICMPPingRewriter> ping = ICMPPingRewriterTest.pinger();
        ping.push(0, TestPackets.icmpEcho("10.0.0.2", "203.0.113.2", 8, 4242, 1));
        ping.push(0, TestPackets.icmpEcho("10.0.0.3", "203.0.113.2", 8, 4242, 1));
        Packet sent = ping.take(0).get(1);
        int external = TestPackets.icmpIdent(sent);
        byte[] quoted = sent.toByteArray();
        sent.kill();
        ping.clearOutputs();

        ElementHarness<IPRewriter> other = IPRewriterTest.rewriter("drop, drop");
        ElementHarness<ICMPRewriter> h = ElementHarness.of(new ICMPRewriter()).withElement("rw", other.element())
                .withElement("ping", ping.element()).configure("rw ping");
        h.push(0, TestPackets.icmpError(11, 0, "198.18.0.1", "192.0.2.1", quoted));
        Packet err = IPRewriterTest.only(h, 0);
        assertEquals("10.0.0.3", TestPackets.dst(err));
        assertEquals(4242, err.u16(28 + 24), "quoted identifier " + external + " translated back");
        assertChecksumsValid(err);
        err.kill();
        h.assertNoLeaks();
    }

    @Test
    void errorsAboutUnknownFlowsAndOtherMessagesLeaveOnOutputOne() throws Exception {
        ElementHarness<IPRewriter> rw = IPRewriterTest.rewriter("pattern 192.0.2.1 1024-65535 - - 0 1, drop");
        ElementHarness<ICMPRewriter> h = ElementHarness.of(new ICMPRewriter()).outputs(2)
                .withElement("rw", rw.element()).configure("rw");
        byte[] unknown = TestPackets.udpBytes("192.0.2.1", 7777, "203.0.113.2", 53, 0);
        h.push(0, TestPackets.icmpError(3, 3, "203.0.113.2", "192.0.2.1", unknown));
        h.push(0, TestPackets.icmpEcho("203.0.113.2", "192.0.2.1", 8, 1, 1));
        h.push(0, TestPackets.icmpError(3, 3, "203.0.113.2", "192.0.2.1", new byte[10]));
        assertEquals(3, h.output(1).size());
        String d = h.read("drop_details");
        assertTrue(d.contains("1\tno_mapping") && d.contains("1\tnot_error") && d.contains("1\ttruncated"), d);
        h.clearOutputs();
        ElementHarness<ICMPRewriter> one = ElementHarness.of(new ICMPRewriter()).withElement("rw", rw.element())
                .configure("rw");
        one.push(0, TestPackets.udp("1.2.3.4", 1, "5.6.7.8", 2, 0));
        assertEquals(0, one.output(0).size());
        assertEquals("1", one.read("drops"));
        one.assertNoLeaks();
    }
}

package click.elements.nat;

import static click.elements.nat.TestPackets.assertChecksumsValid;
import static click.elements.nat.TestPackets.dst;
import static click.elements.nat.TestPackets.icmpEcho;
import static click.elements.nat.TestPackets.icmpIdent;
import static click.elements.nat.TestPackets.src;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Packet;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

class ICMPPingRewriterTest {
    static ElementHarness<ICMPPingRewriter> pinger() throws Exception {
        return ElementHarness.of(new ICMPPingRewriter()).inputs(2).outputs(2)
                .configure("pattern 192.0.2.1 1024-65535 - - 0 1, drop, REAP_INTERVAL 1s, TIMEOUT 60s");
    }

    @Test
    void echoRequestIsTranslatedAndItsReplyTranslatedBack() throws Exception {
        ElementHarness<ICMPPingRewriter> h = pinger();
        h.push(0, icmpEcho("10.0.0.2", "203.0.113.2", 8, 4242, 1));
        Packet req = IPRewriterTest.only(h, 0);
        assertEquals("192.0.2.1", src(req));
        assertEquals("203.0.113.2", dst(req));
        assertEquals(4242, icmpIdent(req));
        assertChecksumsValid(req);
        req.kill();
        h.push(1, icmpEcho("203.0.113.2", "192.0.2.1", 0, 4242, 1));
        Packet rep = IPRewriterTest.only(h, 1);
        assertEquals("10.0.0.2", dst(rep));
        assertEquals(4242, icmpIdent(rep));
        assertChecksumsValid(rep);
        rep.kill();
        assertEquals("icmp-echo (10.0.0.2, 4242, 203.0.113.2, 0) => (192.0.2.1, 4242, 203.0.113.2, 0) [0]\n"
                + "icmp-reply (203.0.113.2, 0, 192.0.2.1, 4242) => (203.0.113.2, 0, 10.0.0.2, 4242) [1]\n",
                h.read("table"));
        h.assertNoLeaks();
    }

    @Test
    void twoHostsPingingWithOneIdentifierGetDifferentIdentifiers() throws Exception {
        ElementHarness<ICMPPingRewriter> h = pinger();
        h.push(0, icmpEcho("10.0.0.2", "203.0.113.2", 8, 4242, 1));
        h.push(0, icmpEcho("10.0.0.3", "203.0.113.2", 8, 4242, 1));
        int a = icmpIdent(h.output(0).get(0));
        int b = icmpIdent(h.output(0).get(1));
        assertNotEquals(a, b);
        assertChecksumsValid(h.output(0).get(1));
        h.clearOutputs();
        h.push(1, icmpEcho("203.0.113.2", "192.0.2.1", 0, b, 9));
        Packet rep = IPRewriterTest.only(h, 1);
        assertEquals("10.0.0.3", dst(rep));
        assertEquals(4242, icmpIdent(rep));
        assertChecksumsValid(rep);
        rep.kill();
        h.assertNoLeaks();
    }

    @Test
    void unexpectedRepliesAndOtherMessagesAreDropped() throws Exception {
        ElementHarness<ICMPPingRewriter> h = ElementHarness.of(new ICMPPingRewriter()).inputs(2).outputs(2)
                .configure("pattern 192.0.2.1 1024-65535 - - 0 1, pattern 192.0.2.1 1024-65535 - - 0 1");
        h.push(1, icmpEcho("203.0.113.2", "192.0.2.1", 0, 77, 1));
        h.push(0, TestPackets.udp("10.0.0.2", 1, "203.0.113.2", 2, 0));
        h.push(0, TestPackets.icmpError(3, 3, "10.0.0.2", "203.0.113.2", new byte[28]));
        assertEquals(0, h.output(0).size() + h.output(1).size());
        String d = h.read("drop_details");
        assertTrue(d.contains("1\tno_mapping") && d.contains("2\tunsupported"), d);
        assertEquals("0", h.read("table_size"));
        h.assertNoLeaks();
    }

    @Test
    void idleEchoMappingsExpire() throws Exception {
        ElementHarness<ICMPPingRewriter> h = pinger();
        h.push(0, icmpEcho("10.0.0.2", "203.0.113.2", 8, 1, 1));
        IPRewriterTest.assertEmptiedBetween(h, 1, 59 * IPRewriterTest.SEC, 61 * IPRewriterTest.SEC);
    }
}

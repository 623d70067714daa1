package click.elements.nat;

import static click.elements.nat.TestPackets.ACK;
import static click.elements.nat.TestPackets.FIN;
import static click.elements.nat.TestPackets.RST;
import static click.elements.nat.TestPackets.SYN;
import static click.elements.nat.TestPackets.assertChecksumsValid;
import static click.elements.nat.TestPackets.dport;
import static click.elements.nat.TestPackets.dst;
import static click.elements.nat.TestPackets.sport;
import static click.elements.nat.TestPackets.src;
import static click.elements.nat.TestPackets.tcp;
import static click.elements.nat.TestPackets.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Packet;
import click.api.net.IPAddress;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

class IPRewriterTest {
    static final long SEC = 1_000_000_000L;
    static final String NAT = "pattern 192.0.2.1 1024-65535 - - 0 1, drop";

    static ElementHarness<IPRewriter> rewriter(String config) throws Exception {
        return ElementHarness.of(new IPRewriter()).inputs(2).outputs(2).configure(config);
    }

    /** The table has {@code size} mappings {@code alive} nanoseconds from now, and none {@code gone} nanoseconds from now. */
    static void assertEmptiedBetween(ElementHarness<?> h, int size, long alive, long gone) {
        h.advance(alive);
        assertEquals(Integer.toString(size), h.read("table_size"), "still there");
        h.advance(gone - alive);
        assertEquals("0", h.read("table_size"), "expired");
        h.clearOutputs();
        h.assertNoLeaks();
    }

    static Packet only(ElementHarness<?> h, int port) {
        assertEquals(1, h.output(port).size(), "packets on output " + port);
        return h.take(port).get(0);
    }

    @Test
    void udpFlowIsTranslatedAndItsReplyTranslatedBack() throws Exception {
        ElementHarness<IPRewriter> h = rewriter(NAT);
        h.push(0, udp("10.0.0.2", 5000, "203.0.113.2", 53, 20));
        Packet out = only(h, 0);
        assertEquals("192.0.2.1", src(out));
        assertEquals(5000, sport(out), "the packet's own port is preferred when free");
        assertEquals("203.0.113.2", dst(out));
        assertEquals(53, dport(out));
        assertEquals(IPAddress.parse("203.0.113.2"), out.dstIp());
        assertChecksumsValid(out);
        out.kill();

        h.push(1, udp("203.0.113.2", 53, "192.0.2.1", 5000, 40));
        Packet back = only(h, 1);
        assertEquals("203.0.113.2", src(back));
        assertEquals(53, sport(back));
        assertEquals("10.0.0.2", dst(back));
        assertEquals(5000, dport(back));
        assertEquals(IPAddress.parse("10.0.0.2"), back.dstIp());
        assertChecksumsValid(back);
        back.kill();
        assertEquals("1", h.read("table_size"));
        h.assertNoLeaks();
    }

    @Test
    void tcpConnectionIsTranslatedBothWaysWithValidChecksums() throws Exception {
        ElementHarness<IPRewriter> h = rewriter("pattern 192.0.2.1 2000-2009# - - 0 1, drop");
        h.push(0, tcp("10.0.0.2", 40000, "198.51.100.9", 80, SYN, 0));
        Packet syn = only(h, 0);
        assertEquals("192.0.2.1", src(syn));
        assertEquals(2000, sport(syn), "'#' allocates sequentially from the range start");
        assertChecksumsValid(syn);
        syn.kill();
        h.push(1, tcp("198.51.100.9", 80, "192.0.2.1", 2000, SYN | ACK, 0));
        Packet synAck = only(h, 1);
        assertEquals("10.0.0.2", dst(synAck));
        assertEquals(40000, dport(synAck));
        assertChecksumsValid(synAck);
        synAck.kill();
        h.push(0, tcp("10.0.0.2", 40000, "198.51.100.9", 80, ACK, 100));
        Packet data = only(h, 0);
        assertEquals(2000, sport(data));
        assertChecksumsValid(data);
        data.kill();

        h.push(0, tcp("10.0.0.3", 40000, "198.51.100.9", 80, SYN, 0));
        Packet second = only(h, 0);
        assertEquals(2001, sport(second));
        second.kill();
        assertEquals("tcp (10.0.0.2, 40000, 198.51.100.9, 80) => (192.0.2.1, 2000, 198.51.100.9, 80) [0]\n"
                + "tcp (198.51.100.9, 80, 192.0.2.1, 2000) => (198.51.100.9, 80, 10.0.0.2, 40000) [1]\n"
                + "tcp (10.0.0.3, 40000, 198.51.100.9, 80) => (192.0.2.1, 2001, 198.51.100.9, 80) [0]\n"
                + "tcp (198.51.100.9, 80, 192.0.2.1, 2001) => (198.51.100.9, 80, 10.0.0.3, 40000) [1]\n",
                h.read("tcp_table"));
        assertEquals("", h.read("udp_table"));
        h.assertNoLeaks();
    }

    @Test
    void twoInsideHostsWithTheSameSourcePortGetDifferentExternalPortsTowardsOnePeer() throws Exception {
        ElementHarness<IPRewriter> h = rewriter(NAT);
        h.push(0, udp("10.0.0.2", 5000, "203.0.113.2", 53, 0));
        h.push(0, udp("10.0.0.3", 5000, "203.0.113.2", 53, 0));
        int a = sport(h.output(0).get(0));
        int b = sport(h.output(0).get(1));
        assertEquals(5000, a);
        assertNotEquals(a, b);
        assertTrue(b >= 1024 && b <= 65535);
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void udpChecksumZeroStaysZero() throws Exception {
        ElementHarness<IPRewriter> h = rewriter(NAT);
        h.push(0, TestPackets.udpNoChecksum("10.0.0.2", 5000, "203.0.113.2", 53, 12));
        Packet out = only(h, 0);
        assertEquals(0, out.u16(26));
        assertEquals("192.0.2.1", src(out));
        assertChecksumsValid(out);
        out.kill();
        h.assertNoLeaks();
    }

    @Test
    void passInputSendsPacketsOnUnchangedWithoutMappings() throws Exception {
        ElementHarness<IPRewriter> h = rewriter("pattern 192.0.2.1 1024-65535 - - 0 1, pass 1");
        Packet in = udp("203.0.113.2", 53, "192.0.2.77", 999, 4);
        byte[] before = in.toByteArray();
        h.push(1, in);
        Packet out = only(h, 1);
        assertTrue(java.util.Arrays.equals(before, out.toByteArray()));
        out.kill();
        h.push(1, TestPackets.icmpEcho("203.0.113.2", "192.0.2.1", 8, 1, 1));
        only(h, 1).kill();
        assertEquals("0", h.read("table_size"));
        h.assertNoLeaks();
    }

    @Test
    void dropInputDropsUnknownFlowsAndCountsThem() throws Exception {
        ElementHarness<IPRewriter> h = rewriter(NAT);
        h.push(1, udp("203.0.113.2", 53, "192.0.2.1", 999, 4));
        assertEquals(0, h.output(1).size());
        assertEquals("1", h.read("drops"));
        assertTrue(h.read("drop_details").contains("1\tno_mapping"));
        assertEquals("0", h.read("mapping_failures"));
        h.assertNoLeaks();
    }

    @Test
    void keepInstallsAnIdentityMappingWithItsOwnReplyOutput() throws Exception {
        ElementHarness<IPRewriter> h = ElementHarness.of(new IPRewriter()).inputs(2).outputs(3)
                .configure("keep 2 1, drop");
        Packet in = tcp("10.0.0.2", 1234, "198.51.100.9", 22, SYN, 0);
        byte[] before = in.toByteArray();
        h.push(0, in);
        assertEquals(1, h.output(2).size());
        assertTrue(java.util.Arrays.equals(before, h.output(2).get(0).toByteArray()));
        h.push(1, tcp("198.51.100.9", 22, "10.0.0.2", 1234, SYN | ACK, 0));
        assertEquals(1, h.output(1).size());
        assertEquals("1", h.read("table_size"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void otherProtocolsAndLaterFragmentsAreDroppedOnAPatternInput() throws Exception {
        ElementHarness<IPRewriter> h = rewriter(NAT);
        h.push(0, TestPackets.icmpEcho("10.0.0.2", "203.0.113.2", 8, 7, 1));
        h.push(0, TestPackets.laterFragment(udp("10.0.0.2", 5000, "203.0.113.2", 53, 20)));
        Packet noHeader = Packet.make(40);
        h.push(0, noHeader);
        assertEquals(0, h.output(0).size());
        String d = h.read("drop_details");
        assertTrue(d.contains("1\tunsupported"), d);
        assertTrue(d.contains("1\tfragment"), d);
        assertTrue(d.contains("1\tno_ip_header"), d);
        assertEquals("0", h.read("table_size"));
        h.assertNoLeaks();
    }

    @Test
    void truncatedTcpHeaderIsDropped() throws Exception {
        ElementHarness<IPRewriter> h = rewriter(NAT);
        Packet p = tcp("10.0.0.2", 1, "203.0.113.2", 2, SYN, 0);
        p.take(8);
        h.push(0, p);
        assertTrue(h.read("drop_details").contains("1\ttruncated"));
        h.assertNoLeaks();
    }

    @Test
    void sourcePortRangeExhaustionCountsMappingFailures() throws Exception {
        ElementHarness<IPRewriter> h = rewriter("pattern 192.0.2.1 6000-6001 - - 0 1, drop");
        for (int i = 0; i < 3; i++) {
            h.push(0, udp("10.0.0." + (i + 2), 7000, "203.0.113.2", 53, 0));
        }
        assertEquals(2, h.output(0).size());
        assertEquals("1", h.read("mapping_failures"));
        assertTrue(h.read("drop_details").contains("1\tmapping_failed"));
        // the same third flow to another peer can use a taken port: the reply flows differ
        h.push(0, udp("10.0.0.4", 7000, "203.0.113.3", 53, 0));
        assertEquals(3, h.output(0).size());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void fullTableDropsNewFlowsUntilGuaranteesRunOutThenEvictsTheLongestIdle() throws Exception {
        ElementHarness<IPRewriter> h = rewriter(NAT + ", MAPPING_CAPACITY 2, UDP_GUARANTEE 5s");
        h.push(0, udp("10.0.0.2", 1000, "203.0.113.2", 53, 0));
        h.advance(1 * SEC);
        h.push(0, udp("10.0.0.3", 1000, "203.0.113.2", 53, 0));
        h.push(0, udp("10.0.0.4", 1000, "203.0.113.2", 53, 0));
        assertEquals(2, h.output(0).size());
        assertEquals("1", h.read("mapping_failures"));
        assertEquals("2", h.read("table_size"));

        h.advance(6 * SEC);
        h.push(0, udp("10.0.0.4", 1000, "203.0.113.2", 53, 0));
        assertEquals(3, h.output(0).size(), "the flow idle past its guarantee made room");
        assertEquals("2", h.read("table_size"));
        String table = h.read("table");
        assertTrue(!table.contains("10.0.0.2") && table.contains("10.0.0.3") && table.contains("10.0.0.4"), table);
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void capacityHandlerShrinksTheTableAndClearEmptiesIt() throws Exception {
        ElementHarness<IPRewriter> h = rewriter(NAT);
        for (int i = 0; i < 5; i++) {
            h.push(0, udp("10.0.0." + (i + 2), 1000, "203.0.113.2", 53, 0));
            h.advance(SEC);
        }
        h.clearOutputs();
        h.write("capacity", "3");
        assertEquals("3", h.read("capacity"));
        assertEquals("3", h.read("table_size"));
        assertTrue(!h.read("table").contains("10.0.0.2,") && h.read("table").contains("10.0.0.6"));
        h.write("clear", "");
        assertEquals("0", h.read("table_size"));
        HandlerAssert.fails(h, "capacity", "zero", "expected a positive integer for capacity");
        h.assertNoLeaks();
    }

    @Test
    void tcpConnectionClosedByFinBothWaysIsRemovedAfterTheDoneTimeout() throws Exception {
        ElementHarness<IPRewriter> h = rewriter(NAT + ", REAP_INTERVAL 1s");
        h.push(0, tcp("10.0.0.2", 40000, "198.51.100.9", 80, SYN, 0));
        h.push(1, tcp("198.51.100.9", 80, "192.0.2.1", 40000, SYN | ACK, 0));
        h.push(0, tcp("10.0.0.2", 40000, "198.51.100.9", 80, FIN | ACK, 0));
        h.advance(40 * SEC);
        assertEquals("1", h.read("table_size"), "FIN one way only: still open (no-data timeout is 5 minutes)");
        h.push(1, tcp("198.51.100.9", 80, "192.0.2.1", 40000, FIN | ACK, 0));
        // done both ways: removed 30 s after the last packet
        assertEmptiedBetween(h, 1, 29 * SEC, 31 * SEC);
    }

    @Test
    void rstInOneDirectionIsEnoughToFinishAConnection() throws Exception {
        ElementHarness<IPRewriter> h = rewriter(NAT + ", REAP_INTERVAL 1s, TCP_DONE_TIMEOUT 10s");
        h.push(0, tcp("10.0.0.2", 40000, "198.51.100.9", 80, SYN, 0));
        h.push(1, tcp("198.51.100.9", 80, "192.0.2.1", 40000, RST, 0));
        assertEmptiedBetween(h, 1, 9 * SEC, 11 * SEC);
    }

    @Test
    void payloadAfterFinRevivesTheDirection() throws Exception {
        ElementHarness<IPRewriter> h = rewriter(NAT + ", REAP_INTERVAL 1s");
        h.push(0, tcp("10.0.0.2", 40000, "198.51.100.9", 80, FIN | ACK, 0));
        h.push(1, tcp("198.51.100.9", 80, "192.0.2.1", 40000, FIN | ACK, 0));
        h.push(0, tcp("10.0.0.2", 40000, "198.51.100.9", 80, ACK, 10));
        h.advance(60 * SEC);
        assertEquals("1", h.read("table_size"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void idleUdpFlowsExpireAfterTheUdpTimeoutAndTrafficKeepsThemAlive() throws Exception {
        ElementHarness<IPRewriter> h = rewriter(NAT + ", UDP_TIMEOUT 10s, REAP_INTERVAL 1s");
        h.push(0, udp("10.0.0.2", 5000, "203.0.113.2", 53, 0));
        h.push(0, udp("10.0.0.3", 5000, "203.0.113.2", 54, 0));
        h.advance(8 * SEC);
        h.push(1, udp("203.0.113.2", 53, "192.0.2.1", 5000, 0));
        h.advance(5 * SEC);
        assertEquals("1", h.read("table_size"));
        assertTrue(h.read("table").contains("10.0.0.2"));
        h.advance(6 * SEC);
        assertEquals("0", h.read("table_size"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void streamingUdpFlowsGetTheStreamingTimeout() throws Exception {
        ElementHarness<IPRewriter> h = rewriter(NAT + ", UDP_TIMEOUT 10s, UDP_STREAMING_TIMEOUT 100s, REAP_INTERVAL 1s");
        h.push(0, udp("10.0.0.2", 5000, "203.0.113.2", 53, 0));
        h.push(1, udp("203.0.113.2", 53, "192.0.2.1", 5000, 0));
        h.push(0, udp("10.0.0.2", 5000, "203.0.113.2", 53, 0));
        assertEmptiedBetween(h, 1, 50 * SEC, 101 * SEC);
    }

    @Test
    void staticMappingForwardsAndNeverExpires() throws Exception {
        ElementHarness<IPRewriter> h = rewriter(NAT + ", REAP_INTERVAL 1s");
        h.write("add_mapping", "tcp 10.0.0.2 22 198.51.100.7 40000 => 192.0.2.1 2222 198.51.100.7 40000 0 1");
        h.push(1, tcp("198.51.100.7", 40000, "192.0.2.1", 2222, SYN, 0));
        Packet in = only(h, 1);
        assertEquals("10.0.0.2", dst(in));
        assertEquals(22, dport(in));
        assertChecksumsValid(in);
        in.kill();
        h.advance(48 * 3600 * SEC);
        assertEquals("1", h.read("table_size"));
        assertTrue(h.read("table").contains("[0] static"));
        HandlerAssert.fails(h, "add_mapping", "tcp 10.0.0.2 22 198.51.100.7 40000 => 192.0.2.1 2222 198.51.100.7 40000 0 1",
                "exists already");
        HandlerAssert.fails(h, "add_mapping", "tcp 10.0.0.9 22 198.51.100.7 40000 => 192.0.2.1 2222 198.51.100.7 40000 0 1",
                "is taken");
        HandlerAssert.fails(h, "add_mapping", "icmp 1 2 3", "expected 'PROTO SADDR SPORT");
        HandlerAssert.fails(h, "add_mapping", "sctp 10.0.0.2 1 1.2.3.4 2 => 1.1.1.1 3 1.2.3.4 2 0 1", "tcp or udp");
        HandlerAssert.fails(h, "add_mapping", "udp 10.0.0.2 1 1.2.3.4 2 => 1.1.1.1 3 1.2.3.4 2 0 7", "output port");
        h.write("clear", "");
        assertEquals("0", h.read("table_size"));
        h.assertNoLeaks();
    }

    @Test
    void patternsHandlerShowsTheInputSpecs() throws Exception {
        ElementHarness<IPRewriter> h = ElementHarness.of(new IPRewriter()).inputs(4).outputs(2)
                .configure("pattern 192.0.2.1 1024-65535? - 80 0 1, drop, pass 1, keep 0 1");
        assertEquals("192.0.2.1 1024-65535? - 80 0 1\n<drop>\n<pass 1>\n<keep 0 1>\n", h.read("patterns"));
    }
}

package click.elements.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ConfigException;
import click.api.HandlerException;
import click.api.Packet;
import click.api.net.EtherAddress;
import click.api.net.Headers;
import click.api.net.IPAddress;
import click.testing.ElementHarness;
import click.testing.PacketBuilder;
import org.junit.jupiter.api.Test;

/** ARPQuerier and ARPResponder, alone and talking to each other. */
class ARPTest {
    private static final long MY_ETH = EtherAddress.parse("02:00:00:00:00:01");
    private static final long HOST_ETH = EtherAddress.parse("02:00:00:00:00:02");
    private static final int HOST = IPAddress.parse("192.0.2.2");
    private static final long SECOND = 1_000_000_000L;

    private static ElementHarness<ARPQuerier> querier(String extra) throws Exception {
        return ElementHarness.of(new ARPQuerier()).outputs(2).configure("192.0.2.1/24, 02:00:00:00:00:01" + extra);
    }

    private static Packet ipTo(int nextHop, int id) {
        Packet p = PacketBuilder.udp().dst("198.51.100.9").id(id).build();
        p.setDstIp(nextHop);
        return p;
    }

    /** An ARP frame: op, sender and target. */
    private static Packet arp(int op, long sha, int spa, long tha, int tpa) {
        Packet p = Packet.make(Headers.ETHER_LEN + Headers.ARP_LEN);
        byte[] b = p.buffer();
        int o = p.offset();
        EtherAddress.write(b, o, op == Headers.ARPOP_REQUEST ? EtherAddress.BROADCAST : tha);
        EtherAddress.write(b, o + 6, sha);
        p.setU16(12, Headers.ETHERTYPE_ARP);
        p.setU16(14, 1);
        p.setU16(16, Headers.ETHERTYPE_IP);
        p.setU8(18, 6);
        p.setU8(19, 4);
        p.setU16(20, op);
        EtherAddress.write(b, o + 22, sha);
        p.setI32(28, spa);
        EtherAddress.write(b, o + 32, tha);
        p.setI32(38, tpa);
        return p;
    }

    private static Packet reply() {
        return arp(Headers.ARPOP_REPLY, HOST_ETH, HOST, MY_ETH, IPAddress.parse("192.0.2.1"));
    }

    @Test
    void unknownNextHopIsQueriedAndItsPacketsSentOnceTheReplyArrives() throws Exception {
        ElementHarness<ARPQuerier> h = querier("");
        h.push(0, ipTo(HOST, 1)).push(0, ipTo(HOST, 2));
        assertEquals(0, h.output(0).size());
        assertEquals(1, h.output(1).size(), "one query; the second packet waits without a new one");
        Packet q = h.output(1).get(0);
        assertEquals(EtherAddress.BROADCAST, EtherAddress.read(q.buffer(), q.offset()));
        assertEquals(Headers.ARPOP_REQUEST, q.u16(20));
        assertEquals(HOST, q.i32(38));
        assertEquals(IPAddress.parse("192.0.2.1"), q.i32(28));
        assertEquals("2", h.read("length"));
        h.push(1, reply());
        assertEquals(2, h.output(0).size());
        for (int i = 0; i < 2; i++) {
            Packet p = h.output(0).get(i);
            assertEquals(HOST_ETH, EtherAddress.read(p.buffer(), p.offset()));
            assertEquals(MY_ETH, EtherAddress.read(p.buffer(), p.offset() + 6));
            assertEquals(Headers.ETHERTYPE_IP, p.u16(12));
            assertEquals(i + 1, p.u16(14 + Headers.IP_ID), "waiting packets leave in order");
        }
        h.push(0, ipTo(HOST, 3));
        assertEquals(3, h.output(0).size(), "resolved: sent at once");
        assertEquals("1", h.read("queries"));
        assertEquals("1", h.read("responses"));
        assertEquals("0", h.read("length"));
        assertTrue(h.read("table").startsWith("192.0.2.2\t02:00:00:00:00:02\tok\t0\t"), h.read("table"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void queriesAreLimitedToTenASecondPerAddress() throws Exception {
        ElementHarness<ARPQuerier> h = querier("");
        for (int i = 0; i < 30; i++) {
            h.push(0, ipTo(HOST, i));
            h.advance(SECOND / 100);
        }
        assertEquals(3, h.output(1).size(), "300 ms of packets: queries at 0, 100 and 200 ms");
        h.element().cleanup();
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void waitingPacketsAreBoundedByCapacity() throws Exception {
        ElementHarness<ARPQuerier> h = querier(", CAPACITY 2");
        for (int i = 0; i < 5; i++) {
            h.push(0, ipTo(HOST, i));
        }
        assertEquals("2", h.read("length"));
        assertEquals("3", h.read("drops"));
        h.push(1, reply());
        assertEquals(3, h.output(0).get(0).u16(14 + Headers.IP_ID), "the newest packets were kept");
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void unansweredQueriesGiveUpAndDropTheirPackets() throws Exception {
        ElementHarness<ARPQuerier> h = querier("");
        h.push(0, ipTo(HOST, 1));
        h.advance(4 * SECOND);
        assertEquals("1", h.read("count"));
        h.advance(2 * SECOND);
        assertEquals("0", h.read("count"));
        assertEquals("1", h.read("drops"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void resolvedEntriesExpireAfterTimeout() throws Exception {
        ElementHarness<ARPQuerier> h = querier(", TIMEOUT 60s");
        h.write("insert", "192.0.2.2 02:00:00:00:00:02");
        h.push(0, ipTo(HOST, 1));
        assertEquals(1, h.output(0).size());
        h.advance(61 * SECOND);
        assertEquals("0", h.read("count"));
        h.push(0, ipTo(HOST, 2));
        assertEquals(1, h.output(1).size(), "expired: asked again");
        h.element().cleanup();
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void broadcastGoesToAllOnesAndZeroIsDropped() throws Exception {
        ElementHarness<ARPQuerier> h = querier("");
        h.push(0, ipTo(IPAddress.parse("192.0.2.255"), 1)).push(0, ipTo(-1, 2)).push(0, ipTo(0, 3));
        assertEquals(2, h.output(0).size());
        assertEquals(EtherAddress.BROADCAST, EtherAddress.read(h.output(0).get(0).buffer(), h.output(0).get(0).offset()));
        assertEquals("1", h.read("drops"));
        assertEquals(0, h.output(1).size());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void withOneOutputQueriesShareOutput0() throws Exception {
        ElementHarness<ARPQuerier> h = ElementHarness.of(new ARPQuerier()).configure("192.0.2.1, 02:00:00:00:00:01");
        h.push(0, ipTo(HOST, 1));
        assertEquals(Headers.ETHERTYPE_ARP, h.output(0).get(0).u16(12));
        h.element().cleanup();
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void handlersInsertDeleteAndClear() throws Exception {
        ElementHarness<ARPQuerier> h = querier("");
        h.push(0, ipTo(HOST, 1));
        h.write("insert", "192.0.2.2 02:00:00:00:00:02");
        assertEquals(1, h.output(0).size(), "insert sends the waiting packet");
        h.write("insert", "192.0.2.3 02:00:00:00:00:03");
        assertEquals("2", h.read("count"));
        h.write("delete", "192.0.2.3");
        assertEquals("1", h.read("count"));
        assertThrows(HandlerException.class, () -> h.write("delete", "192.0.2.99"));
        assertThrows(HandlerException.class, () -> h.write("insert", "192.0.2.3"));
        h.write("clear", "");
        assertEquals("0", h.read("count"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void nonRepliesOnInput1AreIgnored() throws Exception {
        ElementHarness<ARPQuerier> h = querier("");
        h.push(1, arp(Headers.ARPOP_REQUEST, HOST_ETH, HOST, 0, IPAddress.parse("192.0.2.1")));
        h.push(1, PacketBuilder.udp().ether("02:00:00:00:00:09", "02:00:00:00:00:01").build());
        assertEquals("0", h.read("responses"));
        assertEquals("0", h.read("count"));
        h.assertNoLeaks();
    }

    @Test
    void responderAnswersRequestsForItsPrefixesInPlace() throws Exception {
        ElementHarness<ARPResponder> h = ElementHarness.of(new ARPResponder()).outputs(2)
                .configure("192.0.2.1 02:00:00:00:00:01, 10.0.0.0/8 02:00:00:00:00:0a");
        h.push(0, arp(Headers.ARPOP_REQUEST, HOST_ETH, HOST, 0, IPAddress.parse("192.0.2.1")));
        h.push(0, arp(Headers.ARPOP_REQUEST, HOST_ETH, HOST, 0, IPAddress.parse("10.4.4.4")));
        h.push(0, arp(Headers.ARPOP_REQUEST, HOST_ETH, HOST, 0, IPAddress.parse("192.0.2.9")));
        h.push(0, arp(Headers.ARPOP_REPLY, HOST_ETH, HOST, MY_ETH, IPAddress.parse("192.0.2.1")));
        assertEquals(2, h.output(0).size());
        assertEquals(2, h.output(1).size());
        Packet r = h.output(0).get(0);
        assertEquals(HOST_ETH, EtherAddress.read(r.buffer(), r.offset()));
        assertEquals(MY_ETH, EtherAddress.read(r.buffer(), r.offset() + 6));
        assertEquals(Headers.ARPOP_REPLY, r.u16(20));
        assertEquals(MY_ETH, EtherAddress.read(r.buffer(), r.offset() + 22));
        assertEquals(IPAddress.parse("192.0.2.1"), r.i32(28));
        assertEquals(HOST_ETH, EtherAddress.read(r.buffer(), r.offset() + 32));
        assertEquals(HOST, r.i32(38));
        assertEquals(0x02000000000AL, EtherAddress.read(h.output(0).get(1).buffer(), h.output(0).get(1).offset() + 22));
        assertEquals("2", h.read("count"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void responderReplyResolvesTheQuerier() throws Exception {
        // downstream first: the last-made harness's pool counts every packet of the chain
        ElementHarness<ARPQuerier> q = querier("");
        ElementHarness<ARPResponder> r = ElementHarness.of(new ARPResponder()).configure("192.0.2.2 02:00:00:00:00:02");
        q.push(0, ipTo(HOST, 1));
        Packet query = q.take(1).get(0);
        r.push(0, query);
        q.push(1, r.take(0).get(0));
        assertEquals(1, q.output(0).size());
        assertEquals(HOST_ETH, EtherAddress.read(q.output(0).get(0).buffer(), q.output(0).get(0).offset()));
        q.clearOutputs();
        r.assertNoLeaks();
    }

    @Test
    void hotSwapHandsEntriesAndWaitingPacketsToTheNewQuerier() throws Exception {
        // the new harness first: the last-made harness's pool counts every packet of the test
        ElementHarness<ARPQuerier> fresh = querier("");
        ElementHarness<ARPQuerier> old = querier("");
        old.write("insert", "192.0.2.3 02:00:00:00:00:03");
        old.push(0, ipTo(HOST, 1));
        old.clearOutputs();
        fresh.element().takeState(old.element());
        assertEquals("2", fresh.read("count"));
        assertEquals("1", fresh.read("length"));
        assertEquals("0", old.read("length"));
        fresh.push(1, reply());
        assertEquals(1, fresh.output(0).size(), "the packet that waited in the old querier leaves the new one");
        fresh.push(0, ipTo(IPAddress.parse("192.0.2.3"), 2));
        assertEquals(2, fresh.output(0).size(), "the old resolved entry is known");
        fresh.clearOutputs();
        old.assertNoLeaks();
    }

    @Test
    void responderNeedsAnEthernetAddress() {
        ConfigException e = assertThrows(ConfigException.class, () -> ElementHarness.of(new ARPResponder()).configure("192.0.2.1 192.0.2.2"));
        assertTrue(e.getMessage().contains("Ethernet"), e.getMessage());
    }
}

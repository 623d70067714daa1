package click.elements.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ConfigException;
import click.api.Packet;
import click.api.net.Headers;
import click.api.net.IPAddress;
import click.api.net.IPAnnotations;
import click.api.net.IPv4;
import click.testing.ElementHarness;
import click.testing.PacketBuilder;
import org.junit.jupiter.api.Test;

/** The small per-packet IP elements: annotations, addresses, checksums, TTL, DSCP, Ethernet. */
class HeaderElementsTest {
    private static int ip(String a) {
        return IPAddress.parse(a);
    }

    @Test
    void markIPHeaderSetsNetworkAndTransportHeaderAfterEthernet() throws Exception {
        ElementHarness<MarkIPHeader> h = ElementHarness.of(new MarkIPHeader()).configure("14");
        h.push(0, PacketBuilder.udp().options(7, 3, 4).ether("02:00:00:00:00:01", "02:00:00:00:00:02").build());
        Packet p = h.output(0).get(0);
        assertEquals(14, p.networkHeaderOffset());
        assertEquals(14 + 24, p.transportHeaderOffset());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void getIPAddressCopiesTheDestinationFieldIntoTheAnnotation() throws Exception {
        ElementHarness<GetIPAddress> h = ElementHarness.of(new GetIPAddress()).configure("16");
        h.push(0, PacketBuilder.udp().dst("203.0.113.9").build());
        assertEquals(ip("203.0.113.9"), h.output(0).get(0).dstIp());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void getIPAddressNeedsAnOffset() {
        ConfigException e = assertThrows(ConfigException.class, () -> ElementHarness.of(new GetIPAddress()).configure(""));
        assertTrue(e.getMessage().contains("OFFSET"), e.getMessage());
    }

    @Test
    void setIPAddressSetsTheAnnotationAndItsHandlerChangesIt() throws Exception {
        ElementHarness<SetIPAddress> h = ElementHarness.of(new SetIPAddress()).configure("192.0.2.254");
        h.push(0, PacketBuilder.udp().build());
        assertEquals(ip("192.0.2.254"), h.output(0).get(0).dstIp());
        h.write("addr", "192.0.2.253");
        h.push(0, PacketBuilder.udp().build());
        assertEquals(ip("192.0.2.253"), h.output(0).get(1).dstIp());
        assertThrows(click.api.HandlerException.class, () -> h.write("addr", "nonsense"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void storeIPAddressIntoDstFieldKeepsIPAndUdpChecksumsRight() throws Exception {
        ElementHarness<StoreIPAddress> h = ElementHarness.of(new StoreIPAddress()).configure("10.1.2.3, dst");
        h.push(0, PacketBuilder.udp().dst("198.51.100.2").build());
        Packet p = h.output(0).get(0);
        assertEquals(ip("10.1.2.3"), p.i32(Headers.IP_DST));
        assertTrue(IPv4.headerChecksumValid(p, 0));
        assertEquals(0, IPv4.transportChecksum(p, 0));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void storeIPAddressWritesTheAnnotationAtAnOffsetAndRefusesShortPackets() throws Exception {
        ElementHarness<StoreIPAddress> h = ElementHarness.of(new StoreIPAddress()).outputs(2).configure("4");
        Packet p = Packet.make(8);
        p.setDstIp(ip("192.0.2.7"));
        h.push(0, p);
        assertEquals(ip("192.0.2.7"), h.output(0).get(0).i32(4));
        h.push(0, Packet.make(6));
        assertEquals(1, h.output(1).size());
        assertEquals("1", h.read("drops"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void storeIPAddressRejectsABadOffset() {
        ConfigException e = assertThrows(ConfigException.class, () -> ElementHarness.of(new StoreIPAddress()).configure("here"));
        assertTrue(e.getMessage().contains("src or dst"), e.getMessage());
    }

    @Test
    void dropBroadcastsDropsLinkBroadcastAndMulticastOnly() throws Exception {
        ElementHarness<DropBroadcasts> h = ElementHarness.of(new DropBroadcasts()).configure("");
        for (byte type : new byte[] {Packet.HOST, Packet.BROADCAST, Packet.MULTICAST, Packet.OTHERHOST}) {
            Packet p = PacketBuilder.udp().build();
            p.setPacketType(type);
            h.push(0, p);
        }
        assertEquals(2, h.output(0).size());
        assertEquals("2", h.read("drops"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void checkPaintPassesMatchingPaintAndDivertsOthers() throws Exception {
        ElementHarness<CheckPaint> h = ElementHarness.of(new CheckPaint()).outputs(2).configure("2");
        Packet same = PacketBuilder.udp().build();
        same.setPaint(2);
        Packet other = PacketBuilder.udp().build();
        other.setPaint(1);
        h.push(0, same).push(0, other);
        assertSame(same, h.output(0).get(0));
        assertSame(other, h.output(1).get(0));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void checkPaintWithOneOutputDropsOthers() throws Exception {
        ElementHarness<CheckPaint> h = ElementHarness.of(new CheckPaint()).configure("2");
        h.push(0, PacketBuilder.udp().build());
        assertEquals(0, h.output(0).size());
        h.assertNoLeaks();
    }

    @Test
    void decIPTTLDecrementsAndUpdatesTheChecksumIncrementally() throws Exception {
        ElementHarness<DecIPTTL> h = ElementHarness.of(new DecIPTTL()).outputs(2).configure("");
        for (int ttl = 2; ttl <= 255; ttl++) {
            h.push(0, PacketBuilder.udp().ttl(ttl).id(ttl * 257).build());
            Packet p = h.output(0).get(0);
            assertEquals(ttl - 1, p.u8(Headers.IP_TTL));
            assertTrue(IPv4.headerChecksumValid(p, 0), "checksum after decrementing TTL " + ttl);
            h.clearOutputs();
        }
        h.assertNoLeaks();
    }

    @Test
    void decIPTTLSendsExpiredPacketsUnchangedToOutput1() throws Exception {
        ElementHarness<DecIPTTL> h = ElementHarness.of(new DecIPTTL()).outputs(2).configure("");
        byte[] ttl1 = PacketBuilder.udp().ttl(1).bytes();
        h.push(0, Packet.make(ttl1)).push(0, PacketBuilder.udp().ttl(0).build());
        assertEquals(2, h.output(1).size());
        assertEquals(java.util.Arrays.toString(ttl1), java.util.Arrays.toString(h.output(1).get(0).toByteArray()));
        assertEquals("2", h.read("drops"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void decIPTTLLeavesMulticastAloneWhenToldTo() throws Exception {
        ElementHarness<DecIPTTL> h = ElementHarness.of(new DecIPTTL()).outputs(2).configure("MULTICAST false");
        h.push(0, PacketBuilder.udp().dst("224.0.0.5").ttl(1).build());
        assertEquals(1, h.output(0).get(0).u8(Headers.IP_TTL));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void fixIPSrcRewritesOnlyAnnotatedPacketsAndClearsTheAnnotation() throws Exception {
        ElementHarness<FixIPSrc> h = ElementHarness.of(new FixIPSrc()).configure("203.0.113.1");
        Packet marked = PacketBuilder.icmp(11, 0).src("192.0.2.1").build();
        marked.setUserAnnoU8(IPAnnotations.FIX_IP_SRC, 1);
        h.push(0, marked).push(0, PacketBuilder.udp().src("192.0.2.1").build());
        Packet a = h.output(0).get(0);
        assertEquals(ip("203.0.113.1"), a.i32(Headers.IP_SRC));
        assertEquals(0, a.userAnnoU8(IPAnnotations.FIX_IP_SRC));
        assertTrue(IPv4.headerChecksumValid(a, 0));
        assertEquals(ip("192.0.2.1"), h.output(0).get(1).i32(Headers.IP_SRC));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void setIPChecksumRepairsTheHeaderAndDropsRunts() throws Exception {
        ElementHarness<SetIPChecksum> h = ElementHarness.of(new SetIPChecksum()).configure("");
        h.push(0, PacketBuilder.udp().badChecksum().build()).push(0, Packet.make(10));
        assertTrue(IPv4.headerChecksumValid(h.output(0).get(0), 0));
        assertEquals(1, h.output(0).size());
        assertEquals("1", h.read("drops"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void setIPDSCPKeepsEcnBitsAndTheChecksumRight() throws Exception {
        ElementHarness<SetIPDSCP> h = ElementHarness.of(new SetIPDSCP()).configure("46");
        h.push(0, PacketBuilder.udp().tos(0x03).build());
        Packet p = h.output(0).get(0);
        assertEquals(46 << 2 | 3, p.u8(Headers.IP_TOS));
        assertTrue(IPv4.headerChecksumValid(p, 0));
        assertEquals("46", h.read("dscp"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void setIPDSCPRefusesCodePointsAbove63() {
        assertThrows(ConfigException.class, () -> ElementHarness.of(new SetIPDSCP()).configure("64"));
    }

    @Test
    void setUDPChecksumComputesAValidChecksumAndDropsOtherProtocols() throws Exception {
        ElementHarness<SetUDPChecksum> h = ElementHarness.of(new SetUDPChecksum()).configure("");
        Packet p = PacketBuilder.udp().payload(33).build();
        p.setU16(20 + Headers.UDP_SUM, 0x1234);
        h.push(0, p).push(0, PacketBuilder.tcp().build());
        Packet out = h.output(0).get(0);
        assertEquals(0, IPv4.transportChecksum(out, 0), "recomputing over the segment gives 0");
        assertEquals(1, h.output(0).size());
        assertEquals("1", h.read("drops"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void setTCPChecksumComputesAValidChecksum() throws Exception {
        ElementHarness<SetTCPChecksum> h = ElementHarness.of(new SetTCPChecksum()).configure("");
        Packet p = PacketBuilder.tcp().payload(7).build();
        p.setU16(20 + Headers.TCP_SUM, 0);
        h.push(0, p).push(0, PacketBuilder.tcp().fragment(8, true).build());
        assertEquals(0, IPv4.transportChecksum(h.output(0).get(0), 0));
        assertEquals("1", h.read("drops"), "a fragment has no whole segment to checksum");
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void etherEncapPrependsTheHeaderAndHandlersChangeIt() throws Exception {
        ElementHarness<EtherEncap> h = ElementHarness.of(new EtherEncap())
                .configure("0x0800, 02:00:00:00:00:01, 02:00:00:00:00:02");
        byte[] ipBytes = PacketBuilder.udp().bytes();
        h.push(0, Packet.make(ipBytes));
        Packet p = h.output(0).get(0);
        assertEquals(ipBytes.length + 14, p.length());
        assertEquals(0x020000000002L, click.api.net.EtherAddress.read(p.buffer(), p.offset()));
        assertEquals(0x020000000001L, click.api.net.EtherAddress.read(p.buffer(), p.offset() + 6));
        assertEquals(0x0800, p.u16(12));
        h.write("dst", "ff:ff:ff:ff:ff:ff");
        h.write("ethertype", "0x0806");
        assertEquals("FF:FF:FF:FF:FF:FF", h.read("dst"));
        assertEquals("0x0806", h.read("ethertype"));
        h.clearOutputs();
        h.assertNoLeaks();
    }
}

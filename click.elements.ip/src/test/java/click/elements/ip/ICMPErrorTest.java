package click.elements.ip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ConfigException;
import click.api.Packet;
import click.api.net.Headers;
import click.api.net.IPAddress;
import click.api.net.IPAnnotations;
import click.api.net.IPv4;
import click.elements.ip.ICMPError.Reason;
import click.testing.ElementHarness;
import click.testing.PacketBuilder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ICMPErrorTest {
    private static final int ROUTER = IPAddress.parse("192.0.2.1");

    private static ElementHarness<ICMPError> harness(String config) throws Exception {
        return ElementHarness.of(new ICMPError()).configure(config);
    }

    @Test
    void ttlExpiryMakesTimeExceededQuotingHeaderAndEightBytes() throws Exception {
        // Harnesses of a chain are made downstream first: the last one's pool counts every packet.
        ElementHarness<ICMPError> h = harness("192.0.2.1, timeexceeded");
        ElementHarness<DecIPTTL> dec = ElementHarness.of(new DecIPTTL()).outputs(2).configure("");
        byte[] original = PacketBuilder.udp().src("198.51.100.7").dst("203.0.113.9").ttl(1).options(1, 1, 1, 1).payload(40).bytes();
        dec.push(0, Packet.make(original));
        h.push(0, dec.take(1).get(0));
        Packet e = h.output(0).get(0);
        int quoted = 24 + 8;
        assertEquals(20 + 8 + quoted, e.length());
        assertEquals(0x45, e.u8(Headers.IP_VHL));
        assertEquals(0xC0, e.u8(Headers.IP_TOS));
        assertEquals(255, e.u8(Headers.IP_TTL));
        assertEquals(Headers.IP_PROTO_ICMP, e.u8(Headers.IP_PROTO));
        assertEquals(ROUTER, e.i32(Headers.IP_SRC));
        assertEquals(IPAddress.parse("198.51.100.7"), e.i32(Headers.IP_DST));
        assertEquals(Headers.ICMP_TIME_EXCEEDED, e.u8(20 + Headers.ICMP_TYPE));
        assertEquals(0, e.u8(20 + Headers.ICMP_CODE));
        assertEquals(0, e.i32(20 + Headers.ICMP_ID));
        assertArrayEquals(Arrays.copyOf(original, quoted), Arrays.copyOfRange(e.toByteArray(), 28, 28 + quoted));
        assertTrue(IPv4.headerChecksumValid(e, 0));
        assertEquals(0, IPv4.transportChecksum(e, 0), "ICMP checksum verified by recomputation");
        assertEquals(IPAddress.parse("198.51.100.7"), e.dstIp());
        assertEquals(1, e.userAnnoU8(IPAnnotations.FIX_IP_SRC));
        assertEquals(0, e.networkHeaderOffset());
        assertEquals("1", h.read("count"));
        h.clearOutputs();
        dec.assertNoLeaks();
    }

    @Test
    void shortPacketsAreQuotedOnlyAsFarAsTheyGo() throws Exception {
        ElementHarness<ICMPError> h = harness("192.0.2.1, 3, 3");
        h.push(0, PacketBuilder.ip(99).payload(3).build());
        assertEquals(20 + 8 + 23, h.output(0).get(0).length());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void needFragCarriesTheNextHopMtuFromTheFragmenter() throws Exception {
        ElementHarness<ICMPError> h = harness("192.0.2.1, unreachable, needfrag");
        ElementHarness<IPFragmenter> fr = ElementHarness.of(new IPFragmenter()).outputs(2).configure("576");
        fr.push(0, PacketBuilder.udp().df().payload(1000).build());
        h.push(0, fr.take(1).get(0));
        Packet e = h.output(0).get(0);
        assertEquals(Headers.ICMP_UNREACH, e.u8(20));
        assertEquals(4, e.u8(21));
        assertEquals(0, e.u16(24), "unused half of the second word");
        assertEquals(576, e.u16(26), "next-hop MTU (RFC 1191)");
        h.clearOutputs();
        fr.assertNoLeaks();
    }

    @Test
    void needFragMtuKeywordOverridesTheAnnotation() throws Exception {
        ElementHarness<ICMPError> h = harness("192.0.2.1, unreachable, needfrag, MTU 1400");
        h.push(0, PacketBuilder.udp().df().build());
        assertEquals(1400, h.output(0).get(0).u16(26));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void redirectCarriesTheGatewayFromTheDestinationAnnotation() throws Exception {
        ElementHarness<ICMPError> h = harness("192.0.2.1, redirect, host");
        Packet p = PacketBuilder.udp().src("192.0.2.50").dst("8.8.8.8").build();
        p.setDstIp(IPAddress.parse("192.0.2.254"));
        h.push(0, p);
        Packet e = h.output(0).get(0);
        assertEquals(Headers.ICMP_REDIRECT, e.u8(20));
        assertEquals(1, e.u8(21));
        assertEquals(IPAddress.parse("192.0.2.254"), e.i32(24));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    /** A packet that would leave by the interface it came in on (paint 1) becomes a redirect. */
    @Test
    void packetLeavingByItsInputInterfaceGetsARedirectThroughCheckPaint() throws Exception {
        ElementHarness<ICMPError> h = harness("192.0.2.1, redirect, host");
        ElementHarness<CheckPaint> cp = ElementHarness.of(new CheckPaint()).outputs(2).configure("1");
        Packet back = PacketBuilder.udp().src("192.0.2.50").dst("10.9.9.9").build();
        back.setPaint(1);
        back.setDstIp(IPAddress.parse("192.0.2.254"));
        Packet onward = PacketBuilder.udp().src("198.51.100.5").dst("10.9.9.9").build();
        onward.setPaint(2);
        cp.push(0, back).push(0, onward);
        assertEquals(1, cp.output(1).size(), "the packet from another interface goes on");
        h.push(0, cp.take(0).get(0));
        Packet e = h.output(0).get(0);
        assertEquals(IPAddress.parse("192.0.2.50"), e.i32(Headers.IP_DST));
        assertEquals(IPAddress.parse("192.0.2.254"), e.i32(24));
        h.clearOutputs();
        cp.clearOutputs();
        cp.assertNoLeaks();
    }

    @Test
    void parameterProblemCarriesThePointer() throws Exception {
        ElementHarness<ICMPError> h = harness("192.0.2.1, parameterproblem");
        Packet p = PacketBuilder.udp().build();
        p.setUserAnnoU8(IPAnnotations.PARAM_POINTER, 21);
        h.push(0, p);
        assertEquals(21, h.output(0).get(0).u8(24));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void neverAnswersWhatRfc1812Forbids() throws Exception {
        ElementHarness<ICMPError> h = harness("192.0.2.1, timeexceeded, BADADDRS 198.51.100.255");
        h.push(0, PacketBuilder.icmp(3, 1).build());
        h.push(0, PacketBuilder.icmp(11, 0).build());
        h.push(0, PacketBuilder.udp().dst("255.255.255.255").build());
        h.push(0, PacketBuilder.udp().dst("224.0.0.1").build());
        h.push(0, PacketBuilder.udp().dst("198.51.100.255").build());
        Packet linkBroadcast = PacketBuilder.udp().build();
        linkBroadcast.setPacketType(Packet.BROADCAST);
        h.push(0, linkBroadcast);
        h.push(0, PacketBuilder.udp().fragment(8, true).build());
        h.push(0, PacketBuilder.udp().src("0.0.0.0").build());
        h.push(0, PacketBuilder.udp().src("127.0.0.1").build());
        h.push(0, PacketBuilder.udp().src("224.1.2.3").build());
        h.push(0, PacketBuilder.udp().src("240.0.0.1").build());
        h.push(0, Packet.make(10));
        assertEquals(0, h.output(0).size());
        ICMPError e = h.element();
        assertEquals("12", h.read("drops"));
        assertTrue(h.read("drop_details").contains("2\terror_about_error"), h.read("drop_details"));
        assertTrue(h.read("drop_details").contains("4\tbroadcast_destination"));
        assertTrue(h.read("drop_details").contains("1\tnot_first_fragment"));
        assertTrue(h.read("drop_details").contains("4\tbad_source"));
        assertTrue(h.read("drop_details").contains("1\tmalformed"));
        assertTrue(e.toString().contains("ICMPError"));
        h.assertNoLeaks();
    }

    @Test
    void answersEchoRequestsAndFirstFragments() throws Exception {
        ElementHarness<ICMPError> h = harness("192.0.2.1, timeexceeded");
        h.push(0, PacketBuilder.icmp(8, 0).build());
        h.push(0, PacketBuilder.udp().fragment(0, true).build());
        assertEquals(2, h.output(0).size());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void noRedirectForSourceRoutedPackets() throws Exception {
        ElementHarness<ICMPError> h = harness("192.0.2.1, redirect, host");
        h.push(0, PacketBuilder.udp().options(131, 7, 4, 10, 0, 0, 1).build());
        assertEquals(1, h.element().drops.get(Reason.SOURCE_ROUTED));
        h.assertNoLeaks();
    }

    @Test
    void rateLimitIsATokenBucket() throws Exception {
        ElementHarness<ICMPError> h = harness("192.0.2.1, timeexceeded, RATE 10, BURST 3");
        for (int i = 0; i < 5; i++) {
            h.push(0, PacketBuilder.udp().build());
        }
        assertEquals(3, h.output(0).size(), "a burst of 3");
        h.advance(100_000_000L);
        h.push(0, PacketBuilder.udp().build()).push(0, PacketBuilder.udp().build());
        assertEquals(4, h.output(0).size(), "one token per 100 ms at 10/s");
        assertEquals(3, h.element().drops.get(Reason.RATE_LIMITED));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void badTypeAndCodeAreConfigurationErrors() {
        ConfigException e = assertThrows(ConfigException.class, () -> harness("192.0.2.1, nonsense"));
        assertTrue(e.getMessage().contains("ICMP type"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> harness("192.0.2.1, unreachable, sideways"));
        assertTrue(e.getMessage().contains("needfrag"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> harness("192.0.2.1, echo"));
        assertTrue(e.getMessage().contains("not an ICMP error"), e.getMessage());
    }
}

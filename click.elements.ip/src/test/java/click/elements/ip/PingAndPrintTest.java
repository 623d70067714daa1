package click.elements.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Packet;
import click.api.net.Headers;
import click.api.net.IPAddress;
import click.api.net.IPv4;
import click.testing.ElementHarness;
import click.testing.PacketBuilder;
import org.junit.jupiter.api.Test;

class PingAndPrintTest {
    @Test
    void echoRequestBecomesAValidEchoReply() throws Exception {
        ElementHarness<ICMPPingResponder> h = ElementHarness.of(new ICMPPingResponder()).outputs(2).configure("");
        h.push(0, PacketBuilder.icmp(8, 0).src("198.51.100.7").dst("192.0.2.1").icmpRest(0x12340001).payload(56).build());
        Packet r = h.output(0).get(0);
        assertEquals(IPAddress.parse("192.0.2.1"), r.i32(Headers.IP_SRC));
        assertEquals(IPAddress.parse("198.51.100.7"), r.i32(Headers.IP_DST));
        assertEquals(IPAddress.parse("198.51.100.7"), r.dstIp());
        assertEquals(Headers.ICMP_ECHO_REPLY, r.u8(20));
        assertEquals(0x12340001, r.i32(24), "identifier and sequence echoed");
        assertTrue(IPv4.headerChecksumValid(r, 0));
        assertEquals(0, IPv4.transportChecksum(r, 0), "ICMP checksum verified by recomputation");
        assertEquals("1", h.read("count"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void otherPacketsGoToOutput1() throws Exception {
        ElementHarness<ICMPPingResponder> h = ElementHarness.of(new ICMPPingResponder()).outputs(2).configure("");
        h.push(0, PacketBuilder.icmp(0, 0).build()).push(0, PacketBuilder.udp().build())
         .push(0, PacketBuilder.icmp(8, 0).fragment(0, true).build());
        assertEquals(3, h.output(1).size());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void ipPrintDescribesUdpTcpIcmpAndFragments() throws Exception {
        ElementHarness<IPPrint> h = ElementHarness.of(new IPPrint()).configure("in, TTL true, TIMESTAMP false");
        h.push(0, PacketBuilder.udp().src("192.0.2.1").dst("198.51.100.2").ports(1234, 53).build());
        h.push(0, PacketBuilder.tcp().src("192.0.2.1").dst("198.51.100.2").ports(1234, 80).payload(10).build());
        h.push(0, PacketBuilder.icmp(8, 0).icmpRest(0x00070009).src("192.0.2.1").dst("198.51.100.2").build());
        h.push(0, PacketBuilder.ip(99).fragment(8, true).id(5).payload(16).src("192.0.2.1").dst("198.51.100.2").build());
        assertEquals(4, h.output(0).size());
        assertEquals("in: 192.0.2.1.1234 > 198.51.100.2.53: udp 18 ttl 64", h.messages().get(0));
        assertEquals("in: 192.0.2.1.1234 > 198.51.100.2.80: . 0:10(10) ack 0 win 8192 ttl 64", h.messages().get(1));
        assertEquals("in: 192.0.2.1 > 198.51.100.2: icmp echo (7, 9) ttl 64", h.messages().get(2));
        assertEquals("in: 192.0.2.1 > 198.51.100.2: ip-proto-99 16 (frag 5:16@8+) ttl 64", h.messages().get(3));
        h.write("active", "false");
        h.push(0, PacketBuilder.udp().build());
        assertEquals(4, h.messages().size());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void ipPrintShowsTimestampAndContents() throws Exception {
        ElementHarness<IPPrint> h = ElementHarness.of(new IPPrint()).configure("CONTENTS true, MAXLENGTH 8");
        Packet p = PacketBuilder.udp().build();
        p.setTimestamp(1_700_000_001_500_000_000L);
        h.push(0, p);
        String line = h.messages().get(0);
        assertTrue(line.startsWith("1700000001.500000: "), line);
        assertTrue(line.endsWith("\n4500002e 00010000"), line);
        h.clearOutputs();
        h.assertNoLeaks();
    }
}

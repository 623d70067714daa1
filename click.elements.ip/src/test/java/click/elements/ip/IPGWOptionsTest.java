package click.elements.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Packet;
import click.api.net.Headers;
import click.api.net.IPAddress;
import click.api.net.IPAnnotations;
import click.api.net.IPv4;
import click.testing.ElementHarness;
import click.testing.PacketBuilder;
import org.junit.jupiter.api.Test;

class IPGWOptionsTest {
    private static final int ME = IPAddress.parse("192.0.2.1");

    private static ElementHarness<IPGWOptions> harness() throws Exception {
        return ElementHarness.of(new IPGWOptions()).outputs(2).configure("192.0.2.1, 198.51.100.1");
    }

    @Test
    void packetsWithoutOptionsPassUntouched() throws Exception {
        ElementHarness<IPGWOptions> h = harness();
        byte[] b = PacketBuilder.udp().bytes();
        h.push(0, Packet.make(b));
        assertEquals(java.util.Arrays.toString(b), java.util.Arrays.toString(h.output(0).get(0).toByteArray()));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void recordRouteWritesOurAddressAndAdvancesThePointer() throws Exception {
        ElementHarness<IPGWOptions> h = harness();
        h.push(0, PacketBuilder.udp().options(7, 11, 4, 0, 0, 0, 0, 0, 0, 0, 0).build());
        Packet p = h.output(0).get(0);
        assertEquals(ME, p.i32(23));
        assertEquals(8, p.u8(22));
        assertTrue(IPv4.headerChecksumValid(p, 0));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void fullRecordRoutePassesUnchanged() throws Exception {
        ElementHarness<IPGWOptions> h = harness();
        h.push(0, PacketBuilder.udp().options(7, 7, 8, 10, 0, 0, 1).build());
        assertEquals(10, h.output(0).get(0).u8(23));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void timestampWithAddressesRecordsAddressAndTime() throws Exception {
        ElementHarness<IPGWOptions> h = harness();
        h.push(0, PacketBuilder.udp().options(68, 12, 5, 1, 0, 0, 0, 0, 0, 0, 0, 0).build());
        Packet p = h.output(0).get(0);
        assertEquals(ME, p.i32(24));
        long expectedMs = h.manualClock().epochNanos() % 86_400_000_000_000L / 1_000_000L;
        assertEquals(expectedMs, p.i32(28));
        assertEquals(13, p.u8(22));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void fullTimestampRaisesTheOverflowCountAndOverflowingIsAnError() throws Exception {
        ElementHarness<IPGWOptions> h = harness();
        h.push(0, PacketBuilder.udp().options(68, 8, 9, 0x20, 0, 0, 0, 1).build());
        assertEquals(0x30, h.output(0).get(0).u8(23));
        h.push(0, PacketBuilder.udp().options(68, 8, 9, 0xF0, 0, 0, 0, 1).build());
        Packet bad = h.output(1).get(0);
        assertEquals(23, bad.userAnnoU8(IPAnnotations.PARAM_POINTER));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void badOptionLengthGoesToOutput1WithThePointer() throws Exception {
        ElementHarness<IPGWOptions> h = harness();
        h.push(0, PacketBuilder.udp().options(1, 7, 40, 4).build());
        assertEquals(1, h.output(1).size());
        assertEquals(22, h.output(1).get(0).userAnnoU8(IPAnnotations.PARAM_POINTER), "offset of the bad length byte");
        h.push(0, PacketBuilder.udp().options(7, 7, 2, 0, 0, 0, 0).build());
        assertEquals(22, h.output(1).get(1).userAnnoU8(IPAnnotations.PARAM_POINTER), "pointer below 4");
        assertEquals("2", h.read("drops"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void aFaultAfterAProcessedOptionLeavesAValidChecksum() throws Exception {
        ElementHarness<IPGWOptions> h = harness();
        h.push(0, PacketBuilder.udp().options(7, 7, 4, 0, 0, 0, 0, 7, 7, 1, 0, 0, 0, 0).build());
        Packet bad = h.output(1).get(0);
        assertEquals(ME, bad.i32(23), "the first option was processed");
        assertEquals(29, bad.userAnnoU8(IPAnnotations.PARAM_POINTER));
        assertTrue(IPv4.headerChecksumValid(bad, 0));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void badOptionThenIcmpParameterProblemCarriesThePointer() throws Exception {
        // downstream harness first: the last-made harness's pool counts every packet of the chain
        ElementHarness<ICMPError> e = ElementHarness.of(new ICMPError()).configure("192.0.2.1, parameterproblem");
        ElementHarness<IPGWOptions> h = harness();
        h.push(0, PacketBuilder.udp().src("203.0.113.5").options(7, 7, 2, 0, 0, 0, 0).build());
        e.push(0, h.take(1).get(0));
        Packet err = e.output(0).get(0);
        assertEquals(Headers.ICMP_PARAM_PROBLEM, err.u8(20));
        assertEquals(22, err.u8(24));
        e.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void sourceRouteToUsMovesToTheNextHop() throws Exception {
        ElementHarness<IPGWOptions> h = harness();
        h.push(0, PacketBuilder.udp().dst("198.51.100.1").options(131, 11, 4, 10, 0, 0, 9, 10, 0, 0, 10).build());
        Packet p = h.output(0).get(0);
        assertEquals(IPAddress.parse("10.0.0.9"), p.i32(Headers.IP_DST));
        assertEquals(IPAddress.parse("10.0.0.9"), p.dstIp());
        assertEquals(ME, p.i32(23));
        assertEquals(8, p.u8(22));
        assertTrue(IPv4.headerChecksumValid(p, 0));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void sourceRouteForSomeoneElsePassesUnchanged() throws Exception {
        ElementHarness<IPGWOptions> h = harness();
        h.push(0, PacketBuilder.udp().dst("10.1.1.1").options(137, 7, 4, 10, 0, 0, 9).build());
        assertEquals(IPAddress.parse("10.1.1.1"), h.output(0).get(0).i32(Headers.IP_DST));
        h.clearOutputs();
        h.assertNoLeaks();
    }
}

package click.elements.nat;

import static click.elements.nat.TestPackets.assertChecksumsValid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Packet;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

class IPAddrRewriterTest {
    static ElementHarness<IPAddrRewriter> basicNat() throws Exception {
        return ElementHarness.of(new IPAddrRewriter()).inputs(2).outputs(2)
                .configure("pattern 192.0.2.17-192.0.2.18# - 0 1, drop");
    }

    @Test
    void eachInsideHostGetsItsOwnAddressForAnyProtocol() throws Exception {
        ElementHarness<IPAddrRewriter> h = basicNat();
        h.push(0, TestPackets.tcp("10.0.0.2", 1234, "198.51.100.9", 80, TestPackets.SYN, 0));
        h.push(0, TestPackets.udp("10.0.0.3", 99, "198.51.100.9", 53, 4));
        h.push(0, TestPackets.icmpEcho("10.0.0.2", "198.51.100.9", 8, 5, 1));
        Packet a = h.output(0).get(0);
        Packet b = h.output(0).get(1);
        Packet c = h.output(0).get(2);
        assertEquals("192.0.2.17", TestPackets.src(a));
        assertEquals(1234, TestPackets.sport(a), "ports stay");
        assertEquals("192.0.2.18", TestPackets.src(b));
        assertEquals("192.0.2.17", TestPackets.src(c));
        assertChecksumsValid(a);
        assertChecksumsValid(b);
        assertChecksumsValid(c);
        h.clearOutputs();
        h.push(0, TestPackets.udp("10.0.0.4", 99, "198.51.100.9", 53, 4));
        assertEquals("1", h.read("mapping_failures"), "two addresses, three hosts");
        assertEquals("2", h.read("table_size"));
        h.assertNoLeaks();
    }

    @Test
    void packetsToAMappedAddressGoBackToTheInsideHost() throws Exception {
        ElementHarness<IPAddrRewriter> h = basicNat();
        h.push(0, TestPackets.udp("10.0.0.3", 99, "198.51.100.9", 53, 4));
        h.clearOutputs();
        h.push(1, TestPackets.tcp("198.51.100.9", 80, "192.0.2.17", 1234, TestPackets.SYN, 8));
        Packet in = IPRewriterTest.only(h, 1);
        assertEquals("10.0.0.3", TestPackets.dst(in));
        assertEquals("198.51.100.9", TestPackets.src(in));
        assertChecksumsValid(in);
        in.kill();
        h.push(1, TestPackets.udp("198.51.100.9", 80, "192.0.2.18", 1234, 0));
        assertTrue(h.read("drop_details").contains("1\tno_mapping"));
        h.assertNoLeaks();
    }

    @Test
    void prefixPatternsLeaveOutNetworkAndBroadcastAddresses() throws Exception {
        ElementHarness<IPAddrRewriter> h = ElementHarness.of(new IPAddrRewriter()).inputs(1).outputs(2)
                .configure("pattern 192.0.2.16/30# - 0 1");
        for (int i = 0; i < 3; i++) {
            h.push(0, TestPackets.udp("10.0.0." + (i + 2), 1, "198.51.100.9", 2, 0));
        }
        assertEquals(2, h.output(0).size());
        assertEquals("192.0.2.17", TestPackets.src(h.output(0).get(0)));
        assertEquals("192.0.2.18", TestPackets.src(h.output(0).get(1)));
        assertEquals("192.0.2.17-192.0.2.18# - 0 1\n", h.read("patterns"));
        h.clearOutputs();
        h.assertNoLeaks();
    }
}

package click.elements.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ConfigException;
import click.api.Packet;
import click.api.net.Checksum;
import click.api.net.Headers;
import click.testing.ElementHarness;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FastUDPFlowsTest {
    private static final String ADDRS = "02:00:00:00:00:02, 198.51.100.2, 02:00:00:00:00:01, 203.0.113.2";

    private static ElementHarness<FastUDPFlows> flows(String config) throws ConfigException {
        return ElementHarness.of(new FastUDPFlows()).pullOutputs().configure(config);
    }

    private static int ports(Packet p) {
        return p.i32(Headers.ETHER_LEN + Headers.IP_MIN_LEN);
    }

    @Test
    void framesHaveValidHeadersAndChecksums() throws Exception {
        ElementHarness<FastUDPFlows> h = flows("0, -1, 64, " + ADDRS + ", 10, 1000");
        Packet p = h.pull(0);
        assertEquals(64, p.length());
        assertEquals(Headers.ETHERTYPE_IP, p.u16(Headers.ETHER_TYPE));
        int ip = Headers.ETHER_LEN;
        assertEquals(0, Checksum.compute(p.buffer(), p.offset() + ip, Headers.IP_MIN_LEN), "IP header checksum");
        assertEquals(50, p.u16(ip + Headers.IP_LEN));
        int udp = ip + Headers.IP_MIN_LEN;
        long pseudo = Checksum.pseudoHeaderSum(p.i32(ip + Headers.IP_SRC), p.i32(ip + Headers.IP_DST), 17, 30);
        assertEquals(0xFFFF, Checksum.fold(Checksum.sum(p.buffer(), p.offset() + udp, 30, pseudo)), "UDP checksum");
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void packetsSpreadOverFlowsAndAFlowChangesPortsAfterFlowsize() throws Exception {
        ElementHarness<FastUDPFlows> one = flows("0, -1, 60, " + ADDRS + ", 1, 3");
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 9; i++) {
            seen.add(ports(one.pull(0)));
        }
        assertEquals(3, seen.size(), "one flow, new ports every 3 packets");
        one.clearOutputs();

        ElementHarness<FastUDPFlows> many = flows("0, -1, 60, " + ADDRS + ", 50, 1000000");
        Set<Integer> flows = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            flows.add(ports(many.pull(0)));
        }
        assertTrue(flows.size() > 45, "2000 pulls reach nearly all 50 flows: " + flows.size());
        many.clearOutputs();
        many.assertNoLeaks();
    }

    @Test
    void limitRateAndActiveHoldPacketsBack() throws Exception {
        ElementHarness<FastUDPFlows> h = flows("0, 2, 60, " + ADDRS + ", 4, 10");
        h.pull(0);
        h.pull(0);
        assertNull(h.pull(0), "LIMIT 2");
        assertEquals("2", h.read("count"));
        h.clearOutputs();
        h.assertNoLeaks();

        // each harness binds its own packet pool to the thread: finish with one before the next
        ElementHarness<FastUDPFlows> r = flows("10, -1, 60, " + ADDRS + ", 4, 10");
        assertTrue(r.pull(0) != null);
        assertNull(r.pull(0), "the second packet is due 100 ms later");
        r.advance(100_000_000L);
        assertTrue(r.pull(0) != null);
        r.write("active", "false");
        r.advance(1_000_000_000L);
        assertNull(r.pull(0));
        r.clearOutputs();
        r.assertNoLeaks();
    }

    @Test
    void badArgumentsAreReported() {
        ConfigException e = assertThrows(ConfigException.class, () -> flows("0, -1, 20, " + ADDRS + ", 0, 10"));
        assertEquals("expected an integer from 60 to 1952 for LENGTH, got \"20\"; expected an integer from 1 to 16777216 for FLOWS, got \"0\"",
                e.getMessage());
    }
}

package click.elements.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Packet;
import click.api.net.IPAddress;
import click.testing.ElementHarness;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Properties over many random flows, hot-swap hand-over, and allocation on the lookup path. */
class RewriterPropertiesTest {
    record Flow(int src, int sport, int dst, int dport) {
    }

    @Test
    void manyRandomFlowsNeverCollideAndEveryReplyFindsItsFlow() throws Exception {
        ElementHarness<IPRewriter> h = IPRewriterTest.rewriter("pattern 192.0.2.1 1024-65535 - - 0 1, drop");
        Random random = new Random(20261126L);
        Map<Flow, Flow> translated = new HashMap<>();
        Set<Flow> replyFlows = new HashSet<>();
        int[] servers = {IPAddress.parse("203.0.113.2"), IPAddress.parse("203.0.113.3"), IPAddress.parse("198.51.100.1")};
        int[] serverPorts = {53, 80, 443};
        for (int n = 0; n < 20000; n++) {
            // few distinct source ports make port preference collide often
            Flow f = new Flow(IPAddress.parse("10.0.0.0") + random.nextInt(1 << 12), 1024 + random.nextInt(64),
                    servers[random.nextInt(servers.length)], serverPorts[random.nextInt(serverPorts.length)]);
            h.push(0, TestPackets.udp(IPAddress.toString(f.src), f.sport, IPAddress.toString(f.dst), f.dport, 0));
            Packet out = h.take(0).get(0);
            Flow t = new Flow(out.i32(12), out.u16(20), out.i32(16), out.u16(22));
            out.kill();
            Flow before = translated.putIfAbsent(f, t);
            if (before != null) {
                assertEquals(before, t, "a flow kept its mapping");
            } else {
                assertTrue(replyFlows.add(t), "two flows got the same translated flow " + t);
            }
        }
        assertEquals(translated.size(), Integer.parseInt(h.read("table_size")));
        assertEquals("0", h.read("mapping_failures"));
        for (Map.Entry<Flow, Flow> e : translated.entrySet()) {
            Flow t = e.getValue();
            h.push(1, TestPackets.udp(IPAddress.toString(t.dst), t.dport, IPAddress.toString(t.src), t.sport, 0));
            Packet back = h.take(1).get(0);
            assertEquals(e.getKey(), new Flow(back.i32(16), back.u16(22), back.i32(12), back.u16(20)));
            back.kill();
        }
        h.assertNoLeaks();
    }

    @Test
    void hotSwapHandsLiveMappingsToTheSameNamedSuccessor() throws Exception {
        ElementHarness<IPRewriter> old = IPRewriterTest.rewriter("pattern 192.0.2.1 1024-65535 - - 0 1, drop");
        old.push(0, TestPackets.tcp("10.0.0.2", 40000, "198.51.100.9", 80, TestPackets.SYN, 0));
        old.write("add_mapping", "udp 10.0.0.5 53 198.51.100.1 53 => 192.0.2.1 5353 198.51.100.1 53 0 1");
        int external = TestPackets.sport(old.output(0).get(0));
        old.clearOutputs();

        ElementHarness<IPRewriter> next = IPRewriterTest.rewriter("pattern 192.0.2.1 1024-65535 - - 0 1, drop, UDP_TIMEOUT 1m");
        next.element().takeState(old.element());
        assertEquals("2", next.read("table_size"));
        assertEquals("0", old.read("table_size"));
        assertTrue(next.messages().get(0).contains("took over 2 mappings"), next.messages().toString());
        next.push(1, TestPackets.tcp("198.51.100.9", 80, "192.0.2.1", external, TestPackets.ACK, 10));
        Packet back = IPRewriterTest.only(next, 1);
        assertEquals("10.0.0.2", TestPackets.dst(back));
        assertEquals(40000, TestPackets.dport(back));
        TestPackets.assertChecksumsValid(back);
        back.kill();
        next.assertNoLeaks();
    }

    @Test
    void hotSwapIgnoresAnElementOfAnotherClassAndMappingsWhoseOutputsAreGone() throws Exception {
        ElementHarness<IPRewriter> old = IPRewriterTest.rewriter("pattern 192.0.2.1 1024-65535 - - 0 1, drop");
        old.push(0, TestPackets.udp("10.0.0.2", 5000, "203.0.113.2", 53, 0));
        old.clearOutputs();
        ElementHarness<UDPRewriter> other = ElementHarness.of(new UDPRewriter()).inputs(2).outputs(2)
                .configure("pattern 192.0.2.1 1024-65535 - - 0 1, drop");
        other.element().takeState(old.element());
        assertEquals("0", other.read("table_size"));
        ElementHarness<IPRewriter> narrow = ElementHarness.of(new IPRewriter()).inputs(1).outputs(1).configure("pass 0");
        narrow.element().takeState(old.element());
        assertEquals("0", narrow.read("table_size"), "reply output 1 does not exist any more");
    }

    @Test
    void translatingPacketsOfExistingFlowsAllocatesNothing() throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Packet[] last = new Packet[1];
        Rig rig = new Rig();
        IPRewriter rw = rig.wire(new IPRewriter(), 2, 2, "pattern 192.0.2.1 1024-65535 - - 0 1, drop",
                (port, p) -> last[0] = p);
        byte[] forward = TestPackets.udpBytes("10.0.0.2", 5000, "203.0.113.2", 53, 18);
        byte[] reply = TestPackets.udpBytes("203.0.113.2", 53, "192.0.2.1", 5000, 18);
        Packet p = Packet.make(forward);
        p.setNetworkHeader(0, 20);
        rw.push(0, p); // creates the mapping
        p = last[0];
        for (int round = 0; round < 2; round++) {
            long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < 100_000; i++) {
                byte[] template = (i & 1) == 0 ? forward : reply;
                System.arraycopy(template, 0, p.buffer(), p.offset(), template.length);
                rw.push(i & 1, p);
                p = last[0];
            }
            long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            if (round == 1) { // the first round warms up (class loading, thread-local set-up)
                assertTrue(allocated < 4096, allocated + " bytes allocated for 100000 packets");
            }
        }
        assertEquals(1, rw.table.size());
        p.kill();
    }
}

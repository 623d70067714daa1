package click.elements.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Packet;
import click.api.net.IPAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Several threads pushing through one rewriter: lookups and creations stay consistent. */
class ConcurrentRewriterTest {
    private static final int THREADS = 4;

    /** Runs {@code body(threadIndex)} on THREADS threads started together; rethrows the first failure. */
    private static void onThreads(ThrowingIntConsumer body) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int index = t;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                    body.accept(index);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "pusher-" + t);
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("a pushing thread failed", failure.get());
        }
    }

    interface ThrowingIntConsumer {
        void accept(int i) throws Exception;
    }

    @Test
    void threadsCreatingDistinctFlowsTowardsOnePeerNeverShareAnExternalPort() throws Exception {
        int perThread = 3000;
        Set<Integer> ports = ConcurrentHashMap.newKeySet();
        Set<Integer> duplicates = ConcurrentHashMap.newKeySet();
        Rig rig = new Rig();
        IPRewriter rw = rig.wire(new IPRewriter(), 2, 2, "pattern 192.0.2.1 1024-65535 - - 0 1, drop", (port, p) -> {
            if (!ports.add(p.u16(20))) {
                duplicates.add(p.u16(20));
            }
            p.kill();
        });
        onThreads(t -> {
            for (int i = 0; i < perThread; i++) {
                // every flow has its own inside host, all use source port 5000 towards the same server
                String inside = "10." + t + "." + (i >> 8) + "." + (i & 0xFF);
                rw.push(0, TestPackets.udp(inside, 5000, "203.0.113.2", 53, 8));
            }
        });
        assertTrue(duplicates.isEmpty(), "external ports given twice: " + duplicates);
        assertEquals(THREADS * perThread, ports.size());
        assertEquals(THREADS * perThread, rw.table.size());
        assertEquals(0, rw.table.failures());
    }

    @Test
    void threadsRacingToCreateTheSameFlowsAgreeOnOneMappingPerFlow() throws Exception {
        int flows = 2000;
        Map<String, Set<Integer>> portsPerFlow = new ConcurrentHashMap<>();
        Rig rig = new Rig();
        IPRewriter rw = rig.wire(new IPRewriter(), 2, 2, "pattern 192.0.2.1 1024-65535? - - 0 1, drop", (port, p) -> {
            // the payload's first bytes carry the flow number
            portsPerFlow.computeIfAbsent(Integer.toString(p.i32(28)), k -> ConcurrentHashMap.newKeySet()).add(p.u16(20));
            p.kill();
        });
        onThreads(t -> {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < flows; i++) {
                    int flow = (i * 7 + t * 13) % flows; // each thread walks the flows in its own order
                    Packet p = TestPackets.udp("10.1." + (flow >> 8) + "." + (flow & 0xFF), 6000, "203.0.113.9", 443, 8);
                    p.setI32(28, flow);
                    p.setU16(26, 0); // payload changed: drop the checksum rather than recompute it
                    rw.push(0, p);
                }
            }
        });
        assertEquals(flows, portsPerFlow.size());
        Set<Integer> all = new HashSet<>();
        portsPerFlow.forEach((flow, ports) -> {
            assertEquals(1, ports.size(), "flow " + flow + " was given several ports: " + ports);
            all.addAll(ports);
        });
        assertEquals(flows, all.size(), "two flows share an external port");
        assertEquals(flows, rw.table.size());
    }

    @Test
    void repliesFindTheirMappingWhileOtherThreadsCreateNewOnes() throws Exception {
        Rig rig = new Rig();
        Map<Integer, Integer> repliedTo = new ConcurrentHashMap<>();
        IPRewriter rw = rig.wire(new IPRewriter(), 2, 2, "pattern 192.0.2.1 1024-65535 - - 0 1, drop", (port, p) -> {
            if (port == 1) {
                repliedTo.merge(p.i32(16), 1, Integer::sum);
            }
            p.kill();
        });
        // 200 established flows, each with external port = its own source port (preferred, free)
        for (int i = 0; i < 200; i++) {
            rw.push(0, TestPackets.udp("10.2.0." + i, 20000 + i, "203.0.113.2", 53, 0));
        }
        onThreads(t -> {
            for (int n = 0; n < 2000; n++) {
                if (t % 2 == 0) {
                    int i = n % 200;
                    rw.push(1, TestPackets.udp("203.0.113.2", 53, "192.0.2.1", 20000 + i, 0));
                } else {
                    rw.push(0, TestPackets.udp("10.3." + t + "." + (n & 0xFF), 30000 + (n >> 8), "203.0.113.7", 53, 0));
                }
            }
        });
        int total = repliedTo.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(2 * 2000, total, "every reply found its mapping");
        for (int i = 0; i < 200; i++) {
            assertEquals(20, repliedTo.get(IPAddress.parse("10.2.0." + i)));
        }
        assertEquals(0, rw.table.failures());
    }
}

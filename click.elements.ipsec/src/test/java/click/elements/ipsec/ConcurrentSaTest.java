package click.elements.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import click.api.Packet;
import click.elements.ipsec.Tunnel.Suite;
import click.testing.ElementHarness;
import click.testing.PacketBuilder;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Several threads on one SA: each thread uses its own cipher state and packet pool, calling the
 * element's per-packet code directly (as router threads do), while the SA's counters are shared.
 */
class ConcurrentSaTest {
    private static final int THREADS = 4;
    private static final int PER_THREAD = 20_000;

    private static <T> List<T> runOnThreads(java.util.function.IntFunction<T> body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int id = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return body.apply(id);
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void threadsEncryptingForOneSaNeverShareASequenceNumber() throws Exception {
        Tunnel t = Tunnel.of(Suite.AES128_GCM);
        IPsecESPEncap encap = t.encap.element();
        List<long[]> seqs = runOnThreads(id -> {
            long[] mine = new long[PER_THREAD];
            for (int i = 0; i < PER_THREAD; i++) {
                Packet esp = encap.simpleAction(PacketBuilder.udp().payload(16).build());
                mine[i] = esp.i32(24) & 0xFFFFFFFFL;
                esp.kill();
            }
            return mine;
        });
        BitSet seen = new BitSet();
        for (long[] mine : seqs) {
            for (long s : mine) {
                assertFalse(seen.get((int) s), "sequence number " + s + " used twice");
                seen.set((int) s);
            }
        }
        assertEquals(THREADS * PER_THREAD, seen.cardinality());
        assertEquals(1, seen.nextSetBit(0));
        assertEquals(THREADS * PER_THREAD, seen.length() - 1);
    }

    @Test
    void threadsDecryptingCopiesOfTheSamePacketsAcceptEachExactlyOnce() throws Exception {
        Tunnel t = Tunnel.of(Suite.AES128_SHA1);
        int n = 2_000;
        byte[][] packets = new byte[n][];
        for (int i = 0; i < n; i++) {
            Packet esp = t.seal(PacketBuilder.udp().payload(16).build());
            packets[i] = esp.toByteArray();
            esp.kill();
        }
        // one output: refused packets are killed on the refusing thread, not collected in a list
        IPsecESPUnencap decap = ElementHarness.of(new IPsecESPUnencap()).withElement("sad", t.db).configure("sad")
                .element();
        AtomicLong accepted = new AtomicLong();
        // every thread offers every packet; the replay window must let exactly one copy through
        runOnThreads(id -> {
            for (byte[] bytes : packets) {
                Packet p = Packet.make(bytes);
                Packet inner = decap.simpleAction(p);
                if (inner != null) {
                    accepted.incrementAndGet();
                    inner.kill();
                }
            }
            return null;
        });
        assertEquals(n, accepted.get());
        assertEquals((long) (THREADS - 1) * n, decap.drops(IPsecESPUnencap.Reason.REPLAY));
        assertNotNull(t.db.lookup(Tunnel.SPI));
    }
}

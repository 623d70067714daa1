package click.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Clock;
import click.api.Packet;
import click.api.PacketPool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jctools.queues.MpmcArrayQueue;
import org.jctools.queues.MpscArrayQueue;
import org.junit.jupiter.api.Test;

class PacketPoolTest {
    private static final int QUEUE = 256;

    /**
     * A producer task on thread 0 makes packets and hands them to a consumer task on thread 1,
     * which frees them. The consumer's pool sends full batches to the shared depot and the
     * producer's takes them back, so the packets circulate: no more are ever created than can be
     * in flight at once (the queue, plus what the consumer's pool keeps before spilling a batch,
     * plus a batch on each side), however many pass: {@code created()} stops growing once that many
     * circulate. The pools are the router threads' own.
     */
    @Test
    void crossThreadProducerAndConsumerCirculatePacketsInsteadOfCreatingThem() throws InterruptedException {
        SmpDriver d = new SmpDriver(2, Clock.SYSTEM);
        d.setScheduling(SmpDriver.Scheduling.STATIC);
        MpscArrayQueue<Packet> queue = new MpscArrayQueue<>(QUEUE);
        AtomicReference<PacketPool> producerPool = new AtomicReference<>();
        AtomicReference<PacketPool> consumerPool = new AtomicReference<>();
        AtomicLong createdByProducer = new AtomicLong();
        AtomicLong createdByConsumer = new AtomicLong();
        AtomicLong consumed = new AtomicLong();
        long total = 400_000;
        d.addTask(Elements.named("producer"), () -> {
            PacketPool pool = PacketPool.current();
            producerPool.set(pool);
            int n = 0;
            for (; n < 32; n++) {
                Packet p = Packet.make(64);
                if (!queue.offer(p)) {
                    p.kill();
                    break;
                }
            }
            createdByProducer.set(pool.created());
            return n;
        });
        d.addTask(Elements.named("consumer"), () -> {
            PacketPool pool = PacketPool.current();
            consumerPool.set(pool);
            int n = 0;
            Packet p;
            while (n < 32 && (p = queue.relaxedPoll()) != null) {
                p.kill();
                n++;
            }
            createdByConsumer.set(pool.created());
            consumed.addAndGet(n);
            return n;
        });
        d.start();
        try {
            Await.until(() -> consumed.get() >= total, "the consumer freed " + total + " packets");
        } finally {
            d.requestStop();
            d.awaitStop();
        }
        assertNotSame(producerPool.get(), consumerPool.get());
        assertSame(d.thread(0).packetPool(), producerPool.get());
        assertSame(d.thread(1).packetPool(), consumerPool.get());
        long created = createdByProducer.get() + createdByConsumer.get();
        // the queue, the consumer's two magazines and one it may be handing over, and the producer's spare
        long bound = QUEUE + 4L * PacketPool.MAGAZINE;
        assertTrue(created <= bound, created + " packets created for " + total + " passed; at most " + bound + " expected");
        assertEquals(0, createdByConsumer.get(), "the consumer only frees");
    }

    /**
     * Several threads at once allocate packets, free some themselves and hand the others to
     * whichever thread takes them next, which frees them there: batches travel through the depot in
     * every direction. A packet must never be handed out while it is still alive (no duplicate: a
     * shared identity set of live packets would already hold it), and no packet is lost: every
     * thread's pool balances its allocations against the frees it took back (summed over threads:
     * nothing outstanding), and the pools create far fewer packets than pass through them.
     */
    @Test
    void concurrentAllocationAndFreeAcrossThreadsNeverDuplicatesOrLosesAPacket() throws InterruptedException {
        int threads = 4;
        int rounds = 200_000;
        Set<Packet> live = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        MpmcArrayQueue<Packet> handOff = new MpmcArrayQueue<>(4096);
        AtomicLong duplicates = new AtomicLong();
        AtomicLong outstanding = new AtomicLong();
        AtomicLong created = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch produced = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                PacketPool pool = PacketPool.current();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                int x = id * 31 + 7;
                for (int i = 0; i < rounds; i++) {
                    Packet p = Packet.make(64);
                    if (!live.add(p)) {
                        duplicates.incrementAndGet();
                    }
                    x = x * 1103515245 + 12345;
                    if ((x & 0x300) != 0 && handOff.offer(p)) {
                        p = (x & 0x400) != 0 ? handOff.poll() : null; // sometimes free another thread's packet
                    }
                    if (p != null) {
                        live.remove(p);
                        p.kill();
                    }
                }
                produced.countDown();
                try {
                    produced.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (Packet p = handOff.poll(); p != null; p = handOff.poll()) {
                    live.remove(p);
                    p.kill();
                }
                outstanding.addAndGet(pool.outstanding());
                created.addAndGet(pool.created());
            }, "pool-worker-" + t);
            w.start();
            workers.add(w);
        }
        go.countDown();
        for (Thread w : workers) {
            w.join(60_000);
            assertTrue(!w.isAlive(), "a worker hung");
        }
        assertEquals(0, duplicates.get(), "a live packet was handed out again");
        assertTrue(live.isEmpty(), live.size() + " packets never freed");
        assertEquals(0, outstanding.get(), "allocations and frees over all the threads' pools must balance");
        long passed = (long) threads * rounds;
        assertTrue(created.get() < passed / 10, created.get() + " packets created for " + passed + " allocations");
    }
}

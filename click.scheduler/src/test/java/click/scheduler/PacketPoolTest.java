package click.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Clock;
import click.api.Packet;
import click.api.PacketPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
        long bound = QUEUE + PacketPool.LOCAL_CAPACITY + 2L * PacketPool.BATCH;
        assertTrue(created <= bound, created + " packets created for " + total + " passed; at most " + bound + " expected");
        assertEquals(0, createdByConsumer.get(), "the consumer only frees");
    }
}

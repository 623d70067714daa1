package click.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Attribution of a measured run's time to stages, on a clock that moves only when told to: each
 * mark gives the time since the previous mark to the stage being left, stages nest, and nothing is
 * counted outside a measured run or on a thread that is not measuring.
 */
class StageMeterTest {
    /** A clock that advances by hand. */
    private static final class Steps implements Clock {
        long now = 1_000;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public long epochNanos() {
            return now;
        }
    }

    @Test
    void timeBetweenMarksGoesToTheStageBeingLeftAndNestedStagesGiveTimeBack() {
        Steps clock = new Steps();
        StageMeter m = new StageMeter(clock, 0);
        m.begin();
        clock.now += 5;                                  // 5 ns of push processing (the default)
        int outer = m.enter(StageMeter.RECEIVE);
        assertEquals(StageMeter.PUSH, outer);
        clock.now += 40;                                 // making the packet
        m.exit(outer);
        clock.now += 100;                                // elements on the push path
        int beforeQueue = m.enter(StageMeter.ENQUEUE);
        clock.now += 30;
        int beforeFree = m.enter(StageMeter.FREE);       // the queue was full: the drop frees the packet
        assertEquals(StageMeter.ENQUEUE, beforeFree);
        clock.now += 7;
        m.exit(beforeFree);
        clock.now += 3;                                  // still the enqueue
        m.exit(beforeQueue);
        clock.now += 15;                                 // back in the source's loop
        m.end();
        clock.now += 1_000;                              // after the run: not measured
        assertEquals(40, m.nanos(StageMeter.RECEIVE));
        assertEquals(5 + 100 + 15, m.nanos(StageMeter.PUSH));
        assertEquals(33, m.nanos(StageMeter.ENQUEUE));
        assertEquals(7, m.nanos(StageMeter.FREE));
        assertEquals(0, m.nanos(StageMeter.DEQUEUE));
        assertEquals(1, m.events(StageMeter.RECEIVE));
        assertEquals(1, m.events(StageMeter.ENQUEUE));
        assertEquals(1, m.events(StageMeter.FREE));
        assertEquals(1, m.runs());
    }

    @Test
    void eachRunStartsInPushProcessingAndAccumulates() {
        Steps clock = new Steps();
        StageMeter m = new StageMeter(clock, 0);
        for (int run = 0; run < 3; run++) {
            m.begin();
            int outer = m.enter(StageMeter.DEQUEUE);
            clock.now += 10;
            m.exit(outer);
            clock.now += 2;
            m.end();
            m.end(); // a second end adds nothing
            clock.now += 50;
        }
        assertEquals(30, m.nanos(StageMeter.DEQUEUE));
        assertEquals(6, m.nanos(StageMeter.PUSH));
        assertEquals(3, m.events(StageMeter.DEQUEUE));
        assertEquals(3, m.runs());
    }

    @Test
    void eachIntervalIsChargedOneClockReadLessButNeverBelowZero() {
        Steps clock = new Steps();
        StageMeter m = new StageMeter(clock, 20);
        m.begin();
        clock.now += 25;                       // push: 25 - 20
        int outer = m.enter(StageMeter.ENQUEUE);
        clock.now += 12;                       // enqueue: shorter than a clock read, so 0
        m.exit(outer);
        clock.now += 70;                       // push again: 70 - 20
        m.end();
        assertEquals(5 + 50, m.nanos(StageMeter.PUSH));
        assertEquals(0, m.nanos(StageMeter.ENQUEUE));
        assertEquals(1, m.events(StageMeter.ENQUEUE), "the entry still counts");
    }

    @Test
    void aRunLongerThanTheLimitIsDroppedAsPreempted() {
        Steps clock = new Steps();
        StageMeter m = new StageMeter(clock, 0);
        m.begin();
        int outer = m.enter(StageMeter.RECEIVE);
        clock.now += StageMeter.LONGEST_RUN_NANOS + 1; // the thread lost its CPU in the middle
        m.exit(outer);
        m.end();
        m.begin();
        outer = m.enter(StageMeter.RECEIVE);
        clock.now += 40;
        m.exit(outer);
        m.end();
        assertEquals(40, m.nanos(StageMeter.RECEIVE));
        assertEquals(1, m.events(StageMeter.RECEIVE));
        assertEquals(1, m.runs());
        assertEquals(1, m.discardedRuns());
    }

    @Test
    void theSystemClockReadCostIsMeasuredOnceAndKept() {
        long cost = StageMeter.systemClockReadCost();
        assertTrue(cost >= 0);
        assertEquals(cost, StageMeter.systemClockReadCost());
    }

    /** A thread carrying a meter, as router threads do. */
    private static final class MeteredThread extends DriverThread {
        final StageMeter meter;

        MeteredThread(Runnable body) {
            this(body, new StageMeter(new Steps(), 0));
        }

        private MeteredThread(Runnable body, StageMeter meter) {
            super(body, "metered", 0, meter);
            this.meter = meter;
        }
    }

    @Test
    void activeIsTheThreadsMeterOnlyWhileItMeasuresARun() throws InterruptedException {
        assertNull(StageMeter.active(), "a thread without a meter never measures");
        AtomicReference<StageMeter> before = new AtomicReference<>();
        AtomicReference<StageMeter> during = new AtomicReference<>();
        AtomicReference<StageMeter> after = new AtomicReference<>();
        MeteredThread[] self = new MeteredThread[1];
        self[0] = new MeteredThread(() -> {
            before.set(StageMeter.active());
            self[0].meter.begin();
            during.set(StageMeter.active());
            Packet.make(60).kill(); // the free marks itself
            self[0].meter.end();
            after.set(StageMeter.active());
        });
        self[0].start();
        self[0].join();
        assertNull(before.get());
        assertSame(self[0].meter, during.get());
        assertNull(after.get());
        assertEquals(1, self[0].meter.events(StageMeter.FREE), "Packet.kill marks the free stage");
    }
}

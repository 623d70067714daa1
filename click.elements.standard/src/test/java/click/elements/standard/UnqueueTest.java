package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ConfigException;
import click.api.HandlerException;
import click.api.Packet;
import click.api.TaskHandle;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

class UnqueueTest {
    private static void feed(ElementHarness<?> h, int n) {
        for (int i = 0; i < n; i++) {
            h.feed(0, Packet.make(60));
        }
    }

    @Test
    void movesAtMostBurstPacketsPerRun() throws Exception {
        ElementHarness<Unqueue> h = ElementHarness.of(new Unqueue()).configure("BURST 2");
        feed(h, 5);
        assertEquals(2, h.runTasks());
        assertEquals(2, h.runTasks());
        assertEquals(1, h.runTasks());
        assertEquals(5, h.output(0).size());
        assertEquals("5", h.read("count"));
        h.assertNoLeaks();
    }

    @Test
    void defaultBurstIsOne() throws Exception {
        ElementHarness<Unqueue> h = ElementHarness.of(new Unqueue()).configure("");
        feed(h, 2);
        assertEquals(1, h.runTasks());
        assertEquals("1", h.read("burst"));
        h.assertNoLeaks();
    }

    @Test
    void negativeBurstMovesEverythingAvailable() throws Exception {
        ElementHarness<Unqueue> h = ElementHarness.of(new Unqueue()).configure("-1");
        feed(h, 7);
        assertEquals(7, h.runTasks());
        h.assertNoLeaks();
    }

    @Test
    void limitStopsTheTaskAndResetStartsItAgain() throws Exception {
        ElementHarness<Unqueue> h = ElementHarness.of(new Unqueue()).configure("BURST 4, LIMIT 3");
        feed(h, 6);
        assertEquals(3, h.runTasks());
        assertEquals(0, h.runTasks());
        TaskHandle task = h.tasks().get(0);
        assertFalse(task.isScheduled());
        h.write("reset", "");
        assertTrue(task.isScheduled());
        assertEquals(3, h.runTasks());
        h.assertNoLeaks();
    }

    @Test
    void inactiveUnqueueMovesNothingUntilActivated() throws Exception {
        ElementHarness<Unqueue> h = ElementHarness.of(new Unqueue()).configure("ACTIVE false");
        feed(h, 1);
        assertEquals(0, h.runTasks());
        assertFalse(h.tasks().get(0).isScheduled());
        h.write("active", "true");
        assertEquals(1, h.runTasks());
        h.assertNoLeaks();
    }

    @Test
    void withoutANotifierUpstreamTheTaskKeepsPolling() throws Exception {
        ElementHarness<Unqueue> h = ElementHarness.of(new Unqueue()).configure("");
        assertEquals(0, h.runTasks());
        assertTrue(h.tasks().get(0).isScheduled());
    }

    @Test
    void sleepsOnAnEmptyQueueAndIsWokenByTheNextPush() throws Exception {
        ElementHarness<Queue> q = ElementHarness.of(new Queue()).configure("");
        ElementHarness<Unqueue> h = ElementHarness.of(new Unqueue())
                .connectInput(0, q.element(), 0).configure("BURST 8");
        TaskHandle task = h.tasks().get(0);
        for (int i = 1; i < PacketQueue.EMPTY_PULLS_BEFORE_SLEEP; i++) {
            assertEquals(0, h.runTasks());
            assertTrue(task.isScheduled(), "still looking after " + i + " empty pulls");
        }
        assertEquals(0, h.runTasks());
        assertFalse(task.isScheduled(), "an empty queue upstream lets Unqueue sleep");
        q.push(0, Packet.make(60)).push(0, Packet.make(60));
        assertTrue(task.isScheduled(), "the push woke the task");
        assertEquals(2, h.runTasks());
        assertEquals(2, h.output(0).size());
        for (int i = 0; i < PacketQueue.EMPTY_PULLS_BEFORE_SLEEP; i++) {
            assertEquals(0, h.runTasks());
        }
        assertFalse(task.isScheduled());
        h.assertNoLeaks();
    }

    @Test
    void burstZeroAndBadKeywordsAreConfigErrors() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ElementHarness.of(new Unqueue()).configure("0"));
        assertEquals("expected a burst (an integer other than 0) for BURST, got \"0\"", e.getMessage());
        assertThrows(ConfigException.class, () -> ElementHarness.of(new Unqueue()).configure("ACTIVE maybe"));
    }

    @Test
    void handlerWritesCheckTheirValues() throws Exception {
        ElementHarness<Unqueue> h = ElementHarness.of(new Unqueue()).configure("");
        assertThrows(HandlerException.class, () -> h.write("burst", "0"));
        assertThrows(HandlerException.class, () -> h.write("active", "perhaps"));
        h.write("burst", "16");
        assertEquals("16", h.read("burst"));
        h.write("limit", "5");
        assertEquals("5", h.read("limit"));
    }
}

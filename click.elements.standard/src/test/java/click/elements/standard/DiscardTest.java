package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import click.api.ConfigException;
import click.api.Packet;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

class DiscardTest {
    @Test
    void hotSwapGoesOnFromTheOldDiscardsCount() throws Exception {
        ElementHarness<Discard> old = ElementHarness.of(new Discard()).configure("");
        ElementHarness<Discard> h = ElementHarness.of(new Discard()).configure("");
        old.push(0, Packet.make(60)).push(0, Packet.make(60));
        h.element().takeState(old.element());
        h.push(0, Packet.make(60));
        assertEquals("3", h.read("count"));
        h.assertNoLeaks();
    }

    @Test
    void killsPushedPackets() throws Exception {
        ElementHarness<Discard> h = ElementHarness.of(new Discard()).configure("");
        h.push(0, Packet.make(64)).push(0, Packet.make(64));
        assertEquals("2", h.read("count"));
        h.assertNoLeaks();
    }

    @Test
    void pullsInBurstsOnAPullInput() throws Exception {
        ElementHarness<Discard> h = ElementHarness.of(new Discard()).pullInputs().configure("BURST 2");
        h.feed(0, Packet.make(64), Packet.make(64), Packet.make(64));
        assertEquals(2, h.runTasks());
        assertEquals(1, h.runTasks());
        assertEquals(0, h.runTasks());
        assertEquals("3", h.read("count"));
        h.assertNoLeaks();
    }

    @Test
    void inactivePullDiscardPullsNothingEvenWhenItsQueueWakesIt() throws Exception {
        ElementHarness<Queue> q = ElementHarness.of(new Queue()).configure("");
        ElementHarness<Discard> h = ElementHarness.of(new Discard()).pullInputs()
                .connectInput(0, q.element(), 0).configure("");
        for (int i = 0; i < PacketQueue.EMPTY_PULLS_BEFORE_SLEEP; i++) {
            assertEquals(0, h.runTasks());
        }
        assertFalse(h.tasks().get(0).isScheduled(), "sleeps on the empty queue");
        h.write("active", "false");
        q.push(0, Packet.make(64));
        assertTrue(h.tasks().get(0).isScheduled(), "the queue's notifier woke the task");
        assertEquals(0, h.runTasks());
        assertEquals("1", q.read("length"));
        assertFalse(h.tasks().get(0).isScheduled());
        h.write("active", "true");
        assertEquals(1, h.runTasks());
        h.assertNoLeaks();
    }

    @Test
    void rejectsUnknownKeyword() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ElementHarness.of(new Discard()).configure("BRUST 2"));
        assertEquals("unknown keyword BRUST", e.getMessage());
    }
}

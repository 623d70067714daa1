package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ConfigException;
import click.api.TaskHandle;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

class RatedSourceTest {
    private static final long MS = 1_000_000L;

    @Test
    void sendsRatePacketsPerSecondOfTheRouterClock() throws Exception {
        ElementHarness<RatedSource> h = ElementHarness.of(new RatedSource()).configure("RATE 10");
        assertEquals(0, h.runTasks(), "the first packet is due one gap after the start");
        h.advance(1000 * MS);
        assertEquals(10, h.runTasks());
        h.advance(500 * MS);
        assertEquals(5, h.runTasks());
        assertEquals("15", h.read("count"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void sleepsUntilATimerSaysTheNextPacketIsDue() throws Exception {
        ElementHarness<RatedSource> h = ElementHarness.of(new RatedSource()).configure("");
        TaskHandle task = h.tasks().get(0);
        h.runTasks();
        assertFalse(task.isScheduled(), "no busy-waiting between packets");
        h.advance(99 * MS);
        assertFalse(task.isScheduled());
        h.advance(1 * MS);
        assertTrue(task.isScheduled(), "the timer woke the task at 100 ms (default RATE 10)");
        assertEquals(1, h.runTasks());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void catchesUpInBoundedBurstsWhenBehind() throws Exception {
        ElementHarness<RatedSource> h = ElementHarness.of(new RatedSource()).configure("RATE 1000");
        h.advance(1000 * MS);
        assertEquals(RatedSource.MAX_BURST, h.runTasks());
        assertTrue(h.tasks().get(0).isScheduled(), "still behind, so still runnable");
        assertEquals(1000, h.runTasksUntilIdle(100) + RatedSource.MAX_BURST);
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void limitAndStopEndTheRouter() throws Exception {
        ElementHarness<RatedSource> h = ElementHarness.of(new RatedSource()).configure("\\<00>, 100, 3, STOP true");
        h.advance(1000 * MS);
        assertEquals(3, h.runTasks());
        assertTrue(h.stopRequested());
        assertFalse(h.tasks().get(0).isScheduled());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void rateWriteRestartsTheSchedule() throws Exception {
        ElementHarness<RatedSource> h = ElementHarness.of(new RatedSource()).configure("RATE 1");
        h.runTasks();
        h.write("rate", "100");
        assertTrue(h.tasks().get(0).isScheduled());
        h.runTasks(); // starts the new epoch
        h.advance(100 * MS);
        assertEquals(10, h.runTasks());
        assertEquals("100", h.read("rate"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void inactiveSourceWaitsForTheActiveHandler() throws Exception {
        ElementHarness<RatedSource> h = ElementHarness.of(new RatedSource()).configure("ACTIVE false");
        h.advance(1000 * MS);
        assertEquals(0, h.runTasks());
        assertFalse(h.tasks().get(0).isScheduled());
        h.write("active", "true");
        h.runTasks();
        h.advance(100 * MS);
        assertEquals(1, h.runTasks());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void pullOutputReturnsAPacketOnlyWhenOneIsDue() throws Exception {
        ElementHarness<RatedSource> h = ElementHarness.of(new RatedSource()).pullOutputs().configure("RATE 10");
        assertNull(h.pull(0));
        assertFalse(h.element().emptyNotifier(0).active());
        h.advance(100 * MS);
        assertTrue(h.element().emptyNotifier(0).active(), "the timer woke the notifier");
        assertNotNull(h.pull(0));
        assertNull(h.pull(0));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void rateBelowOneIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ElementHarness.of(new RatedSource()).configure("RATE 0"));
        assertEquals("expected an integer >= 1 for RATE, got \"0\"", e.getMessage());
    }
}

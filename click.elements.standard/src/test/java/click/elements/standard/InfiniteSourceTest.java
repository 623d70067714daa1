package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Args;
import click.api.ConfigException;
import click.api.HandlerException;
import click.api.Packet;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

class InfiniteSourceTest {
    @Test
    void pushesBurstPacketsPerRunUntilTheLimitThenSleeps() throws Exception {
        ElementHarness<InfiniteSource> h = ElementHarness.of(new InfiniteSource()).configure("LIMIT 5, BURST 2");
        assertEquals(2, h.runTasks());
        assertEquals(2, h.runTasks());
        assertEquals(1, h.runTasks());
        assertFalse(h.tasks().get(0).isScheduled());
        assertEquals(0, h.runTasks());
        assertEquals(5, h.output(0).size());
        assertEquals("5", h.read("count"));
        assertFalse(h.stopRequested(), "STOP is false by default");
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void defaultDataIs64ZeroBytesAndEveryPacketIsAFreshCopy() throws Exception {
        ElementHarness<InfiniteSource> h = ElementHarness.of(new InfiniteSource()).configure("LIMIT 2");
        h.runTasks();
        h.runTasks();
        Packet a = h.output(0).get(0);
        Packet b = h.output(0).get(1);
        assertNotSame(a, b);
        assertArrayEquals(new byte[64], a.toByteArray());
        a.setU8(0, 0xFF);
        assertEquals(0, b.u8(0));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void positionalArgumentsAreDataLimitBurstActive() throws Exception {
        ElementHarness<InfiniteSource> h = ElementHarness.of(new InfiniteSource()).configure("\\<0800>, 3, 3, true");
        assertEquals(3, h.runTasks());
        assertArrayEquals(new byte[] {8, 0}, h.output(0).get(2).toByteArray());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void lengthRepeatsOrCutsTheData() throws Exception {
        ElementHarness<InfiniteSource> h = ElementHarness.of(new InfiniteSource())
                .configure("DATA \\<0102 03>, LENGTH 7, LIMIT 1");
        h.runTasks();
        assertArrayEquals(new byte[] {1, 2, 3, 1, 2, 3, 1}, h.output(0).get(0).toByteArray());
        h.write("length", "2");
        h.write("reset", "");
        h.runTasks();
        assertArrayEquals(new byte[] {1, 2}, h.output(0).get(1).toByteArray());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void stopTrueAsksTheRouterToStopWhenTheLimitIsReached() throws Exception {
        ElementHarness<InfiniteSource> h = ElementHarness.of(new InfiniteSource()).configure("LIMIT 3, BURST 2, STOP true");
        h.runTasks();
        assertFalse(h.stopRequested());
        h.runTasks();
        assertTrue(h.stopRequested());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void limitZeroSendsNothingAndStopsAtOnce() throws Exception {
        ElementHarness<InfiniteSource> h = ElementHarness.of(new InfiniteSource()).configure("LIMIT 0, STOP true");
        assertEquals(0, h.runTasks());
        assertTrue(h.stopRequested());
        assertTrue(h.output(0).isEmpty());
    }

    @Test
    void inactiveSourceSendsNothingUntilActiveIsWritten() throws Exception {
        ElementHarness<InfiniteSource> h = ElementHarness.of(new InfiniteSource()).configure("ACTIVE false, LIMIT 1");
        assertEquals(0, h.runTasks());
        assertFalse(h.tasks().get(0).isScheduled());
        h.write("active", "true");
        assertTrue(h.tasks().get(0).isScheduled());
        assertEquals(1, h.runTasks());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void resetLetsTheSourceSendAnotherLimit() throws Exception {
        ElementHarness<InfiniteSource> h = ElementHarness.of(new InfiniteSource()).configure("LIMIT 1");
        h.runTasks();
        h.runTasks();
        h.write("reset", "");
        assertEquals("0", h.read("count"));
        assertEquals(1, h.runTasks());
        assertEquals(2, h.output(0).size());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void liveReconfigurationStartsAStoppedSourceAgain() throws Exception {
        ElementHarness<InfiniteSource> h = ElementHarness.of(new InfiniteSource()).configure("LIMIT 1");
        h.runTasks();
        h.runTasks();
        assertFalse(h.tasks().get(0).isScheduled());
        h.element().configure(new Args("LIMIT 2, BURST 2"));
        assertTrue(h.tasks().get(0).isScheduled());
        assertEquals(2, h.runTasks());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void timestampsComeFromTheRouterClockUnlessDisabled() throws Exception {
        ElementHarness<InfiniteSource> h = ElementHarness.of(new InfiniteSource()).configure("LIMIT 1");
        h.runTasks();
        assertEquals(h.manualClock().epochNanos(), h.output(0).get(0).timestamp());
        h.clearOutputs();
        ElementHarness<InfiniteSource> h2 = ElementHarness.of(new InfiniteSource()).configure("LIMIT 1, TIMESTAMP false");
        h2.runTasks();
        assertEquals(0, h2.output(0).get(0).timestamp());
        h2.clearOutputs();
        h2.assertNoLeaks();
    }

    @Test
    void pullOutputGivesPacketsUntilTheLimitThenSleepsItsNotifier() throws Exception {
        ElementHarness<InfiniteSource> h = ElementHarness.of(new InfiniteSource()).pullOutputs().configure("LIMIT 2");
        assertTrue(h.tasks().isEmpty(), "a pull source needs no task");
        h.pull(0);
        h.pull(0);
        assertNull(h.pull(0));
        assertFalse(h.element().emptyNotifier(0).active());
        h.write("reset", "");
        assertTrue(h.element().emptyNotifier(0).active());
        h.pull(0);
        assertEquals(3, h.output(0).size());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void handlersReadAndWriteDataLimitAndBurst() throws Exception {
        ElementHarness<InfiniteSource> h = ElementHarness.of(new InfiniteSource()).configure("\\<0a0b>");
        assertEquals("\\<0a0b>", h.read("data"));
        h.write("data", "\\<ff>");
        h.write("burst", "3");
        h.write("limit", "3");
        assertEquals(3, h.runTasks());
        assertArrayEquals(new byte[] {(byte) 0xFF}, h.output(0).get(0).toByteArray());
        assertEquals("3", h.read("limit"));
        assertThrows(HandlerException.class, () -> h.write("burst", "0"));
        assertThrows(HandlerException.class, () -> h.write("data", "\\<abc>"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void burstBelowOneIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ElementHarness.of(new InfiniteSource()).configure("BURST 0"));
        assertEquals("expected an integer >= 1 for BURST, got \"0\"", e.getMessage());
    }
}

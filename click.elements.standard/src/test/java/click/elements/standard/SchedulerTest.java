package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import click.api.Packet;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    @Test
    void prioSchedAlwaysPrefersTheLowestNumberedInput() throws Exception {
        ElementHarness<PrioSched> h = ElementHarness.of(new PrioSched()).inputs(2).configure("");
        Packet hi1 = Packet.make(60);
        Packet hi2 = Packet.make(60);
        Packet lo = Packet.make(60);
        h.feed(1, lo).feed(0, hi1, hi2);
        assertSame(hi1, h.pull(0));
        assertSame(hi2, h.pull(0));
        assertSame(lo, h.pull(0));
        assertNull(h.pull(0));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void roundRobinSchedTakesTurnsAndSkipsEmptyInputs() throws Exception {
        ElementHarness<RoundRobinSched> h = ElementHarness.of(new RoundRobinSched()).inputs(3).configure("");
        Packet a1 = Packet.make(60);
        Packet a2 = Packet.make(60);
        Packet c1 = Packet.make(60);
        h.feed(0, a1, a2).feed(2, c1);
        assertSame(a1, h.pull(0));
        assertSame(c1, h.pull(0), "input 1 is empty, so input 2 has the turn");
        assertSame(a2, h.pull(0));
        assertNull(h.pull(0));
        h.clearOutputs();
        h.assertNoLeaks();
    }
}

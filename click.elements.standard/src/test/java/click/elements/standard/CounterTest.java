package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import click.api.Packet;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

class CounterTest {
    @Test
    void countsPacketsAndBytesAndPassesThemOn() throws Exception {
        ElementHarness<Counter> h = ElementHarness.of(new Counter()).configure("");
        Packet a = Packet.make(60);
        h.push(0, a).push(0, Packet.make(100));
        assertSame(a, h.output(0).get(0));
        assertEquals("2", h.read("count"));
        assertEquals("160", h.read("byte_count"));
        h.write("reset", "");
        assertEquals("0", h.read("count"));
        h.assertNoLeaks();
    }

    @Test
    void rateIsPacketsPerSecondOfTheClock() throws Exception {
        ElementHarness<Counter> h = ElementHarness.of(new Counter()).configure("");
        for (int i = 0; i < 10; i++) {
            h.push(0, Packet.make(60));
        }
        h.advance(2_000_000_000L);
        assertEquals("5.0", h.read("rate"));
        assertEquals("300.0", h.read("byte_rate"));
        assertEquals("2400.0", h.read("bit_rate"));
        h.clearOutputs();
        h.assertNoLeaks();
    }
}

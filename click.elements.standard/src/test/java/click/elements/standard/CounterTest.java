package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ConfigException;
import click.api.Packet;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

class CounterTest {
    @Test
    void hotSwapGoesOnFromTheOldCountersCounts() throws Exception {
        ElementHarness<Counter> old = ElementHarness.of(new Counter()).configure("");
        ElementHarness<Counter> h = ElementHarness.of(new Counter()).configure("");
        old.push(0, Packet.make(60)).push(0, Packet.make(40));
        h.element().takeState(old.element());
        h.push(0, Packet.make(10));
        assertEquals("3", h.read("count"));
        assertEquals("110", h.read("byte_count"));
        h.element().takeState(new Discard()); // another class: nothing to take
        assertEquals("3", h.read("count"));
        old.clearOutputs();
        h.clearOutputs();
        h.assertNoLeaks();
    }

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

    @Test
    void countCallWritesTheHandlerOnceWhenTheCountIsReached() throws Exception {
        ElementHarness<Counter> h = ElementHarness.of(new Counter()).configure("COUNT_CALL 3 c.reset");
        for (int i = 0; i < 4; i++) {
            h.push(0, Packet.make(60));
        }
        assertEquals("1", h.read("count"), "the third packet reset the count; the fourth counted afresh");
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void byteCountCallFiresWhenTheByteCountPassesTheThreshold() throws Exception {
        ElementHarness<Counter> h = ElementHarness.of(new Counter()).configure("BYTE_COUNT_CALL 100 reset_counts");
        h.push(0, Packet.make(60));
        assertEquals("1", h.read("count"));
        h.push(0, Packet.make(60));
        assertEquals("0", h.read("count"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void aFailingCountCallIsReportedAsAMessage() throws Exception {
        ElementHarness<Counter> h = ElementHarness.of(new Counter()).configure("");
        h.write("count_call", "1 nosuch");
        h.push(0, Packet.make(60)).push(0, Packet.make(60));
        assertEquals(1, h.messages().size());
        assertTrue(h.messages().get(0).startsWith("count call to nosuch failed"), h.messages().get(0));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void malformedCountCallIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ElementHarness.of(new Counter()).configure("COUNT_CALL stop"));
        assertEquals("COUNT_CALL: expected \"N HANDLER [VALUE]\", got \"stop\"", e.getMessage());
        assertThrows(ConfigException.class, () -> ElementHarness.of(new Counter()).configure("COUNT_CALL x stop"));
    }
}

package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import click.api.Packet;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

class SimpleQueueTest {
    @Test
    void takesOverTheQueuedPacketsOfTheSimpleQueueItReplaces() throws Exception {
        ElementHarness<SimpleQueue> old = ElementHarness.of(new SimpleQueue()).configure("");
        ElementHarness<SimpleQueue> h = ElementHarness.of(new SimpleQueue()).configure("");
        Packet a = Packet.make(60);
        old.push(0, a);
        h.element().takeState(old.element());
        assertSame(a, h.pull(0));
        h.assertNoLeaks();
    }
}

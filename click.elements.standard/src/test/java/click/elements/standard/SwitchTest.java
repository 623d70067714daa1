package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import click.api.HandlerException;
import click.api.Packet;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

class SwitchTest {
    @Test
    void sendsToOutputZeroByDefaultAndFollowsTheSwitchHandler() throws Exception {
        ElementHarness<Switch> h = ElementHarness.of(new Switch()).outputs(2).configure("");
        h.push(0, Packet.make(60));
        h.write("switch", "1");
        h.push(0, Packet.make(60));
        assertEquals(1, h.output(0).size());
        assertEquals(1, h.output(1).size());
        assertEquals("1", h.read("switch"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void minusOneAndMissingOutputsDropPackets() throws Exception {
        ElementHarness<Switch> h = ElementHarness.of(new Switch()).outputs(2).configure("-1");
        h.push(0, Packet.make(60));
        h.write("switch", "5");
        assertEquals("-1", h.read("switch"));
        h.push(0, Packet.make(60));
        assertEquals(0, h.output(0).size() + h.output(1).size());
        assertThrows(HandlerException.class, () -> h.write("switch", "left"));
        h.assertNoLeaks();
    }
}

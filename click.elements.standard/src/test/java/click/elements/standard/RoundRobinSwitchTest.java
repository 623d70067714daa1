package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertSame;

import click.api.Packet;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

class RoundRobinSwitchTest {
    @Test
    void dealsPacketsToTheOutputsInTurn() throws Exception {
        ElementHarness<RoundRobinSwitch> h = ElementHarness.of(new RoundRobinSwitch()).outputs(3).configure("");
        Packet[] ps = new Packet[7];
        for (int i = 0; i < ps.length; i++) {
            ps[i] = Packet.make(60);
            h.push(0, ps[i]);
        }
        for (int i = 0; i < ps.length; i++) {
            assertSame(ps[i], h.output(i % 3).get(i / 3));
        }
        h.clearOutputs();
        h.assertNoLeaks();
    }
}

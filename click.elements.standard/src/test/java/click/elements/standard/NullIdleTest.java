package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Packet;
import click.api.PortSpec;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

class NullIdleTest {
    @Test
    void nullPassesPacketsUnchangedBothWays() throws Exception {
        ElementHarness<Null> push = ElementHarness.of(new Null()).configure("");
        Packet p = Packet.make(60);
        push.push(0, p);
        assertSame(p, push.output(0).get(0));
        push.clearOutputs();
        ElementHarness<Null> pull = ElementHarness.of(new Null()).pullInputs().pullOutputs().configure("");
        Packet q = Packet.make(60);
        pull.feed(0, q);
        assertSame(q, pull.pull(0));
        pull.clearOutputs();
        pull.assertNoLeaks();
    }

    @Test
    void idleKillsWhatItIsGivenAndNeverProduces() throws Exception {
        ElementHarness<Idle> h = ElementHarness.of(new Idle()).inputs(2).outputs(2).configure("");
        h.push(1, Packet.make(60));
        assertTrue(h.output(0).isEmpty() && h.output(1).isEmpty());
        assertNull(h.element().pull(0));
        assertFalse(h.element().emptyNotifier(0).active(), "pullers downstream of Idle may sleep");
        h.assertNoLeaks();
    }

    @Test
    void idleAllowsAnyNumberOfPortsWithNoFlowBetweenThem() {
        Idle idle = new Idle();
        PortSpec spec = PortSpec.parse(idle.portCountSpec());
        assertTrue(spec.inputsAllowed(0) && spec.outputsAllowed(0) && spec.inputsAllowed(9) && spec.outputsAllowed(9));
        assertFalse(PortSpec.flows(idle.flowCode(), 0, 0));
    }
}

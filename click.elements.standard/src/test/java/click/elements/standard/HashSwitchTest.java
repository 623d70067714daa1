package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ConfigException;
import click.api.Packet;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

class HashSwitchTest {
    /** A 20-byte IPv4-like header whose destination address (bytes 16-19) is 10.0.x.y. */
    private static Packet toHost(int host) {
        Packet p = Packet.make(20);
        p.setI32(16, 0x0A000000 | host);
        return p;
    }

    private static int outputOf(ElementHarness<HashSwitch> h, Packet p) {
        h.push(0, p);
        for (int i = 0; i < h.element().noutputs(); i++) {
            if (!h.output(i).isEmpty() && h.output(i).get(h.output(i).size() - 1) == p) {
                return i;
            }
        }
        throw new AssertionError("packet left by no output");
    }

    @Test
    void equalBytesAlwaysTakeTheSameOutput() throws Exception {
        ElementHarness<HashSwitch> h = ElementHarness.of(new HashSwitch()).outputs(4).configure("16, 4");
        for (int host = 0; host < 50; host++) {
            Packet first = toHost(host);
            Packet second = toHost(host);
            second.setU8(0, 0x99); // bytes outside the hashed range do not matter
            assertEquals(outputOf(h, first), outputOf(h, second));
        }
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void flowsSpreadEvenlyOverTheOutputs() throws Exception {
        ElementHarness<HashSwitch> h = ElementHarness.of(new HashSwitch()).outputs(4).configure("OFFSET 16, LENGTH 4");
        for (int host = 0; host < 4000; host++) {
            h.push(0, toHost(host));
        }
        for (int i = 0; i < 4; i++) {
            int n = h.output(i).size();
            assertTrue(n > 800 && n < 1200, "output " + i + " got " + n + " of 4000 flows");
        }
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void aPacketTooShortForTheHashedBytesGoesToOutputZero() throws Exception {
        ElementHarness<HashSwitch> h = ElementHarness.of(new HashSwitch()).outputs(3).configure("16, 4");
        Packet p = Packet.make(19);
        h.push(0, p);
        assertSame(p, h.output(0).get(0));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void lengthMustBePositive() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ElementHarness.of(new HashSwitch()).outputs(2).configure("16, 0"));
        assertEquals("expected an integer >= 1 for LENGTH, got \"0\"", e.getMessage());
        assertThrows(ConfigException.class, () -> ElementHarness.of(new HashSwitch()).configure("16"));
    }
}

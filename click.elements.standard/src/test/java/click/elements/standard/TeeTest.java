package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import click.api.ConfigException;
import click.api.Packet;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

class TeeTest {
    @Test
    void everyOutputGetsThePacketAndTheLastOneGetsTheOriginal() throws Exception {
        ElementHarness<Tee> h = ElementHarness.of(new Tee()).outputs(3).configure("");
        Packet p = Packet.make(new byte[] {1, 2, 3});
        p.setPaint(7);
        h.push(0, p);
        assertSame(p, h.output(2).get(0));
        for (int i = 0; i < 2; i++) {
            Packet copy = h.output(i).get(0);
            assertNotSame(p, copy);
            assertArrayEquals(new byte[] {1, 2, 3}, copy.toByteArray());
            assertEquals(7, copy.paint());
        }
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void oneOutputPassesTheOriginalWithoutCopying() throws Exception {
        ElementHarness<Tee> h = ElementHarness.of(new Tee()).configure("1");
        Packet p = Packet.make(60);
        h.push(0, p);
        assertSame(p, h.output(0).get(0));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void nMustMatchTheConnectedOutputs() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ElementHarness.of(new Tee()).outputs(2).configure("3"));
        assertEquals("N is 3 but 2 outputs are connected", e.getMessage());
    }
}

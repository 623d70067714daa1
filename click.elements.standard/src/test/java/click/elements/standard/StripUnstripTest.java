package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ConfigException;
import click.api.Packet;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

class StripUnstripTest {
    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    @Test
    void stripRemovesTheFrontAndUnstripBringsItBack() throws Exception {
        ElementHarness<Strip> strip = ElementHarness.of(new Strip()).configure("14");
        ElementHarness<Unstrip> unstrip = ElementHarness.of(new Unstrip()).configure("14");
        Packet p = Packet.make(bytes(20));
        strip.push(0, p);
        assertEquals(6, p.length());
        assertEquals(14, p.u8(0));
        unstrip.push(0, strip.take(0).get(0));
        assertArrayEquals(bytes(20), unstrip.output(0).get(0).toByteArray());
        unstrip.clearOutputs();
        unstrip.assertNoLeaks();
    }

    @Test
    void strippingMoreThanThePacketLeavesItEmpty() throws Exception {
        ElementHarness<Strip> h = ElementHarness.of(new Strip()).configure("14");
        h.push(0, Packet.make(10));
        assertEquals(0, h.output(0).get(0).length());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void unstripMovesDataWhenHeadroomIsShort() throws Exception {
        ElementHarness<Unstrip> h = ElementHarness.of(new Unstrip()).configure("200");
        Packet p = Packet.make(new byte[] {7, 8});
        h.push(0, p);
        assertEquals(202, p.length());
        assertEquals(7, p.u8(200));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void unstripKillsAndCountsAPacketThatCannotGrow() throws Exception {
        ElementHarness<Unstrip> h = ElementHarness.of(new Unstrip()).configure("100");
        Packet p = Packet.make(0, Packet.POOLED_CAPACITY - 10, 0);
        h.push(0, p);
        assertTrue(h.output(0).isEmpty());
        assertEquals("1", h.read("drops"));
        h.assertNoLeaks();
    }

    @Test
    void lengthIsRequiredAndNotNegative() {
        assertThrows(ConfigException.class, () -> ElementHarness.of(new Strip()).configure(""));
        ConfigException e = assertThrows(ConfigException.class, () -> ElementHarness.of(new Unstrip()).configure("-1"));
        assertEquals("expected an integer >= 0 for LENGTH, got \"-1\"", e.getMessage());
    }
}

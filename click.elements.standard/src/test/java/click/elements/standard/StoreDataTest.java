package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import click.api.ConfigException;
import click.api.Packet;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

class StoreDataTest {
    @Test
    void storesDataAtTheOffsetAsTheBenchmarksUseIt() throws Exception {
        ElementHarness<StoreData> h = ElementHarness.of(new StoreData()).configure("0, \\<02>");
        Packet p = Packet.make(new byte[] {9, 9, 9});
        h.push(0, p);
        assertArrayEquals(new byte[] {2, 9, 9}, p.toByteArray());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void maskChangesOnlyItsBits() throws Exception {
        ElementHarness<StoreData> h = ElementHarness.of(new StoreData()).configure("1, \\<ff00>, \\<0ff0>");
        Packet p = Packet.make(new byte[] {0, (byte) 0xAA, (byte) 0xAA});
        h.push(0, p);
        assertArrayEquals(new byte[] {0, (byte) 0xAF, 0x0A}, p.toByteArray());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void shortPacketsGetWhatFitsUnlessGrowIsTrue() throws Exception {
        ElementHarness<StoreData> h = ElementHarness.of(new StoreData()).configure("2, \\<010203>");
        Packet p = Packet.make(new byte[] {5, 5, 5});
        h.push(0, p);
        assertArrayEquals(new byte[] {5, 5, 1}, p.toByteArray());
        ElementHarness<StoreData> grow = ElementHarness.of(new StoreData()).configure("4, \\<0102>, GROW true");
        Packet q = Packet.make(new byte[] {5, 5});
        grow.push(0, q);
        assertArrayEquals(new byte[] {5, 5, 0, 0, 1, 2}, q.toByteArray());
        grow.clearOutputs();
        grow.assertNoLeaks();
    }

    @Test
    void maskMustBeAsLongAsData() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ElementHarness.of(new StoreData()).configure("0, \\<0102>, \\<ff>"));
        assertEquals("expected MASK as long as DATA (2 bytes), got 1 bytes", e.getMessage());
        assertThrows(ConfigException.class, () -> ElementHarness.of(new StoreData()).configure("0"));
    }
}

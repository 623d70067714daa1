package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import click.api.ConfigException;
import click.api.HandlerException;
import click.api.Packet;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

class PaintTest {
    @Test
    void setsThePaintAnnotation() throws Exception {
        ElementHarness<Paint> h = ElementHarness.of(new Paint()).configure("3");
        Packet p = Packet.make(60);
        h.push(0, p);
        assertSame(p, h.output(0).get(0));
        assertEquals(3, p.paint());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void annoNamesAUserAnnotationByte() throws Exception {
        ElementHarness<Paint> h = ElementHarness.of(new Paint()).configure("COLOR 200, ANNO 5");
        Packet p = Packet.make(60);
        h.push(0, p);
        assertEquals(200, p.userAnnoU8(5));
        assertEquals(0, p.paint());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void colorHandlerChangesTheColour() throws Exception {
        ElementHarness<Paint> h = ElementHarness.of(new Paint()).configure("1");
        h.write("color", "9");
        assertEquals("9", h.read("color"));
        Packet p = Packet.make(60);
        h.push(0, p);
        assertEquals(9, p.paint());
        assertThrows(HandlerException.class, () -> h.write("color", "256"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void colourOutOfRangeOrMissingIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ElementHarness.of(new Paint()).configure("300"));
        assertEquals("expected an integer from 0 to 255 for COLOR, got \"300\"", e.getMessage());
        assertThrows(ConfigException.class, () -> ElementHarness.of(new Paint()).configure(""));
        assertThrows(ConfigException.class, () -> ElementHarness.of(new Paint()).configure("1, ANNO 16"));
    }
}

package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Packet;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

class PaintTeeTest {
    @Test
    void aPacketOfTheColourAlsoSendsACopyToOutputOne() throws Exception {
        ElementHarness<PaintTee> h = ElementHarness.of(new PaintTee()).configure("2");
        Packet p = Packet.make(60);
        p.setPaint(2);
        h.push(0, p);
        assertSame(p, h.output(0).get(0));
        assertEquals(1, h.output(1).size());
        assertNotSame(p, h.output(1).get(0));
        assertEquals(2, h.output(1).get(0).paint());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void otherColoursOnlyLeaveByOutputZero() throws Exception {
        ElementHarness<PaintTee> h = ElementHarness.of(new PaintTee()).configure("2");
        Packet p = Packet.make(60);
        p.setPaint(1);
        h.push(0, p);
        assertSame(p, h.output(0).get(0));
        assertTrue(h.output(1).isEmpty());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void annoReadsAUserAnnotationByte() throws Exception {
        ElementHarness<PaintTee> h = ElementHarness.of(new PaintTee()).configure("4, ANNO 0");
        Packet p = Packet.make(60);
        p.setUserAnnoU8(0, 4);
        h.push(0, p);
        assertEquals(1, h.output(1).size());
        h.clearOutputs();
        h.assertNoLeaks();
    }
}

package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ConfigException;
import click.api.Packet;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

class PrintTest {
    private static Packet hello() {
        return Packet.make(new byte[] {'h', 'e', 'l', 'l', 'o', 0, 1, 2, 3, 4});
    }

    @Test
    void printsLabelLengthAndHexInGroupsOfFour() throws Exception {
        ElementHarness<Print> h = ElementHarness.of(new Print()).configure("in");
        Packet p = hello();
        h.push(0, p);
        assertSame(p, h.output(0).get(0));
        assertEquals("in:   10 | 68656c6c 6f000102 0304", h.messages().get(0));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void maxLengthCutsTheDataAndNegativePrintsAll() throws Exception {
        ElementHarness<Print> h = ElementHarness.of(new Print()).configure("\"\", 3");
        h.push(0, hello());
        assertEquals("  10 | 68656c", h.messages().get(0));
        ElementHarness<Print> all = ElementHarness.of(new Print()).configure("x, LENGTH -1");
        all.push(0, Packet.make(30));
        assertEquals(30 * 2 + 7, all.messages().get(0).split("\\| ")[1].length());
        all.clearOutputs();
    }

    @Test
    void asciiAndNoneContents() throws Exception {
        ElementHarness<Print> h = ElementHarness.of(new Print()).configure("a, CONTENTS ASCII");
        h.push(0, hello());
        assertEquals("a:   10 | hello.....", h.messages().get(0));
        ElementHarness<Print> none = ElementHarness.of(new Print()).configure("n, CONTENTS NONE");
        none.push(0, hello());
        assertEquals("n:   10 |", none.messages().get(0));
        none.clearOutputs();
    }

    @Test
    void timestampAndHeadroomWhenAskedFor() throws Exception {
        ElementHarness<Print> h = ElementHarness.of(new Print()).configure("t, 0, TIMESTAMP true, HEADROOM true");
        Packet p = Packet.make(4);
        p.setTimestamp(1_700_000_000_123_456_789L);
        h.push(0, p);
        assertEquals("t: 1700000000.123456:    4 (h96 t" + p.tailroom() + ") |", h.messages().get(0));
        h.clearOutputs();
    }

    @Test
    void inactivePrintStaysSilentButPassesPackets() throws Exception {
        ElementHarness<Print> h = ElementHarness.of(new Print()).configure("ACTIVE false");
        h.push(0, hello());
        assertTrue(h.messages().isEmpty());
        h.write("active", "true");
        h.push(0, hello());
        assertEquals(1, h.messages().size());
        assertEquals(2, h.output(0).size());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void unknownContentsIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ElementHarness.of(new Print()).configure("x, CONTENTS BINARY"));
        assertEquals("expected HEX, ASCII or NONE for CONTENTS, got \"BINARY\"", e.getMessage());
    }
}

package click.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void columnsAreAlignedTextLeftNumbersRightWithoutTrailingBlanks() {
        Table t = new Table("TASK", "THREAD", "CALLS").row("src", 0, 1204331).row("uq", 1, 7);
        assertEquals("TASK  THREAD    CALLS\n"
                   + "src        0  1204331\n"
                   + "uq         1        7\n", t.toString());
    }

    @Test
    void aColumnWithAnyTextIsLeftAligned() {
        Table t = new Table("A", "B").row("x", "12").row("y", "n/a");
        assertEquals("A  B\nx  12\ny  n/a\n", t.toString());
    }

    @Test
    void decimalsNegativesAndDashesCountAsNumbers() {
        Table t = new Table("NAME", "NS").row("a", "40.9").row("b", "-").row("c", "-3");
        assertEquals("NAME    NS\na     40.9\nb        -\nc       -3\n", t.toString());
    }

    @Test
    void lineBreaksAndTabsInsideACellBecomeSpacesSoEachRowIsOneLine() {
        Table t = new Table("ELEMENT", "CONFIG").row("q", "CAPACITY 10,\n\tBURST 2");
        assertEquals("ELEMENT  CONFIG\nq        CAPACITY 10,  BURST 2\n", t.toString());
    }

    @Test
    void anEmptyTableIsItsHeader() {
        assertEquals("ROUTER  STATE\n", new Table("ROUTER", "STATE").toString());
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Table("A", "B").row("x"));
        assertEquals("a row of 1 cells in a table of 2 columns", e.getMessage());
    }
}

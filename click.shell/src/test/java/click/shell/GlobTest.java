package click.shell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GlobTest {
    @Test
    void starMatchesAnyRunIncludingNothing() {
        assertTrue(Glob.matches("*", ""));
        assertTrue(Glob.matches("c*", "c"));
        assertTrue(Glob.matches("c*", "counter"));
        assertTrue(Glob.matches("*Queue", "SimpleQueue"));
        assertTrue(Glob.matches("p/*", "p/c"));
        assertFalse(Glob.matches("c*", "queue"));
    }

    @Test
    void questionMarkMatchesExactlyOneCharacter() {
        assertTrue(Glob.matches("c?", "c1"));
        assertFalse(Glob.matches("c?", "c"));
        assertFalse(Glob.matches("c?", "c12"));
    }

    @Test
    void otherCharactersMatchOnlyThemselvesAndTheWholeNameMustMatch() {
        assertTrue(Glob.matches("Counter@2", "Counter@2"));
        assertFalse(Glob.matches("Counter", "Counter@2"));
        assertFalse(Glob.matches("ounter", "Counter"));
    }
}

package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import click.api.ConfigException;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

class StaticThreadSchedTest {
    @Test
    void namedElementsGetTheirThreadsAndOthersNoPreference() throws Exception {
        Discard src = new Discard();
        Discard uq = new Discard();
        Discard other = new Discard();
        ElementHarness<StaticThreadSched> h = ElementHarness.of(new StaticThreadSched())
                .withElement("src", src).withElement("uq", uq).withElement("other", other)
                .threads(2)
                .configure("src 0, uq 1");
        assertEquals(0, h.element().preferredThread(src));
        assertEquals(1, h.element().preferredThread(uq));
        assertEquals(-1, h.element().preferredThread(other));
        assertEquals("src 0\nuq 1\n", h.read("threads"));
    }

    @Test
    void threadNumbersAcceptHexLikeClickIntegers() throws Exception {
        Discard uq = new Discard();
        ElementHarness<StaticThreadSched> h = ElementHarness.of(new StaticThreadSched())
                .withElement("uq", uq).configure("uq 0x1");
        assertEquals(1, h.element().preferredThread(uq));
    }

    @Test
    void unknownElementIsAnInitialisationErrorNamingIt() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ElementHarness.of(new StaticThreadSched()).configure("nosuch 1"));
        assertEquals("no element named 'nosuch' to assign to thread 1", e.getMessage());
    }

    @Test
    void negativeOrMissingThreadIsAConfigError() {
        ConfigException neg = assertThrows(ConfigException.class,
                () -> ElementHarness.of(new StaticThreadSched()).configure("src -1"));
        assertEquals("expected a thread number >= 0 for src, got \"-1\"", neg.getMessage());
        ConfigException missing = assertThrows(ConfigException.class,
                () -> ElementHarness.of(new StaticThreadSched()).configure("src"));
        assertEquals("expected ELEMENT THREAD, got \"src\"", missing.getMessage());
        ConfigException word = assertThrows(ConfigException.class,
                () -> ElementHarness.of(new StaticThreadSched()).configure("src one"));
        assertEquals("expected a thread number >= 0 for src, got \"one\"", word.getMessage());
    }

    @Test
    void assigningOneElementTwiceIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ElementHarness.of(new StaticThreadSched()).configure("src 0, src 1"));
        assertEquals("element src is assigned a thread twice", e.getMessage());
    }
}

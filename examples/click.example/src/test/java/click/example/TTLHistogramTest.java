package click.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ConfigException;
import click.api.Element;
import click.api.Packet;
import click.testing.ElementHarness;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class TTLHistogramTest {
    /** A 20-byte IPv4 header (no payload) with time-to-live {@code ttl}. */
    private static Packet ip(int ttl) {
        Packet p = Packet.make(20);
        p.setU8(0, 0x45);
        p.setU16(2, 20);
        p.setU8(8, ttl);
        p.setU8(9, 17);
        return p;
    }

    @Test
    void countsEveryPacketByItsTtlAndPassesItOnUnchanged() throws Exception {
        ElementHarness<TTLHistogram> h = harness("");
        Packet first = ip(64);
        h.push(0, first).push(0, ip(64)).push(0, ip(1)).push(0, ip(255));
        assertSame(first, h.output(0).get(0));
        assertEquals(4, h.output(0).size());
        assertEquals("4", h.read("count"));
        assertEquals("1 1\n64 2\n255 1\n", h.read("counts"));
        assertEquals("0-31 1\n64-95 2\n224-255 1\n", h.read("histogram"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void bucketGroupsTheHistogramLinesAndTheLastBucketEndsAt255() throws Exception {
        ElementHarness<TTLHistogram> h = harness("BUCKET 100");
        h.push(0, ip(0)).push(0, ip(99)).push(0, ip(100)).push(0, ip(255));
        assertEquals("0-99 2\n100-199 1\n200-255 1\n", h.read("histogram"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void aPacketTooShortForAnIpHeaderIsDroppedAndCounted() throws Exception {
        ElementHarness<TTLHistogram> h = harness("");
        Packet runt = Packet.make(12);
        runt.setU8(0, 0x45);
        h.push(0, runt).push(0, ip(64));
        assertEquals(1, h.output(0).size());
        assertEquals("1", h.read("drops"));
        assertEquals("1", h.read("count"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void resetZeroesTheCountsAndDrops() throws Exception {
        ElementHarness<TTLHistogram> h = harness("");
        h.push(0, ip(64)).push(0, Packet.make(4));
        h.write("reset", "");
        assertEquals("0", h.read("count"));
        assertEquals("0", h.read("drops"));
        assertEquals("", h.read("histogram"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void aBucketOutsideOneTo256IsAConfigError() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> harness("BUCKET 0"));
        assertTrue(e.getMessage().contains("BUCKET"), e.getMessage());
        assertThrows(ConfigException.class, () -> harness("BUCKET 257"));
        assertThrows(ConfigException.class, () -> harness("BUCKET 32, COLOR red"));
    }

    @Test
    void takesOverTheCountsOfTheElementItReplaces() throws Exception {
        ElementHarness<TTLHistogram> before = harness("");
        before.push(0, ip(64)).push(0, ip(64)).push(0, Packet.make(4));
        before.clearOutputs();
        before.assertNoLeaks();

        ElementHarness<TTLHistogram> after = harness("BUCKET 256");
        after.element().takeState(before.element());
        after.push(0, ip(8));
        assertEquals("0-255 3\n", after.read("histogram"));
        assertEquals("1", after.read("drops"));
        after.clearOutputs();
        after.assertNoLeaks();
    }

    @Test
    void takesOverTheCountsOfAnotherVersionOfItsClassThroughItsHandlers() throws Exception {
        // what a bundle update hands over: the same class, loaded again by another class loader
        Element otherVersion = (Element) new ChildFirst().loadClass(TTLHistogram.class.getName())
                .getDeclaredConstructor().newInstance();
        assertNotSame(TTLHistogram.class, otherVersion.getClass());
        ElementHarness<Element> before = ElementHarness.of(otherVersion).named("h").configure("");
        before.push(0, ip(64)).push(0, ip(128)).push(0, Packet.make(4));
        before.clearOutputs();
        before.assertNoLeaks();

        ElementHarness<TTLHistogram> after = harness("");
        after.element().takeState(otherVersion);
        assertEquals("64 1\n128 1\n", after.read("counts"));
        assertEquals("1", after.read("drops"));
        assertEquals(2, after.element().count());
    }

    private static ElementHarness<TTLHistogram> harness(String config) throws ConfigException {
        return ElementHarness.of(new TTLHistogram()).named("h").configure(config);
    }

    /** Loads this bundle's classes itself (the rest from the test's class loader), like a second bundle revision. */
    private static final class ChildFirst extends ClassLoader {
        ChildFirst() {
            super(TTLHistogramTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("click.example.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        c = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }
}

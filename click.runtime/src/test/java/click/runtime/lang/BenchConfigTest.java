package click.runtime.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ErrorReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The project's benchmark configurations (written for C++ Click) parse and flatten unchanged. */
class BenchConfigTest {
    /** Every capitalised word is a class: these tests are about the language, not the elements. */
    private static final ClassCatalog ANY_CLASS = new ClassCatalog() {
        @Override
        public boolean isClass(String name) {
            return Character.isUpperCase(name.charAt(0));
        }

        @Override
        public Collection<String> classNames() {
            return List.of();
        }
    };

    private static String resource(String name) throws IOException {
        try (InputStream in = BenchConfigTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static FlatGraph flatten(String text, Map<String, String> defines) {
        ErrorReport r = new ErrorReport();
        FlatGraph g = ConfigParser.parse(text, "bench.click", defines, ANY_CLASS, r);
        assertFalse(r.hasErrors(), r.toString());
        return g;
    }

    private static String config(FlatGraph g, String element) {
        return g.elements().get(g.indexOf(element)).config();
    }

    @ParameterizedTest
    @ValueSource(strings = {"02-iprouter.click", "03d-router-2path.click", "05b-nat-2path.click"})
    void flattensAndTheFlatTextFlattensToItself(String file) throws IOException {
        String once = flatten(resource(file), Map.of()).toClick();
        assertEquals(once, flatten(once, Map.of()).toClick());
    }

    @Test
    void compoundInstancesOfTheTwoPathRouterGetTheirOwnComponents() throws IOException {
        FlatGraph g = flatten(resource("03d-router-2path.click"), Map.of("TB", "1", "QCAP", "64"));
        assertEquals("ARPQuerier", g.elements().get(g.indexOf("pA/arpq")).className());
        assertEquals("ARPQuerier", g.elements().get(g.indexOf("pB/arpq")).className());
        assertEquals("64", config(g, "qA"));
        assertEquals("src0 0, uqA 0, uqB 1", config(g, named(g, "StaticThreadSched@")));
        assertTrue(config(g, named(g, "DriverManager@")).contains("set t0 $(now), wait 5,"));
        int uqA = g.indexOf("uqA");
        int rt = g.indexOf("pA/rt");
        assertTrue(g.connections().stream().anyMatch(c -> c.from() == uqA && c.to() == rt && c.toPort() == 0),
                "uqA -> pA's input -> pA/rt, through the tunnel");
    }

    /** The element whose generated name starts with {@code prefix}. */
    private static String named(FlatGraph g, String prefix) {
        return g.elements().stream().map(FlatGraph.Element::name).filter(n -> n.startsWith(prefix)).findFirst()
                .orElseThrow();
    }
}

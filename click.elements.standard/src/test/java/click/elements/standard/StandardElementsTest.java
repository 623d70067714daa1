package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ElementFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StandardElementsTest {
    @Test
    void registersEveryElementUnderItsClickNameAndAliases() {
        List<ElementFactory> factories = new StandardElements().elementFactories();
        Set<String> names = new HashSet<>();
        for (ElementFactory f : factories) {
            assertTrue(names.add(f.className()), "registered twice: " + f.className());
            assertEquals(f.elementClass(), f.newElement().getClass());
        }
        for (String name : List.of("InfiniteSource", "RatedSource", "Queue", "SimpleQueue", "Unqueue",
                "PullToPush", "Tee", "PaintTee", "Paint", "Strip", "Unstrip", "HashSwitch", "HashDemux",
                "Switch", "RoundRobinSwitch", "PrioSched", "RoundRobinSched", "Null", "Idle", "Print",
                "StoreData", "Discard", "Counter", "Classifier", "StaticThreadSched", "Script", "DriverManager",
                "FromDump", "ToDump")) {
            assertTrue(names.contains(name), name + " is not registered");
        }
    }
}

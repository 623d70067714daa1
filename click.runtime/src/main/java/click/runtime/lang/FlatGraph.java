package click.runtime.lang;

import click.api.Location;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A configuration after compounds are expanded: primitive elements only, with flat names
 * ({@code outer/inner}), expanded configuration strings, and direct connections.
 */
public final class FlatGraph {
    /** One primitive element. */
    public record Element(String name, String className, String config, Location location) {
    }

    /** {@code from [fromPort] -> [toPort] to}, by element index. */
    public record Connection(int from, int fromPort, int to, int toPort, Location location) {
    }

    /** One port of one element, by element index. */
    public record Port(int element, int port) {
    }

    private final List<Element> elements;
    private final List<Connection> connections;
    private final Set<Port> danglingInputs;
    private final Set<Port> danglingOutputs;
    private final Map<String, Integer> index = new HashMap<>();

    FlatGraph(List<Element> elements, List<Connection> connections, Set<Port> danglingInputs,
              Set<Port> danglingOutputs) {
        this.elements = List.copyOf(elements);
        this.connections = List.copyOf(connections);
        this.danglingInputs = Set.copyOf(danglingInputs);
        this.danglingOutputs = Set.copyOf(danglingOutputs);
        for (int i = 0; i < this.elements.size(); i++) {
            index.put(this.elements.get(i).name(), i);
        }
    }

    /** A graph of the given elements and connections (indices refer to {@code elements}). */
    public static FlatGraph of(List<Element> elements, List<Connection> connections) {
        return new FlatGraph(elements, connections, Set.of(), Set.of());
    }

    /**
     * Input ports connected to something an error was already reported about (an unknown class, an
     * undeclared element, a compound with wrong arguments): they count as connected, so that one
     * mistake does not also produce "not connected" errors around it.
     */
    public Set<Port> danglingInputs() {
        return danglingInputs;
    }

    /** Output ports connected to something an error was already reported about; see {@link #danglingInputs()}. */
    public Set<Port> danglingOutputs() {
        return danglingOutputs;
    }

    public List<Element> elements() {
        return elements;
    }

    public List<Connection> connections() {
        return Collections.unmodifiableList(connections);
    }

    /** Index of the element called {@code name}, or -1. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    /**
     * The graph as Click text: one declaration per element, then one connection per line. Valid
     * Click (for this parser and for Click itself); ports 0 are left out as Click does.
     */
    public String toClick() {
        StringBuilder sb = new StringBuilder();
        for (Element e : elements) {
            sb.append(e.name()).append(" :: ").append(e.className());
            if (e.config() != null && !e.config().isEmpty()) {
                sb.append('(').append(e.config()).append(')');
            }
            sb.append(";\n");
        }
        if (!connections.isEmpty()) {
            sb.append('\n');
        }
        for (Connection c : connections) {
            sb.append(elements.get(c.from()).name());
            if (c.fromPort() != 0) {
                sb.append(" [").append(c.fromPort()).append(']');
            }
            sb.append(" -> ");
            if (c.toPort() != 0) {
                sb.append('[').append(c.toPort()).append("] ");
            }
            sb.append(elements.get(c.to()).name()).append(";\n");
        }
        return sb.toString();
    }
}

package click.runtime;

import click.api.Args;
import click.api.ConfigException;
import click.api.ConfigText;
import click.api.Driver;
import click.api.Element;
import click.api.ElementFactory;
import click.api.HandlerAccess;
import click.api.HandlerException;
import click.api.HandlerRegistry;
import click.api.HandlerSet;
import click.api.Input;
import click.api.Output;
import click.api.PortSpec;
import click.runtime.graph.PortGraph;
import click.runtime.lang.FlatGraph;
import click.runtime.lang.FlatGraph.Connection;
import click.runtime.lang.Suggestions;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every handler of a router: the standard ones each element gets (name, class, config, ports,
 * handlers), each element's own, and the router's (config, flatconfig, list, classes, version,
 * stop, then the driver's own). Names are {@code ELEMENT.HANDLER} (the handler is after the last
 * dot, as element names may contain {@code /}), or a bare router handler name.
 *
 * <p>Thread ownership: the handler sets are filled while the router is built and only read after.
 */
final class RouterHandlers implements HandlerAccess {
    /** The value of the {@code version} handler. */
    static final String VERSION = "0.1.0";

    private final List<Element> elements;
    private final Map<String, Element> byName;
    private final FlatGraph graph;
    private final PortGraph ports;
    private final RouterContext context;
    private final ElementRegistry registry;
    private final String config;
    private final Map<Element, HandlerSet> sets = new IdentityHashMap<>();
    private final HandlerSet routerSet = new HandlerSet();
    private final Runnable stop;

    RouterHandlers(List<Element> elements, Map<String, Element> byName, FlatGraph graph, PortGraph ports,
                   RouterContext context, ElementRegistry registry, String config, Runnable stop) {
        this.elements = elements;
        this.byName = byName;
        this.graph = graph;
        this.ports = ports;
        this.context = context;
        this.registry = registry;
        this.config = config;
        this.stop = stop;
    }

    /** Declares the standard and the element's own handlers; an element's exception is its bug, reported by the caller. */
    void addElement(int index, Element e) {
        HandlerSet h = new HandlerSet();
        h.read("name", e::name)
         .read("class", e::className)
         .readWrite("config", e::configuration, v -> reconfigure(e, v))
         .read("ports", () -> ports(index))
         .read("handlers", () -> handlerList(h));
        sets.put(e, h);
        e.addHandlers(h);
    }

    /** The router's handlers, then {@code driver}'s own (the SMP driver's task_costs, scheduling, ...). */
    void addRouterHandlers(Driver driver) {
        routerSet.read("config", () -> config)
                 .read("flatconfig", this::flatConfig)
                 .read("list", this::list)
                 .read("classes", this::classes)
                 .read("version", () -> VERSION)
                 .write("stop", v -> stop.run())
                 .readWrite("port_counts", () -> Boolean.toString(countsPorts()), this::countPorts);
        driver.addHandlers(routerSet);
        routerSet.read("handlers", () -> handlerList(routerSet));
    }

    /** Whether the ports count their packets (all or none: {@link #countPorts} switches them together). */
    private boolean countsPorts() {
        for (Element e : elements) {
            if (e.noutputs() > 0) {
                return e.output(0).countsPackets();
            }
            if (e.ninputs() > 0) {
                return e.input(0).countsPackets();
            }
        }
        return false;
    }

    /** The {@code port_counts} handler: switches the packet counts of every port on or off. */
    private void countPorts(String value) throws HandlerException {
        boolean on;
        try {
            on = ConfigText.parseBool(value);
        } catch (IllegalArgumentException ex) {
            throw new HandlerException(ex.getMessage());
        }
        for (Element e : elements) {
            for (int p = 0; p < e.ninputs(); p++) {
                e.input(p).countPackets(on);
            }
            for (int p = 0; p < e.noutputs(); p++) {
                e.output(p).countPackets(on);
            }
        }
    }

    HandlerSet of(Element e) {
        return sets.get(e);
    }

    // ---- HandlerAccess ----

    @Override
    public String read(String name) throws HandlerException {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return routerSet.readValue("the router", name);
        }
        Element e = element(name, dot);
        return sets.get(e).readValue(e.name(), name.substring(dot + 1));
    }

    @Override
    public String read(String name, String param) throws HandlerException {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return routerSet.readValue("the router", name, param);
        }
        Element e = element(name, dot);
        return sets.get(e).readValue(e.name(), name.substring(dot + 1), param);
    }

    @Override
    public void write(String name, String value) throws HandlerException {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            routerSet.writeValue("the router", name, value);
            return;
        }
        Element e = element(name, dot);
        sets.get(e).writeValue(e.name(), name.substring(dot + 1), value);
    }

    @Override
    public boolean exists(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return routerSet.get(name) != null;
        }
        Element e = byName.get(name.substring(0, dot));
        return e != null && sets.get(e).get(name.substring(dot + 1)) != null;
    }

    private Element element(String handler, int dot) throws HandlerException {
        String elementName = handler.substring(0, dot);
        Element e = byName.get(elementName);
        if (e == null) {
            throw new HandlerException("no element '" + elementName + "' for handler '" + handler + "'"
                    + Suggestions.didYouMean(elementName, byName.keySet()));
        }
        return e;
    }

    // ---- standard handlers ----

    /**
     * Live reconfiguration through the element's own {@code configure}: elements assign their
     * fields only after {@link Args#complete()}, so on failure the old configuration stays in force.
     */
    private void reconfigure(Element e, String value) throws HandlerException {
        try {
            e.configure(new Args(value, n -> context.findElement(e, n)));
        } catch (ConfigException ex) {
            throw new HandlerException(e.name() + " :: " + e.className() + ": " + String.join("; ", ex.messages())
                    + " (configuration unchanged)");
        } catch (RuntimeException ex) {
            throw new HandlerException(e.name() + " :: " + e.className() + ": bug in element class "
                    + e.className() + ": configure threw " + ex + " (configuration unchanged)", ex);
        }
        e.setConfiguration(value);
    }

    /**
     * Click's format: the number of inputs, then one line per input with its processing
     * ({@code push} or {@code pull}, {@code ~} added when the element left it agnostic), a tab, the
     * packets that passed the port, a tab, and the upstream ports as {@code name [port]}; then the
     * same for outputs, downstream ports as {@code [port] name}. As in Click, only push outputs and
     * pull inputs are counted ({@link Output#packets()}, {@link Input#packets()}: display counts),
     * and only once the router's {@code port_counts} handler switched counting on; the other ports,
     * and every port while counting was never on, show {@code -}.
     */
    private String ports(int index) {
        Element e = elements.get(index);
        String spec = e.processingSpec();
        StringBuilder sb = new StringBuilder();
        int nin = ports.ninputs(index);
        sb.append(nin).append(nin == 1 ? " input\n" : " inputs\n");
        for (int p = 0; p < nin; p++) {
            List<String> peers = new ArrayList<>();
            for (Connection c : ports.connections()) {
                if (c.to() == index && c.toPort() == p) {
                    peers.add(graph.elements().get(c.from()).name() + " [" + c.fromPort() + "]");
                }
            }
            boolean push = ports.inputIsPush(index, p);
            Input in = e.input(p);
            portLine(sb, push, PortSpec.processing(spec, true, p), push ? "-" : count(in.countsPackets(), in.packets()),
                    peers);
        }
        int nout = ports.noutputs(index);
        sb.append(nout).append(nout == 1 ? " output\n" : " outputs\n");
        for (int p = 0; p < nout; p++) {
            List<String> peers = new ArrayList<>();
            for (Connection c : ports.connections()) {
                if (c.from() == index && c.fromPort() == p) {
                    peers.add("[" + c.toPort() + "] " + graph.elements().get(c.to()).name());
                }
            }
            boolean push = ports.outputIsPush(index, p);
            Output out = e.output(p);
            portLine(sb, push, PortSpec.processing(spec, false, p), push ? count(out.countsPackets(), out.packets()) : "-",
                    peers);
        }
        return sb.toString();
    }

    /** A port's count column: its packets once counting was switched on (kept when switched off again). */
    private static String count(boolean counting, long packets) {
        return counting || packets > 0 ? Long.toString(packets) : "-";
    }

    private static void portLine(StringBuilder sb, boolean push, char declared, String packets, List<String> peers) {
        sb.append(push ? "push" : "pull").append(declared == PortSpec.AGNOSTIC ? "~" : "").append('\t').append(packets)
          .append('\t')
          .append(String.join(", ", peers)).append('\n');
    }

    private static String handlerList(HandlerSet h) {
        StringBuilder sb = new StringBuilder();
        for (HandlerSet.Handler x : h.all()) {
            sb.append(x.name()).append('\t').append(x.mode()).append('\n');
        }
        return sb.toString();
    }

    // ---- router handlers ----

    /** Click's list: the number of elements, then one name per line. */
    private String list() {
        StringBuilder sb = new StringBuilder().append(elements.size()).append('\n');
        for (Element e : elements) {
            sb.append(e.name()).append('\n');
        }
        return sb.toString();
    }

    private String classes() {
        StringBuilder sb = new StringBuilder();
        for (ElementFactory f : registry.all()) {
            sb.append(f.className()).append('\n');
        }
        return sb.toString();
    }

    /** The flattened configuration with each element's current configuration string. */
    String flatConfig() {
        List<FlatGraph.Element> live = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            FlatGraph.Element f = graph.elements().get(i);
            live.add(new FlatGraph.Element(f.name(), f.className(), elements.get(i).configuration(), f.location()));
        }
        return FlatGraph.of(live, graph.connections()).toClick();
    }
}

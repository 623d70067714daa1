package click.shell;

import click.api.Diagnostic;
import click.api.Element;
import click.api.ElementFactory;
import click.api.ErrorReport;
import click.api.HandlerException;
import click.api.HandlerSet;
import click.api.TaskHandle;
import click.runtime.ConfigurationException;
import click.runtime.ElementRegistry;
import click.runtime.Router;
import click.runtime.RouterBuilder;
import click.runtime.RouterManager;
import click.runtime.RouterManager.Entry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Gogo commands of scope {@code click}. Each returns its result (a table or a handler's text)
 * for the shell to print, and reports a mistake by throwing an exception whose message says what
 * was expected and what was given. With one router running, commands use it; with several, the
 * {@code -r NAME} option picks one.
 *
 * <p>Thread ownership: Gogo calls commands on its session threads, several at once when several
 * sessions are open; the commands keep no state of their own, and the manager and handlers they use
 * are safe from any thread.
 */
@Component(service = ClickCommands.class, property = {
        "osgi.command.scope=click",
        "osgi.command.function=routers",
        "osgi.command.function=install",
        "osgi.command.function=stop",
        "osgi.command.function=config",
        "osgi.command.function=check",
        "osgi.command.function=elements",
        "osgi.command.function=ports",
        "osgi.command.function=handlers",
        "osgi.command.function=read",
        "osgi.command.function=write",
        "osgi.command.function=classes",
        "osgi.command.function=doc",
        "osgi.command.function=threads",
        "osgi.command.function=tasks",
        "osgi.command.function=sched",
        "osgi.command.function=graph",
})
public final class ClickCommands {
    /** Where each element bundle keeps the manual pages of its classes (made by click.docgen). */
    static final String DOC_DIR = "META-INF/click/doc/";

    /** The router handler of the SMP driver with the paper's Table 1 cost report. */
    static final String TASK_COSTS = "task_costs";

    /** The router handler of the SMP driver that switches between adaptive and static scheduling. */
    static final String SCHEDULING = "scheduling";

    /** The router handler that switches the packet counts of every port on or off (click.runtime). */
    static final String PORT_COUNTS = "port_counts";

    private static final String ROUTER_HELP = "router name (needed only when several routers run)";

    @Reference
    private RouterManager manager;

    @Reference
    private ElementRegistry registry;

    private BundleContext context;

    @Activate
    void activate(BundleContext bundleContext) {
        this.context = bundleContext;
    }

    // ---- routers ----

    @Descriptor("lists the routers: name, state, driver threads, element count, configuration file, who started it;"
            + " then what the manager has to say about them (a missing element class, a configuration waiting)")
    public String routers() {
        Table t = new Table("ROUTER", "STATE", "THREADS", "ELEMENTS", "FILE", "STARTED BY");
        Map<String, String> notes = manager.notes();
        for (Entry e : manager.routers()) {
            Router r = e.router();
            t.row(e.name(), notes.containsKey(e.name()) ? state(r) + "*" : state(r), r.driver().threadCount(),
                    r.elements().size(), e.file(), e.owned() ? "shell" : "click command");
        }
        StringBuilder sb = new StringBuilder(t.toString());
        notes.forEach((router, note) -> sb.append(manager.find(router) == null ? "" : "*").append(router).append(": ")
                .append(note).append('\n'));
        return sb.toString();
    }

    private static String state(Router r) {
        if (!r.started()) {
            return "built";
        }
        return r.driver().stopRequested() ? "stopped" : "running";
    }

    @Descriptor("builds and starts a router from a configuration file; a router of the same name is hot-swapped"
            + " (state of same-named elements carried over)")
    public String install(CommandSession session,
            @Descriptor("router name (default: the file name without .click)")
            @Parameter(names = {"-r", "--router"}, absentValue = "") String name,
            @Descriptor("run on N threads with the SMP driver (default: the single-threaded driver)")
            @Parameter(names = {"-j", "--threads"}, absentValue = "0") int threads,
            @Descriptor("the configuration file") String file) throws ConfigurationException, InterruptedException {
        Path path = resolve(session, file);
        String text = readFile(path);
        String routerName = name.isEmpty() ? routerName(path) : name;
        boolean swap = manager.find(routerName) != null;
        Entry e = manager.install(routerName, text, path.toString(), threads);
        return (swap ? "hot-swapped " : "installed ") + routerName + " from " + path + ": "
                + e.router().elements().size() + " elements on " + threads(e.router()) + ", running\n";
    }

    private static String threads(Router r) {
        int n = r.driver().threadCount();
        return n == 1 ? "1 thread" : n + " threads";
    }

    /** {@code router.click} is router {@code router}. */
    static String routerName(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(".click") && n.length() > ".click".length() ? n.substring(0, n.length() - 6) : n;
    }

    @Descriptor("stops the only running router and forgets it")
    public String stop() throws InterruptedException {
        return stop(only().name());
    }

    @Descriptor("stops a router and forgets it")
    public String stop(@Descriptor("router name") String router) throws InterruptedException {
        if (!manager.stop(router)) {
            throw new IllegalArgumentException("no router '" + router + "'" + runningList());
        }
        return "stopped " + router + "\n";
    }

    @Descriptor("the router's configuration: as given, or flattened (compounds expanded, current element configurations)")
    public String config(
            @Descriptor(ROUTER_HELP) @Parameter(names = {"-r", "--router"}, absentValue = "") String router,
            @Descriptor("flattened") @Parameter(names = {"-f", "--flat"}, presentValue = "true", absentValue = "false")
            boolean flat) {
        Router r = router(router);
        return flat ? r.flatConfig() : r.config();
    }

    @Descriptor("checks a configuration file without running it: every error and warning with file:line:column")
    public String check(CommandSession session, @Descriptor("the configuration file") String file) {
        Path path = resolve(session, file);
        ErrorReport report = RouterBuilder.fromText(readFile(path), path.toString()).registry(registry).check();
        StringBuilder sb = new StringBuilder();
        int errors = 0;
        int warnings = 0;
        for (Diagnostic d : report.diagnostics()) {
            sb.append(d).append('\n');
            if (d.severity() == Diagnostic.Severity.ERROR) {
                errors++;
            } else {
                warnings++;
            }
        }
        sb.append(path).append(": ").append(errors == 0 ? "ok" : "not ok").append(", ")
          .append(plural(errors, "error")).append(", ").append(plural(warnings, "warning")).append('\n');
        return sb.toString();
    }

    private static String plural(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    // ---- elements and handlers ----

    @Descriptor("lists the router's elements: name, class, configuration")
    public String elements(
            @Descriptor(ROUTER_HELP) @Parameter(names = {"-r", "--router"}, absentValue = "") String router,
            @Descriptor("only elements whose name or class matches this pattern (* and ?)")
            @Parameter(names = {"-f", "--filter"}, absentValue = "*") String filter) {
        Table t = new Table("ELEMENT", "CLASS", "CONFIG");
        for (Element e : router(router).elements()) {
            if (Glob.matches(filter, e.name()) || Glob.matches(filter, e.className())) {
                t.row(e.name(), e.className(), e.configuration());
            }
        }
        return t.toString();
    }

    @Descriptor("an element's ports: processing and peers of each input and output (Click's ports handler)")
    public String ports(
            @Descriptor(ROUTER_HELP) @Parameter(names = {"-r", "--router"}, absentValue = "") String router,
            @Descriptor("element name") String element) throws HandlerException {
        Router r = router(router);
        return r.handlers().read(element(r, element).name() + ".ports");
    }

    @Descriptor("an element's handlers: name, r/w mode, whether reads take a parameter, what it means")
    public String handlers(
            @Descriptor(ROUTER_HELP) @Parameter(names = {"-r", "--router"}, absentValue = "") String router,
            @Descriptor("element name") String element) {
        Router r = router(router);
        HandlerSet set = r.handlerSet(element(r, element));
        Table t = new Table("HANDLER", "MODE", "PARAM", "DESCRIPTION");
        for (HandlerSet.Handler h : set.all()) {
            t.row(h.name(), h.mode(), set.takesParameter(h.name()) ? "yes" : "", h.description());
        }
        return t.toString();
    }

    @Descriptor("reads a handler: ELEMENT.HANDLER, or a router handler such as list or config")
    public String read(
            @Descriptor(ROUTER_HELP) @Parameter(names = {"-r", "--router"}, absentValue = "") String router,
            @Descriptor("ELEMENT.HANDLER") String handler) throws HandlerException {
        return read(router, handler, "");
    }

    @Descriptor("reads a handler with a parameter")
    public String read(
            @Descriptor(ROUTER_HELP) @Parameter(names = {"-r", "--router"}, absentValue = "") String router,
            @Descriptor("ELEMENT.HANDLER") String handler,
            @Descriptor("the parameter") String param) throws HandlerException {
        return router(router).handlers().read(handler, param);
    }

    @Descriptor("writes a handler: ELEMENT.HANDLER and the value (several words are joined by spaces)")
    public void write(
            @Descriptor(ROUTER_HELP) @Parameter(names = {"-r", "--router"}, absentValue = "") String router,
            @Descriptor("ELEMENT.HANDLER") String handler,
            @Descriptor("the value") String... value) throws HandlerException {
        router(router).handlers().write(handler, String.join(" ", value));
    }

    @Descriptor("the configuration graph with the packets that passed each connection: Graphviz DOT (pull"
            + " connections dashed), or --ascii for the terminal; the first call switches the router's port counts on")
    public String graph(
            @Descriptor(ROUTER_HELP) @Parameter(names = {"-r", "--router"}, absentValue = "") String router,
            @Descriptor("plain text: each element, then its connections (-> push, ~> pull) and their packets")
            @Parameter(names = {"-a", "--ascii"}, presentValue = "true", absentValue = "false") boolean ascii)
            throws HandlerException {
        Entry entry = entry(router);
        Router r = entry.router();
        // Counting costs an add per hop, so routers start without it; asking for the graph is asking for it.
        boolean switchedOn = !Boolean.parseBoolean(r.handlers().read(PORT_COUNTS).trim());
        if (switchedOn) {
            r.handlers().write(PORT_COUNTS, "true");
        }
        List<Graph.Node> nodes = new ArrayList<>();
        for (Element e : r.elements()) {
            nodes.add(new Graph.Node(e.name(), e.className(), r.handlers().read(e.name() + ".ports")));
        }
        Graph g = new Graph(entry.name(), nodes);
        String note = switchedOn ? "port counts start now (click:write " + PORT_COUNTS + " false stops them)\n" : "";
        return ascii ? note + g.ascii() : (note.isEmpty() ? "" : "// " + note) + g.dot();
    }

    // ---- element classes ----

    @Descriptor("every element class with the bundle that provides it and its version")
    public String classes() {
        Table t = new Table("CLASS", "BUNDLE", "VERSION", "JAVA CLASS");
        for (ServiceReference<ElementFactory> ref : factories()) {
            Bundle b = ref.getBundle();
            if (b != null) {
                t.row(ref.getProperty(ElementFactory.CLASS_PROPERTY), b.getSymbolicName(), b.getVersion(),
                        String.valueOf(ref.getProperty("click.element.javaclass")).replace("null", "-"));
            }
        }
        return t.toString();
    }

    @Descriptor("the manual page of an element class, from the bundle that provides it")
    public String doc(@Descriptor("element class, e.g. Queue") String className) {
        List<ServiceReference<ElementFactory>> refs = factories().stream()
                .filter(r -> className.equals(r.getProperty(ElementFactory.CLASS_PROPERTY))).toList();
        if (refs.isEmpty()) {
            throw new IllegalArgumentException("no element class '" + className + "'" + similarClasses(className));
        }
        // the newest registration is the one routers use (ElementRegistry: the one added last wins)
        Bundle b = refs.get(refs.size() - 1).getBundle();
        URL page = b == null ? null : b.getEntry(DOC_DIR + className + ".md");
        if (page == null) {
            throw new IllegalArgumentException("element class '" + className + "' has no manual page in bundle "
                    + (b == null ? "(gone)" : b.getSymbolicName()) + " (" + DOC_DIR + className + ".md)");
        }
        try (InputStream in = page.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + page + ": " + e.getMessage(), e);
        }
    }

    /** Every ElementFactory service, oldest registration first within a class, sorted by class. */
    private List<ServiceReference<ElementFactory>> factories() {
        try {
            List<ServiceReference<ElementFactory>> refs =
                    new ArrayList<>(context.getServiceReferences(ElementFactory.class, null));
            refs.sort(Comparator.comparing((ServiceReference<ElementFactory> r) ->
                    String.valueOf(r.getProperty(ElementFactory.CLASS_PROPERTY)))
                    .thenComparing(r -> (Long) r.getProperty("service.id")));
            return refs;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("no filter given, yet: " + e.getMessage(), e);
        }
    }

    private String similarClasses(String className) {
        String lower = className.toLowerCase(java.util.Locale.ROOT);
        List<String> similar = factories().stream().map(r -> String.valueOf(r.getProperty(ElementFactory.CLASS_PROPERTY)))
                .filter(n -> n.toLowerCase(java.util.Locale.ROOT).contains(lower)
                        || lower.contains(n.toLowerCase(java.util.Locale.ROOT)))
                .distinct().limit(5).toList();
        return similar.isEmpty() ? " (click:classes lists them)" : "; did you mean " + String.join(", ", similar) + "?";
    }

    // ---- driver ----

    @Descriptor("the driver's threads and the tasks each runs")
    public String threads(
            @Descriptor(ROUTER_HELP) @Parameter(names = {"-r", "--router"}, absentValue = "") String router) {
        Router r = router(router);
        Map<Integer, List<String>> byThread = new TreeMap<>();
        for (int i = 0; i < r.driver().threadCount(); i++) {
            byThread.put(i, new ArrayList<>());
        }
        for (TaskHandle t : r.driver().tasks()) {
            byThread.computeIfAbsent(t.thread(), k -> new ArrayList<>()).add(taskName(t));
        }
        Table t = new Table("THREAD", "TASKS", "RUNNING");
        byThread.forEach((thread, tasks) -> t.row(thread, tasks.size(), String.join(" ", tasks)));
        return t.toString();
    }

    @Descriptor("the router's tasks: which thread runs each; with the SMP driver also calls, packets and cost"
            + " per call and per packet")
    public String tasks(
            @Descriptor(ROUTER_HELP) @Parameter(names = {"-r", "--router"}, absentValue = "") String router)
            throws HandlerException {
        Router r = router(router);
        if (r.handlers().exists(TASK_COSTS)) {
            return r.handlers().read(TASK_COSTS);
        }
        Table t = new Table("TASK", "CLASS", "THREAD", "STATE");
        for (TaskHandle task : r.driver().tasks()) {
            t.row(taskName(task), task.owner() == null ? "-" : task.owner().className(), task.thread(),
                    task.isScheduled() ? "runnable" : "sleeping");
        }
        return t.toString();
    }

    private static String taskName(TaskHandle t) {
        return t.owner() == null ? "(driver)" : t.owner().name();
    }

    @Descriptor("the SMP driver's scheduling mode: adaptive (rebalances tasks by measured cost) or static")
    public String sched(
            @Descriptor(ROUTER_HELP) @Parameter(names = {"-r", "--router"}, absentValue = "") String router,
            @Descriptor("adaptive or static") String mode) throws HandlerException {
        Router r = router(router);
        if (!r.handlers().exists(SCHEDULING)) {
            throw new IllegalArgumentException("this router's driver has no scheduling modes (it runs "
                    + threads(r) + " on the single-threaded driver); install it with -j N for the SMP driver");
        }
        r.handlers().write(SCHEDULING, mode);
        return "scheduling " + r.handlers().read(SCHEDULING) + "\n";
    }

    // ---- helpers ----

    /** The router called {@code name}, or with no name the only one. */
    private Router router(String name) {
        return entry(name).router();
    }

    private Entry entry(String name) {
        if (name.isEmpty()) {
            return only();
        }
        Entry e = manager.find(name);
        if (e == null) {
            throw new IllegalArgumentException("no router '" + name + "'" + runningList());
        }
        return e;
    }

    private Entry only() {
        List<Entry> all = manager.routers();
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no router is running; click:install FILE starts one");
        }
        if (all.size() > 1) {
            throw new IllegalArgumentException(all.size() + " routers are running ("
                    + all.stream().map(Entry::name).collect(Collectors.joining(", ")) + "): choose one with -r NAME");
        }
        return all.get(0);
    }

    private String runningList() {
        List<Entry> all = manager.routers();
        return all.isEmpty() ? " (no router is running)"
                : " (running: " + all.stream().map(Entry::name).collect(Collectors.joining(", ")) + ")";
    }

    private static Element element(Router r, String name) {
        Element e = r.element(name);
        if (e == null) {
            List<String> near = r.elements().stream().map(Element::name)
                    .filter(n -> n.startsWith(name) || name.startsWith(n)).limit(5).toList();
            throw new IllegalArgumentException("no element '" + name + "' in this router"
                    + (near.isEmpty() ? " (click:elements lists them)" : "; did you mean " + String.join(", ", near) + "?"));
        }
        return e;
    }

    /** A file name as typed: relative to the session's current directory. */
    private static Path resolve(CommandSession session, String file) {
        return session.currentDir() == null ? Path.of(file) : session.currentDir().resolve(file);
    }

    private static String readFile(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(path + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": cannot read it: " + e.getMessage());
        }
    }
}

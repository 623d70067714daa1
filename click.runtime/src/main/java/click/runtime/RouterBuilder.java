package click.runtime;

import click.api.Args;
import click.api.Clock;
import click.api.ConcurrencyAware;
import click.api.ConfigException;
import click.api.Diagnostic;
import click.api.Driver;
import click.api.DriverFactory;
import click.api.Element;
import click.api.ElementFactory;
import click.api.ErrorReport;
import click.api.Input;
import click.api.Location;
import click.api.Output;
import click.api.TaskHandle;
import click.api.ThreadPreference;
import click.runtime.graph.PortGraph;
import click.runtime.lang.ConfigParser;
import click.runtime.lang.FlatGraph;
import click.runtime.lang.FlatGraph.Connection;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns Click configuration text into a {@link Router}.
 * <pre>{@code
 *   Router r = RouterBuilder.fromFile(Path.of("router.click")).define("DUR", "2").build();
 *   r.run();                       // until a Script or handler asks it to stop
 *   System.out.println(r.handlers().read("c.count"));
 *   r.cleanup();
 * }</pre>
 *
 * <p>Steps: parse and flatten (compounds, variables); create every element through its
 * {@link ElementFactory}; check port counts and push/pull processing; attach and wire ports;
 * configure every element; then, for {@link #build()} only, initialise every element, apply
 * {@link ThreadPreference}s to the tasks, and declare handlers. Every problem of every step up to
 * configuration is collected before giving up, each with its file:line:column.
 *
 * <p>Thread ownership: one thread uses a builder; it may be reused to build several routers.
 */
public final class RouterBuilder {
    private final String text;
    private final String fileName;
    private final Map<String, String> defines = new LinkedHashMap<>();
    private ElementRegistry registry;
    private DriverFactory driverFactory = new SimpleDriverFactory();
    private int threads = 1;
    private Clock clock = Clock.SYSTEM;
    private PrintStream log = System.err;
    private PrintStream out = System.out;

    private RouterBuilder(String text, String fileName) {
        this.text = text;
        this.fileName = fileName;
    }

    /** A builder for configuration {@code text}; {@code fileName} is used in diagnostics (and to find libraries). */
    public static RouterBuilder fromText(String text, String fileName) {
        return new RouterBuilder(text, fileName);
    }

    /** A builder for the configuration in {@code file} (UTF-8). */
    public static RouterBuilder fromFile(Path file) throws IOException {
        return new RouterBuilder(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** A command-line variable {@code NAME=value}; it overrides the configuration's {@code define}. */
    public RouterBuilder define(String name, String value) {
        defines.put(name, value);
        return this;
    }

    /** The element classes to use; default: every {@code ElementProvider} the context class loader finds. */
    public RouterBuilder registry(ElementRegistry r) {
        this.registry = r;
        return this;
    }

    /** The driver to run the router with; default the single-threaded {@link SimpleDriver}, 1 thread. */
    public RouterBuilder driver(DriverFactory f, int threads) {
        this.driverFactory = f;
        this.threads = threads;
        return this;
    }

    /** The clock elements and timers use; default {@link Clock#SYSTEM} (tests pass a simulated one). */
    public RouterBuilder clock(Clock c) {
        this.clock = c;
        return this;
    }

    /**
     * Where run-time messages go (Print, scripts, the first exception of each element's tasks,
     * cleanup problems); default {@code System.err}. Build-time warnings are not printed: they are
     * in {@link Router#warnings()} (or the {@link #check()} report) for the caller to show.
     */
    public RouterBuilder log(PrintStream out) {
        this.log = out;
        return this;
    }

    /** Where the router's output goes (Script's {@code print}); default {@code System.out}, as in Click. */
    public RouterBuilder output(PrintStream stream) {
        this.out = stream;
        return this;
    }

    private ElementRegistry registry() {
        if (registry == null) {
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            registry = ElementRegistry.fromServiceLoader(cl != null ? cl : RouterBuilder.class.getClassLoader());
        }
        return registry;
    }

    /** Parses, flattens, checks the graph and configures every element; nothing is initialised or run. */
    public ErrorReport check() {
        ErrorReport report = new ErrorReport();
        assemble(report);
        return report;
    }

    /** The flattened configuration (compounds expanded, variables substituted), parseable again. */
    public String flatConfig() throws ConfigurationException {
        ErrorReport report = new ErrorReport();
        FlatGraph g = ConfigParser.parse(text, fileName, defines, registry().catalog(), report);
        if (report.hasErrors()) {
            throw new ConfigurationException(report);
        }
        return g.toClick();
    }

    /** A checked, configured and initialised router, ready to run. */
    public Router build() throws ConfigurationException {
        ErrorReport report = new ErrorReport();
        Assembly a = assemble(report);
        if (report.hasErrors()) {
            throw new ConfigurationException(report);
        }
        List<Element> initialised = new ArrayList<>();
        for (Element e : a.elements) {
            initialised.add(e);
            try {
                e.initialize(a.context);
            } catch (ConfigException ex) {
                for (String m : ex.messages()) {
                    report.error(e.location(), subject(e), m);
                }
            } catch (RuntimeException | LinkageError | AssertionError ex) {
                report.error(e.location(), subject(e), bug(e, "initialize", ex));
            }
        }
        if (report.hasErrors()) {
            Router.cleanup(initialised, log);
            throw new ConfigurationException(report);
        }
        applyThreadPreferences(a, report);
        announceConcurrency(a, report);
        RouterHandlers handlers = new RouterHandlers(a.elements, a.byName, a.graph, a.ports, a.context, registry(), text,
                a.driver::requestStop);
        for (int i = 0; i < a.elements.size(); i++) {
            Element e = a.elements.get(i);
            try {
                handlers.addElement(i, e);
            } catch (RuntimeException ex) {
                report.error(e.location(), subject(e), bug(e, "addHandlers", ex));
            }
        }
        handlers.addRouterHandlers(a.driver);
        a.context.setHandlers(handlers);
        if (report.hasErrors()) {
            Router.cleanup(a.elements, log);
            throw new ConfigurationException(report);
        }
        a.driver.setErrorLog((owner, ex) -> {
            synchronized (log) {
                log.println((owner == null ? "" : owner.location() + ": ") + "error: "
                        + (owner == null ? "" : subject(owner) + ": ") + "exception while running: " + ex
                        + " (counted; later ones are not reported)");
            }
        });
        List<Diagnostic> warnings = new ArrayList<>();
        for (Diagnostic d : report.diagnostics()) {
            if (d.severity() == Diagnostic.Severity.WARNING) {
                warnings.add(d);
            }
        }
        return new Router(a.elements, a.byName, a.driver, handlers, text, warnings, log, this);
    }

    /**
     * Hot swap, with Click's semantics: builds and initialises a new router beside {@code old}
     * (which may be running); only if that succeeds, stops {@code old}, lets each new element take
     * over the state of {@code old}'s element of the same name and class ({@link Element#takeState}),
     * cleans {@code old} up, and returns the new router, not yet started. If the new configuration
     * fails, {@code old} is left exactly as it was and the exception says why.
     */
    public Router buildReplacing(Router old) throws ConfigurationException, InterruptedException {
        Router fresh = build();
        handOver(old, fresh);
        old.cleanup();
        return fresh;
    }

    /**
     * What {@link #hotSwap} did: the new router (running) and how long it took. {@code buildNanos}:
     * building and initialising the new router while the old one still ran. {@code pauseNanos}: from
     * asking the old router to stop until the new router's driver was started, the time in which no
     * task of either router runs (packets arriving at a device meanwhile wait in its ring).
     */
    public record HotSwap(Router router, long buildNanos, long pauseNanos) {
    }

    /**
     * Hot swap that also starts the new router, keeping the pause short: as {@link #buildReplacing},
     * but the new router is started as soon as it has taken over the old one's state, and the old
     * one is cleaned up only after that (Click's order). On failure, {@code old} keeps running
     * unchanged and the exception says why.
     */
    public HotSwap hotSwap(Router old) throws ConfigurationException, InterruptedException {
        return hotSwap(old, fresh -> { });
    }

    /**
     * {@link #hotSwap(Router)}, showing the new router to {@code beforeStart} once it has taken
     * over the state and before it starts (tests and benchmarks read what was carried over there);
     * the time {@code beforeStart} takes is not counted in the pause.
     */
    public HotSwap hotSwap(Router old, Consumer<Router> beforeStart) throws ConfigurationException, InterruptedException {
        long begin = System.nanoTime();
        Router fresh = build();
        long built = System.nanoTime();
        handOver(old, fresh);
        long handedOver = System.nanoTime();
        beforeStart.accept(fresh);
        long resumed = System.nanoTime();
        fresh.start();
        long started = System.nanoTime();
        old.cleanup();
        return new HotSwap(fresh, built - begin, (handedOver - built) + (started - resumed));
    }

    /** Stops {@code old} (if it runs) and lets {@code fresh}'s elements take over its same-named elements' state. */
    private void handOver(Router old, Router fresh) throws InterruptedException {
        if (old.started()) {
            old.requestStop();
            old.awaitStop();
        }
        for (Element e : fresh.elements()) {
            Element before = old.element(e.name());
            if (before == null || !before.className().equals(e.className())) {
                continue;
            }
            try {
                e.takeState(before);
            } catch (RuntimeException | LinkageError | AssertionError ex) {
                synchronized (log) {
                    log.println(e.location() + ": error: " + subject(e) + ": " + bug(e, "takeState", ex)
                            + " (its state starts afresh)");
                }
            }
        }
    }

    // ---- assembly ----

    /** A graph whose elements exist, are wired and configured. */
    private record Assembly(FlatGraph graph, PortGraph ports, Element[] made, List<Element> elements,
                            Map<String, Element> byName, Driver driver, RouterContext context) {
    }

    private Assembly assemble(ErrorReport report) {
        ElementRegistry reg = registry();
        FlatGraph g = ConfigParser.parse(text, fileName, defines, reg.catalog(), report);
        int n = g.elements().size();
        Element[] made = new Element[n];
        for (int i = 0; i < n; i++) {
            made[i] = instantiate(reg, g.elements().get(i), report);
        }
        PortGraph pg = PortGraph.check(g, made, report);
        Map<String, Element> byName = new HashMap<>();
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (made[i] != null) {
                byName.put(g.elements().get(i).name(), made[i]);
                elements.add(made[i]);
            }
        }
        Driver driver;
        try {
            driver = driverFactory.create(threads, clock);
        } catch (RuntimeException e) {
            // e.g. the single-threaded driver asked for -j 2: report it and check the rest anyway
            report.error(new Location(fileName, 0, 0), "", "cannot make the driver: " + e.getMessage());
            driver = new SimpleDriver(clock);
        }
        RouterContext ctx = new RouterContext(driver, byName, log, out);
        wire(g, pg, made, ctx);
        for (int i = 0; i < n; i++) {
            if (made[i] != null) {
                configure(made[i], ctx, report);
            }
        }
        return new Assembly(g, pg, made, elements, byName, driver, ctx);
    }

    private static Element instantiate(ElementRegistry reg, FlatGraph.Element fe, ErrorReport report) {
        ElementFactory f = reg.find(fe.className());
        String subject = fe.name() + " :: " + fe.className();
        if (f == null) {
            // the class disappeared between parsing and now (a bundle went away)
            report.error(fe.location(), subject, "element class '" + fe.className() + "' is no longer available");
            return null;
        }
        try {
            Element e = f.newElement();
            if (e == null) {
                report.error(fe.location(), subject, "bug in element class " + fe.className() + ": its factory made no element");
            }
            return e;
        } catch (RuntimeException | LinkageError | AssertionError ex) {
            report.error(fe.location(), subject, "bug in element class " + fe.className()
                    + ": its constructor threw " + ex);
            return null;
        }
    }

    private static void wire(FlatGraph g, PortGraph pg, Element[] made, RouterContext ctx) {
        int n = made.length;
        Input[][] inputs = new Input[n][];
        Output[][] outputs = new Output[n][];
        for (int i = 0; i < n; i++) {
            if (made[i] == null) {
                continue;
            }
            inputs[i] = new Input[pg.ninputs(i)];
            outputs[i] = new Output[pg.noutputs(i)];
            for (int p = 0; p < inputs[i].length; p++) {
                inputs[i][p] = new Input(made[i], p, pg.inputIsPush(i, p));
            }
            for (int p = 0; p < outputs[i].length; p++) {
                outputs[i][p] = new Output(made[i], p, pg.outputIsPush(i, p));
            }
            FlatGraph.Element fe = g.elements().get(i);
            made[i].attach(fe.name(), fe.location(), fe.config(), ctx, inputs[i], outputs[i]);
        }
        for (Connection c : pg.connections()) {
            if (made[c.from()] == null || made[c.to()] == null) {
                continue;
            }
            Output out = outputs[c.from()][c.fromPort()];
            Input in = inputs[c.to()][c.toPort()];
            if (out.peer() == null) {
                out.connect(made[c.to()], c.toPort());
            }
            if (in.peer() == null) {
                in.connect(made[c.from()], c.fromPort());
            }
        }
    }

    private static void configure(Element e, RouterContext ctx, ErrorReport report) {
        try {
            e.configure(new Args(e.configuration(), name -> ctx.findElement(e, name)));
        } catch (ConfigException ex) {
            for (String m : ex.messages()) {
                report.error(e.location(), subject(e), m);
            }
        } catch (RuntimeException | LinkageError | AssertionError ex) {
            report.error(e.location(), subject(e), bug(e, "configure", ex));
        }
    }

    /**
     * Tells every {@link ConcurrencyAware} element how many tasks reach its ports (see
     * {@link PortConcurrencyAnalysis}); after initialisation, when every task and timer exists, and
     * before anything runs.
     */
    private static void announceConcurrency(Assembly a, ErrorReport report) {
        PortConcurrencyAnalysis analysis = null;
        for (Element e : a.elements) {
            if (!(e instanceof ConcurrencyAware aware)) {
                continue;
            }
            if (analysis == null) {
                analysis = new PortConcurrencyAnalysis(a.made, a.ports.connections(), a.context.tasksOwned(),
                        a.context.timerOwners());
            }
            try {
                aware.concurrencyKnown(analysis.of(e));
            } catch (RuntimeException | LinkageError | AssertionError ex) {
                report.error(e.location(), subject(e), bug(e, "concurrencyKnown", ex));
            }
        }
    }

    /** StaticThreadSched and friends: each task goes to the thread its owner is assigned to. */
    private static void applyThreadPreferences(Assembly a, ErrorReport report) {
        int nthreads = a.driver.threadCount();
        for (Element e : a.elements) {
            if (!(e instanceof ThreadPreference pref)) {
                continue;
            }
            for (TaskHandle t : a.driver.tasks()) {
                int want;
                try {
                    want = pref.preferredThread(t.owner());
                } catch (RuntimeException ex) {
                    report.error(e.location(), subject(e), bug(e, "preferredThread", ex));
                    return;
                }
                if (want < 0) {
                    continue;
                }
                if (want >= nthreads) {
                    report.warning(e.location(), subject(e), "thread " + want + " for " + t.owner().name()
                            + " does not exist (the router has " + nthreads + (nthreads == 1 ? " thread" : " threads")
                            + "); using thread " + (want % nthreads));
                    want %= nthreads;
                }
                t.moveTo(want);
            }
        }
    }

    static String subject(Element e) {
        return e.name() + " :: " + e.className();
    }

    private static String bug(Element e, String method, Throwable ex) {
        return "bug in element class " + e.className() + ": " + method + " threw " + ex;
    }
}

package click.runtime;

import click.api.Diagnostic;
import click.api.Driver;
import click.api.Element;
import click.api.HandlerAccess;
import click.api.HandlerSet;
import java.io.PrintStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A built router: configured and initialised elements, wired together, with their handlers and a
 * driver ready to run them. Made by {@link RouterBuilder#build()}.
 *
 * <p>Life cycle: {@link #run()} (on the calling thread) or {@link #start()} then
 * {@link #awaitStop()}; {@link #requestStop()} from anywhere (a handler, a Script, the shell);
 * finally {@link #cleanup()}.
 *
 * <p>Thread ownership: handlers may be read and written from any thread while the router runs;
 * each handler is responsible for its own safety. {@link #cleanup()} only after the driver stopped.
 */
public final class Router {
    private final List<Element> elements;
    private final Map<String, Element> byName;
    private final Driver driver;
    private final RouterHandlers handlers;
    private final String config;
    private final List<Diagnostic> warnings;
    private final PrintStream log;
    private final RouterBuilder builder;
    private boolean cleanedUp;
    private volatile boolean started;

    Router(List<Element> elements, Map<String, Element> byName, Driver driver, RouterHandlers handlers, String config,
           List<Diagnostic> warnings, PrintStream log, RouterBuilder builder) {
        this.elements = List.copyOf(elements);
        this.byName = byName;
        this.driver = driver;
        this.handlers = handlers;
        this.config = config;
        this.warnings = List.copyOf(warnings);
        this.log = log;
        this.builder = builder;
    }

    /** Runs until stopped, on the calling thread (the single-threaded driver) or the driver's threads. */
    public void run() throws InterruptedException {
        started = true;
        driver.run();
    }

    /** Starts the driver's threads and returns. */
    public void start() {
        started = true;
        driver.start();
    }

    /** Whether {@link #run()} or {@link #start()} was called. */
    public boolean started() {
        return started;
    }


    /** Asks the driver to stop after the current task; returns at once. Safe from any thread. */
    public void requestStop() {
        driver.requestStop();
    }

    /** Waits until the driver has stopped. */
    public void awaitStop() throws InterruptedException {
        driver.awaitStop();
    }

    /** Calls {@link Element#cleanup()} on every element, last first; exceptions are reported, not thrown. Once only. */
    public synchronized void cleanup() {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        cleanup(elements, log);
    }

    static void cleanup(List<Element> elements, PrintStream log) {
        for (int i = elements.size() - 1; i >= 0; i--) {
            Element e = elements.get(i);
            try {
                e.cleanup();
            } catch (RuntimeException | LinkageError | AssertionError ex) {
                synchronized (log) {
                    log.println(e.location() + ": error: " + e.name() + " :: " + e.className()
                            + ": bug in element class " + e.className() + ": cleanup threw " + ex);
                }
            }
        }
    }

    /** Handlers by {@code ELEMENT.HANDLER} name, and the router's own ({@code list}, {@code config}, ...). */
    public HandlerAccess handlers() {
        return handlers;
    }

    /** The handlers of one element (name, class, config, ports, handlers, then its own), or null. */
    public HandlerSet handlerSet(Element e) {
        return handlers.of(e);
    }

    /** Every element, in configuration order. */
    public List<Element> elements() {
        return Collections.unmodifiableList(elements);
    }

    /** The element with that (flat) name, or null. */
    public Element element(String name) {
        return byName.get(name);
    }

    /** The configuration text as given. */
    public String config() {
        return config;
    }

    /** The running configuration, flattened (element configurations as they are now). */
    public String flatConfig() {
        return handlers.flatConfig();
    }

    /** The driver running this router (its tasks, thread count, stop state). */
    public Driver driver() {
        return driver;
    }

    /**
     * The builder that made this router: the same configuration text, variables, driver and element
     * registry. {@code builder().buildReplacing(this)} rebuilds the router with the element classes
     * registered now (a bundle update) and hot-swaps it.
     */
    public RouterBuilder builder() {
        return builder;
    }

    /** Warnings found while building; the caller decides whether to show them (Click's {@code -w} hides them). */
    public List<Diagnostic> warnings() {
        return warnings;
    }
}

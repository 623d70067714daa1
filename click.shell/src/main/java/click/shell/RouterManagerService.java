package click.shell;

import click.api.Diagnostic;
import click.api.DriverFactory;
import click.api.ElementFactory;
import click.runtime.ConfigurationException;
import click.runtime.ElementRegistry;
import click.runtime.Router;
import click.runtime.RouterBuilder;
import click.runtime.RouterManager;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The framework's {@link RouterManager}: routers installed from the shell are built from the
 * {@link ElementRegistry} service (every active element bundle), run on the single-threaded driver
 * or on the {@code smp} {@link DriverFactory} service, and are stopped and cleaned up when this
 * bundle stops. The click command registers the router it runs, so the shell sees it too.
 *
 * <p>Element bundles coming and going: when {@code ElementFactory} services are registered or
 * withdrawn (a bundle installed, updated, stopped), the manager waits until they settle
 * ({@value #SETTLE_PROPERTY}, default {@value #DEFAULT_SETTLE_MILLIS} ms), then rebuilds every
 * router that uses a class now provided by other code from the same configuration and hot-swaps
 * it ({@link RouterBuilder#hotSwap}: state carried over). A router using a class that no
 * bundle provides any more keeps running on its old classes, and {@link #notes()} says which class
 * is missing; configurations waiting for a class ({@link #installWhenAvailable}) are installed
 * once it is there. Every such event is also one line on the framework's standard error.
 *
 * <p>Thread ownership: every change to the set of routers holds the instance lock (builds, starts
 * and stops included, so two installs of one name cannot interleave); reads take a snapshot.
 * Rebuilds run on the manager's own thread. Nothing here is on a packet path.
 */
@Component(service = RouterManager.class)
public final class RouterManagerService implements RouterManager {
    /** The driver kind the scheduler bundle registers for {@code -j N}. */
    static final String SMP = "smp";

    /** Framework property: milliseconds without element class changes before routers are rebuilt. */
    static final String SETTLE_PROPERTY = "click.rebuild.settle.ms";

    static final long DEFAULT_SETTLE_MILLIS = 200;

    /** How the configuration parser reports a class no bundle provides. */
    private static final Pattern UNKNOWN_CLASS = Pattern.compile("unknown element class '([^']+)'");

    /** A configuration waiting for element classes; see {@link #installWhenAvailable}. */
    private record Waiting(String text, String file, int threads, Set<String> classes) {
    }

    @Reference
    private ElementRegistry registry;

    private final List<Map.Entry<String, DriverFactory>> drivers = new CopyOnWriteArrayList<>();
    private final Map<String, Entry> routers = new LinkedHashMap<>();
    private final Map<String, Waiting> waiting = new LinkedHashMap<>();
    private final Map<String, String> notes = new TreeMap<>();
    private final PrintStream log = System.err;
    private volatile Debouncer rebuilds;

    @Activate
    void activate(BundleContext context) {
        String settle = context.getProperty(SETTLE_PROPERTY);
        long millis = DEFAULT_SETTLE_MILLIS;
        if (settle != null) {
            try {
                millis = Long.parseLong(settle.trim());
            } catch (NumberFormatException e) {
                log.println("click: " + SETTLE_PROPERTY + ": expected milliseconds, got '" + settle + "'; using "
                        + DEFAULT_SETTLE_MILLIS);
            }
        }
        rebuilds = new Debouncer("click-rebuild", millis, this::rebuildForClassChanges);
    }

    /** Only the events matter: the registry service itself tracks the factories. */
    @Reference(service = ElementFactory.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addElementClass(ServiceReference<ElementFactory> ref) {
        classesChanged();
    }

    void removeElementClass(ServiceReference<ElementFactory> ref) {
        classesChanged();
    }

    private void classesChanged() {
        Debouncer d = rebuilds;
        if (d != null) { // null until activation, when there is no router yet
            d.poke();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDriverFactory(DriverFactory factory, Map<String, Object> properties) {
        Object kind = properties.get(DriverFactory.KIND_PROPERTY);
        drivers.add(Map.entry(kind == null ? "" : kind.toString(), factory));
    }

    void removeDriverFactory(DriverFactory factory) {
        drivers.removeIf(e -> e.getValue() == factory);
    }

    @Override
    public synchronized Entry install(String name, String configText, String file, int threads)
            throws ConfigurationException, InterruptedException {
        RouterBuilder builder = RouterBuilder.fromText(configText, file).registry(registry);
        if (threads > 0) {
            builder.driver(smp(), threads);
        } else if (threads < 0) {
            throw new IllegalArgumentException("expected a thread count of at least 1, got " + threads);
        }
        Entry old = routers.get(name);
        Router router;
        if (old == null) {
            router = builder.build();
            router.start();
        } else {
            router = builder.hotSwap(old.router()).router();
        }
        Entry entry = new Entry(name, file, router, old == null || old.owned());
        routers.put(name, entry);
        waiting.remove(name);
        notes.remove(name);
        return entry;
    }

    @Override
    public synchronized Entry installWhenAvailable(String name, String configText, String file, int threads)
            throws ConfigurationException, InterruptedException {
        try {
            return install(name, configText, file, threads);
        } catch (ConfigurationException e) {
            Set<String> unknown = unknownClasses(e);
            if (unknown.isEmpty()) {
                throw e;
            }
            Set<String> missing = new TreeSet<>(unknown);
            missing.removeIf(c -> registry.find(c) != null);
            if (missing.isEmpty()) {
                // the classes arrived while it was being built
                return install(name, configText, file, threads);
            }
            waiting.put(name, new Waiting(configText, file, threads, missing));
            note(name, file + ": waiting for element class " + String.join(", ", missing)
                    + " (installed as soon as a bundle provides it)");
            return null;
        }
    }

    /** The element classes a failed build did not find. */
    private static Set<String> unknownClasses(ConfigurationException e) {
        Set<String> unknown = new TreeSet<>();
        for (Diagnostic d : e.report().diagnostics()) {
            Matcher m = UNKNOWN_CLASS.matcher(d.message());
            if (m.find()) {
                unknown.add(m.group(1));
            }
        }
        return unknown;
    }

    /**
     * After element classes changed: hot-swaps every router whose classes are now provided by other
     * code, keeps the ones that lost a class running as they are (with a note), and installs the
     * configurations that were waiting for classes now there.
     */
    synchronized void rebuildForClassChanges() {
        for (Entry e : new ArrayList<>(routers.values())) {
            ClassCheck check = ClassCheck.of(e.router(), registry);
            if (!check.missing().isEmpty()) {
                note(e.name(), "keeps running on its old classes: element class " + String.join(", ", check.missing())
                        + " is no longer provided by any bundle");
            } else if (!check.replaced().isEmpty()) {
                rebuild(e, check.replaced());
            } else if (notes.containsKey(e.name()) && !waiting.containsKey(e.name())) {
                // the same classes are back (their bundle was stopped and started again)
                notes.remove(e.name());
                log.println("click: router " + e.name() + ": its element classes are all provided again");
            }
        }
        for (Map.Entry<String, Waiting> w : new ArrayList<>(waiting.entrySet())) {
            Waiting wait = w.getValue();
            if (wait.classes().stream().allMatch(c -> registry.find(c) != null)) {
                try {
                    installWhenAvailable(w.getKey(), wait.text(), wait.file(), wait.threads());
                    if (!waiting.containsKey(w.getKey())) {
                        log.println("click: router " + w.getKey() + ": installed from " + wait.file()
                                + " now that element class " + String.join(", ", wait.classes()) + " is provided");
                    }
                } catch (ConfigurationException | RuntimeException ex) {
                    waiting.remove(w.getKey());
                    note(w.getKey(), wait.file() + ": not installed: " + firstLine(ex.getMessage()));
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Builds {@code e}'s configuration again with the classes registered now and hot-swaps it in. */
    private void rebuild(Entry e, Set<String> replaced) {
        String classes = String.join(", ", replaced);
        try {
            Router fresh = e.router().builder().hotSwap(e.router()).router();
            routers.put(e.name(), new Entry(e.name(), e.file(), fresh, e.owned()));
            notes.remove(e.name());
            log.println("click: router " + e.name() + ": hot-swapped onto the new code of element class " + classes);
        } catch (ConfigurationException ex) {
            note(e.name(), "keeps running on its old classes: rebuilding it with the new " + classes + " failed: "
                    + firstLine(ex.getMessage()));
            ex.report().diagnostics().forEach(log::println);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void note(String router, String text) {
        if (!text.equals(notes.put(router, text))) {
            log.println("click: router " + router + ": " + text);
        }
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl) + " (and more)";
    }

    @Override
    public synchronized Map<String, String> notes() {
        return new TreeMap<>(notes);
    }

    private DriverFactory smp() {
        for (Map.Entry<String, DriverFactory> e : drivers) {
            if (e.getKey().equals(SMP)) {
                return e.getValue();
            }
        }
        throw new IllegalArgumentException("no SMP driver is registered (" + DriverFactory.KIND_PROPERTY + "=" + SMP
                + "): is the click.scheduler bundle active?");
    }

    @Override
    public synchronized void register(String name, String file, Router router) {
        if (routers.containsKey(name)) {
            throw new IllegalArgumentException("a router called '" + name + "' is already held");
        }
        routers.put(name, new Entry(name, file, router, false));
    }

    @Override
    public synchronized Router unregister(String name) {
        Entry e = routers.remove(name);
        notes.remove(name);
        return e == null ? null : e.router();
    }

    @Override
    public synchronized boolean stop(String name) throws InterruptedException {
        Entry e = routers.remove(name);
        boolean waited = waiting.remove(name) != null;
        notes.remove(name);
        if (e == null) {
            return waited;
        }
        halt(e.router());
        return true;
    }

    private static void halt(Router router) throws InterruptedException {
        router.requestStop();
        router.awaitStop();
        router.cleanup();
    }

    @Override
    public synchronized Entry find(String name) {
        return routers.get(name);
    }

    @Override
    public synchronized List<Entry> routers() {
        return new ArrayList<>(routers.values());
    }

    /** The shell's own routers stop with it; the click command's keep running for the command to stop. */
    @Deactivate
    void deactivate() throws InterruptedException {
        rebuilds.close();
        haltOwned();
    }

    private synchronized void haltOwned() throws InterruptedException {
        for (Entry e : routers.values()) {
            if (e.owned()) {
                halt(e.router());
            }
        }
        routers.clear();
        waiting.clear();
        notes.clear();
    }
}

package click.shell;

import click.api.DriverFactory;
import click.runtime.ConfigurationException;
import click.runtime.ElementRegistry;
import click.runtime.Router;
import click.runtime.RouterBuilder;
import click.runtime.RouterManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * <p>Thread ownership: every change to the set of routers holds the instance lock (builds, starts
 * and stops included, so two installs of one name cannot interleave); reads take a snapshot.
 * Nothing here is on a packet path.
 */
@Component(service = RouterManager.class)
public final class RouterManagerService implements RouterManager {
    /** The driver kind the scheduler bundle registers for {@code -j N}. */
    static final String SMP = "smp";

    @Reference
    private ElementRegistry registry;

    private final List<Map.Entry<String, DriverFactory>> drivers = new CopyOnWriteArrayList<>();
    private final Map<String, Entry> routers = new LinkedHashMap<>();

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
        Router router = old == null ? builder.build() : builder.buildReplacing(old.router());
        router.start();
        Entry entry = new Entry(name, file, router, old == null || old.owned());
        routers.put(name, entry);
        return entry;
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
        return e == null ? null : e.router();
    }

    @Override
    public synchronized boolean stop(String name) throws InterruptedException {
        Entry e = routers.remove(name);
        if (e == null) {
            return false;
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
    synchronized void deactivate() throws InterruptedException {
        for (Entry e : routers.values()) {
            if (e.owned()) {
                halt(e.router());
            }
        }
        routers.clear();
    }
}

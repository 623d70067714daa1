package click.runtime;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The running routers of a framework, by name: what the Gogo shell inspects and changes. The shell
 * bundle registers the implementation as a service; the click command hands it the router it runs
 * ({@link #register}), routers installed from the shell are built and started by the manager
 * ({@link #install}). Element bundles never see it.
 *
 * <p>Thread ownership: any thread (the shell's session threads, the click command's main thread);
 * implementations serialise changes to the set of routers.
 */
@ProviderType
public interface RouterManager {
    /**
     * One held router: its name, the file (or landmark) its configuration came from, and whether
     * the manager started it ({@link #install}) or someone else runs it ({@link #register}: the
     * click command's).
     */
    record Entry(String name, String file, Router router, boolean owned) {
    }

    /**
     * Builds a router from {@code configText} ({@code file} names it in diagnostics and finds
     * libraries) with the framework's element classes, starts it on its own threads ({@code threads}
     * SMP threads, or the single-threaded driver for 0) and holds it as {@code name}. If a router of
     * that name is held, it is hot-swapped: the new one is built and initialised beside it and takes
     * over the state of same-named elements, and only then does the old one stop; on failure the old
     * one keeps running unchanged.
     *
     * @throws ConfigurationException when the configuration does not build; nothing changed
     * @throws IllegalArgumentException when {@code threads} asks for a driver that is not available
     */
    Entry install(String name, String configText, String file, int threads)
            throws ConfigurationException, InterruptedException;

    /** Holds a router that the caller built and runs; it stays the caller's to stop and clean up. */
    void register(String name, String file, Router router);

    /**
     * Stops holding {@code name} and returns the router held under it now (a hot swap may have
     * replaced the one registered), or null if there is none; the router keeps running.
     */
    Router unregister(String name);

    /**
     * Stops the router held as {@code name}, cleans it up and forgets it, whoever started it (the
     * click command then finds it stopped). Returns false if there is no such router.
     */
    boolean stop(String name) throws InterruptedException;

    /** The router held as {@code name}, or null. */
    Entry find(String name);

    /** Every held router, in the order they were installed or registered. */
    List<Entry> routers();

    /**
     * Like {@link #install}, for configurations that arrive on their own (a {@code .click} file
     * dropped into {@code deploy/}, maybe together with the bundle it needs): if the configuration
     * fails only for element classes that no bundle provides yet, it is remembered and installed
     * as soon as bundles provide them, and this returns null. A router of that name keeps running
     * meanwhile. The default waits for nothing.
     *
     * @throws ConfigurationException when the configuration does not build for another reason
     */
    default Entry installWhenAvailable(String name, String configText, String file, int threads)
            throws ConfigurationException, InterruptedException {
        return install(name, configText, file, threads);
    }

    /**
     * What the manager has to say about routers, by router name, for people to see
     * ({@code click:routers}): a router that keeps running on its old element classes because one
     * disappeared, a configuration waiting for an element class, a rebuild that failed. Empty
     * when all is well; the default has nothing to say.
     */
    default Map<String, String> notes() {
        return Map.of();
    }
}

package click.runtime;

import click.api.ElementFactory;
import click.api.ElementProvider;
import click.runtime.lang.ClassCatalog;
import java.util.Collection;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The element classes a router may use, by Click class name. Inside OSGi the launcher adds and
 * removes factories as {@link ElementFactory} services come and go; outside a framework
 * {@link #fromServiceLoader} collects every {@link ElementProvider} on the class path. Consulted
 * only while routers are built, never per packet.
 *
 * <p>Thread ownership: any thread. When two factories share a class name the one added last wins,
 * and removing it brings the earlier one back (a bundle update replaces its factories this way).
 */
public final class ElementRegistry {
    private final ConcurrentHashMap<String, CopyOnWriteArrayList<ElementFactory>> byName = new ConcurrentHashMap<>();

    /** Makes {@code f}'s class available; it hides an earlier factory of the same class name. */
    public void add(ElementFactory f) {
        byName.computeIfAbsent(f.className(), k -> new CopyOnWriteArrayList<>()).add(f);
    }

    /** Withdraws {@code f} (its bundle went away); routers already built keep their elements. */
    public void remove(ElementFactory f) {
        byName.computeIfPresent(f.className(), (k, list) -> {
            list.remove(f);
            return list.isEmpty() ? null : list;
        });
    }

    /** The factory for {@code className}, or null if none is registered. */
    public ElementFactory find(String className) {
        List<ElementFactory> list = byName.get(className);
        if (list == null) {
            return null;
        }
        Object[] snapshot = list.toArray();
        return snapshot.length == 0 ? null : (ElementFactory) snapshot[snapshot.length - 1];
    }

    /** One factory per class name (the active one). */
    public Collection<ElementFactory> all() {
        List<ElementFactory> out = new java.util.ArrayList<>();
        for (String name : new TreeSet<>(byName.keySet())) {
            ElementFactory f = find(name);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    /** Every factory of every {@link ElementProvider} that {@code loader} can see. */
    public static ElementRegistry fromServiceLoader(ClassLoader loader) {
        ElementRegistry r = new ElementRegistry();
        for (ElementProvider p : ServiceLoader.load(ElementProvider.class, loader)) {
            p.elementFactories().forEach(r::add);
        }
        return r;
    }

    ClassCatalog catalog() {
        return new ClassCatalog() {
            @Override
            public boolean isClass(String name) {
                return find(name) != null;
            }

            @Override
            public Collection<String> classNames() {
                return new TreeSet<>(byName.keySet());
            }
        };
    }
}

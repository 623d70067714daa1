package click.launch;

import click.api.DriverFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@link DriverFactory} services of the framework, by kind ({@value DriverFactory#KIND_PROPERTY}
 * property): the scheduler bundle registers the {@code smp} one that {@code click -j N} uses.
 *
 * <p>Thread ownership: SCR calls the bind and unbind methods on whatever thread registers or
 * unregisters a factory, while the click command reads on the main thread; every access holds the
 * instance lock (never on a packet path).
 */
@Component(service = DriverFactories.class)
public final class DriverFactories {
    /** A factory with the kind it was registered under, in registration order. */
    private record Entry(String kind, DriverFactory factory) {
    }

    private final List<Entry> entries = new ArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addDriverFactory(DriverFactory factory, Map<String, Object> properties) {
        Object kind = properties.get(DriverFactory.KIND_PROPERTY);
        entries.add(new Entry(kind == null ? "" : kind.toString(), factory));
    }

    synchronized void removeDriverFactory(DriverFactory factory) {
        entries.removeIf(e -> e.factory() == factory);
    }

    /** The first registered factory of {@code kind}, if any. */
    public synchronized Optional<DriverFactory> find(String kind) {
        return entries.stream().filter(e -> e.kind().equals(kind)).map(Entry::factory).findFirst();
    }
}

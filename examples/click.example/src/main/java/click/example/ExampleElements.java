package click.example;

import click.api.ElementFactory;
import click.api.ElementProvider;
import java.util.List;

/**
 * The element classes of this bundle. The {@link Activator} registers each as an
 * {@code ElementFactory} service inside the framework; outside one (unit tests, benchmarks) the
 * runtime finds this class through {@code META-INF/services/click.api.ElementProvider}.
 */
public final class ExampleElements implements ElementProvider {
    @Override
    public List<ElementFactory> elementFactories() {
        return ElementFactory.of(TTLHistogram.class, TTLHistogram::new);
    }
}

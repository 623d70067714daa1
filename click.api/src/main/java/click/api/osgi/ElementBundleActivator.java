package click.api.osgi;

import click.api.ElementFactory;
import click.api.ElementProvider;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Registers every {@link ElementFactory} of a bundle's {@link ElementProvider} as an OSGi service
 * with property {@code click.element=<class name>}, and withdraws them when the bundle stops (which
 * tells routers using those classes to rebuild or keep their old classes).
 * <pre>{@code
 *   public final class Activator extends ElementBundleActivator {
 *       public Activator() { super(new StandardElements()); }
 *   }
 * }</pre>
 */
public abstract class ElementBundleActivator implements BundleActivator {
    private final ElementProvider provider;
    private final List<ServiceRegistration<ElementFactory>> registrations = new ArrayList<>();

    protected ElementBundleActivator(ElementProvider provider) {
        this.provider = provider;
    }

    @Override
    public void start(BundleContext context) {
        for (ElementFactory f : provider.elementFactories()) {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(ElementFactory.CLASS_PROPERTY, f.className());
            props.put("click.element.javaclass", f.elementClass().getName());
            registrations.add(context.registerService(ElementFactory.class, f, props));
        }
    }

    @Override
    public void stop(BundleContext context) {
        for (ServiceRegistration<ElementFactory> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregisters a stopping bundle's services itself
            }
        }
        registrations.clear();
    }
}

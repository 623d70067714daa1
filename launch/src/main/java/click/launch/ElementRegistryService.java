package click.launch;

import click.api.ElementFactory;
import click.runtime.ElementRegistry;
import java.util.Hashtable;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Keeps one {@link ElementRegistry} in step with the framework's {@link ElementFactory} services
 * (an element bundle registers one per Click class, {@code click.element=<class>}) and offers it as
 * an {@code ElementRegistry} service, so the click command, the shell and tests build routers from
 * whatever element bundles are active. Routers look classes up only while they are built.
 *
 * <p>Thread ownership: SCR calls {@link #addFactory} and {@link #removeFactory} on whatever thread
 * registers or unregisters a factory (a bundle starting or stopping, FileInstall), while routers
 * are built on others; {@link ElementRegistry} is safe for that.
 */
@Component(immediate = true)
// The registration below is made by hand (ElementRegistry is a final class of click.runtime, not
// this component), so bnd cannot see it: declare the capability for the resolver.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=click.runtime.ElementRegistry")
public final class ElementRegistryService {
    private final ElementRegistry registry = new ElementRegistry();
    private ServiceRegistration<ElementRegistry> registration;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addFactory(ElementFactory factory) {
        registry.add(factory);
    }

    void removeFactory(ElementFactory factory) {
        registry.remove(factory);
    }

    @Activate
    void activate(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("service.description", "every ElementFactory service of the framework");
        registration = context.registerService(ElementRegistry.class, registry, properties);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}

package click.scheduler;

import click.api.DriverFactory;
import java.util.Hashtable;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/** Registers the {@link SmpDriverFactory} as a {@link DriverFactory} service with {@code click.driver=smp}. */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class Activator implements BundleActivator {
    private ServiceRegistration<DriverFactory> registration;

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(DriverFactory.KIND_PROPERTY, SmpDriverFactory.KIND);
        registration = context.registerService(DriverFactory.class, new SmpDriverFactory(), props);
    }

    @Override
    public void stop(BundleContext context) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework unregisters a stopping bundle's services itself
        }
        registration = null;
    }
}

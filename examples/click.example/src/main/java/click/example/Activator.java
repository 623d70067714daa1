package click.example;

import click.api.osgi.ElementBundleActivator;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.Constants;

/**
 * Registers this bundle's element classes as {@code ElementFactory} services when the bundle
 * starts, and withdraws them when it stops; the router manager rebuilds the routers that use them.
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class Activator extends ElementBundleActivator {
    public Activator() {
        super(new ExampleElements());
    }
}

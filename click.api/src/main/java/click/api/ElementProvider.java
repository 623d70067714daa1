package click.api;

import java.util.List;

/**
 * The element classes of one bundle. Outside OSGi the runtime finds providers with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/click.api.ElementProvider}); inside OSGi
 * the bundle's {@link click.api.osgi.ElementBundleActivator} registers each factory as a service.
 */
public interface ElementProvider {
    List<ElementFactory> elementFactories();
}

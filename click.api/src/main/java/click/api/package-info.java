/**
 * The jclick element API: everything an element class needs, and nothing of the router's internals.
 *
 * <p>An element is a small class extending {@link click.api.Element}. It declares its ports and
 * processing with {@link click.api.ElementInfo}, reads its configuration with {@link click.api.Args},
 * moves {@link click.api.Packet}s through {@link click.api.Output} and {@link click.api.Input}
 * ports, exposes its state as named handlers ({@link click.api.HandlerRegistry}), and, if it is
 * a source of work, registers a {@link click.api.Task} with the driver. A bundle offers its element
 * classes to routers through {@link click.api.ElementFactory} services.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package click.api;

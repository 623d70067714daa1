/**
 * The router: the Click language (lexer, parser, compound elements, variables), the router graph
 * with its port and processing checks, element instantiation through {@link click.api.ElementFactory}
 * services, handlers, and the single-threaded driver.
 *
 * <p>Entry points: {@link click.runtime.RouterBuilder} (text to {@link click.runtime.Router}),
 * {@link click.runtime.ElementRegistry} (the element classes), {@link click.runtime.SimpleDriver}.
 * The subpackages are internal.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package click.runtime;

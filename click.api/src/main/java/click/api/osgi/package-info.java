/**
 * The OSGi edge of the element API: a bundle activator that registers a bundle's element
 * factories as {@link click.api.ElementFactory} services. Nothing here runs on the packet path.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package click.api.osgi;

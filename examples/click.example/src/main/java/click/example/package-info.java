/**
 * An example element bundle: one element class ({@link click.example.TTLHistogram}), the
 * {@link click.api.ElementProvider} that lists it, and the {@link click.example.Activator} that
 * registers it with the framework. Copy it to start your own; examples/README.md walks through it.
 */
package click.example;

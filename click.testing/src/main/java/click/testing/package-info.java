/**
 * Testing element classes alone, in memory: {@link click.testing.ElementHarness} gives an element
 * its ports, a simulated clock, tasks and timers, collects what it outputs, reads and writes its
 * handlers, and fails a test whose element leaks or double-pushes a packet.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package click.testing;

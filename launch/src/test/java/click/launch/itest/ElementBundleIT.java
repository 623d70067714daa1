package click.launch.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Element;
import click.runtime.ElementRegistry;
import click.runtime.Router;
import click.runtime.RouterManager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The example element bundle (examples/click.example, TTLHistogram) installed, updated and
 * uninstalled while a router runs: the router manager rebuilds the router with the new classes and
 * hot-swaps it, and the packet counts prove that no queued packet was lost and that the element
 * state was carried over. itest.bndrun passes the bundle's build folder as {@code click.example.dir}.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class ElementBundleIT {
    /** A 20-byte IPv4 header with TTL 64; each source sends 100 and then idles, the router running on. */
    private static final String SOURCE =
            "src :: InfiniteSource(DATA \\<45000014 00000000 40110000 c0000201 c0000202>, LIMIT 100, STOP false)";

    /** Nothing pulls from q: every packet sent stays queued, so q.length counts every packet ever sent. */
    private static final String WITHOUT_HISTOGRAM = SOURCE + " -> q :: Queue(1000) -> Idle;\n";

    private static final String WITH_HISTOGRAM = SOURCE + " -> h :: TTLHistogram -> q :: Queue(1000) -> Idle;\n";

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 5000)
    RouterManager manager;

    @InjectService(timeout = 5000)
    ElementRegistry registry;

    @InjectService(timeout = 5000)
    CommandProcessor processor;

    private Bundle example;

    @AfterEach
    void cleanUp() throws Exception {
        for (RouterManager.Entry e : manager.routers()) {
            manager.stop(e.name());
        }
        manager.stop("waits");
        if (example != null && example.getState() != Bundle.UNINSTALLED) {
            example.uninstall();
        }
        awaitTrue(() -> registry.find("TTLHistogram") == null, "TTLHistogram withdrawn");
    }

    @Test
    void installUpdateAndUninstallOfTheBundleHotSwapTheRouterWithoutLosingPacketsOrCounts() throws Exception {
        manager.install("live", WITHOUT_HISTOGRAM, "live.click", 0);
        awaitHandler("live", "q.length", "100");

        example = context.installBundle("itest:click.example", exampleJar("0.1.0.itest"));
        example.start();
        awaitTrue(() -> registry.find("TTLHistogram") != null, "TTLHistogram registered");
        manager.install("live", WITH_HISTOGRAM, "live.click", 0);
        // the 100 queued packets were carried over; the new source sent 100 more, through h
        awaitHandler("live", "q.length", "200");
        awaitHandler("live", "h.count", "100");
        Router beforeUpdate = router("live");
        Class<?> firstVersion = beforeUpdate.element("h").getClass();

        example.update(exampleJar("0.1.1.itest"));
        awaitTrue(() -> router("live") != beforeUpdate, "the router rebuilt after the update");
        Element updated = router("live").element("h");
        assertNotSame(firstVersion, updated.getClass(), "h is made by the updated bundle's class");
        assertEquals("0.1.1.itest", example.getVersion().toString());
        // queued packets and h's counts carried over, and the new source's 100 packets added to both
        awaitHandler("live", "q.length", "300");
        awaitHandler("live", "h.count", "200");
        assertEquals("64 200", read("live", "h.counts"));
        assertTrue(manager.notes().isEmpty(), manager.notes().toString());

        Router beforeUninstall = router("live");
        example.uninstall();
        awaitTrue(() -> manager.notes().containsKey("live"), "a note about the missing class");
        assertEquals("keeps running on its old classes: element class TTLHistogram is no longer provided by any bundle",
                manager.notes().get("live"));
        assertSame(beforeUninstall, router("live"), "never rebuilt without its class");
        assertFalse(beforeUninstall.driver().stopRequested());
        assertEquals("300", read("live", "q.length"));
        assertEquals("200", read("live", "h.count"));
        String routers = shell("click:routers");
        assertTrue(routers.matches("(?s).*\nlive +running\\* .*"), routers);
        assertTrue(routers.endsWith("\n*live: keeps running on its old classes: element class TTLHistogram is no longer"
                + " provided by any bundle\n"), routers);

        example = context.installBundle("itest:click.example", exampleJar("0.1.2.itest"));
        example.start();
        awaitTrue(() -> router("live") != beforeUninstall, "the router rebuilt once the class is back");
        awaitHandler("live", "q.length", "400");
        awaitHandler("live", "h.count", "300");
        assertTrue(manager.notes().isEmpty(), manager.notes().toString());
    }

    /**
     * Updating the bundle of the standard elements themselves (Queue, Counter, InfiniteSource) while
     * a router holds packets: the rebuilt router's Queue comes from the new bundle revision's class
     * loader, so it cannot cast the old Queue, and takes its packets through click.api's PacketHolder
     * (and the Counter its count through the old Counter's handlers).
     */
    @Test
    void updatingTheStandardElementsBundleCarriesQueuedPacketsAndCountsOver() throws Exception {
        manager.install("live", SOURCE + " -> c :: Counter -> q :: Queue(1000) -> Idle;\n", "live.click", 0);
        awaitHandler("live", "q.length", "100");
        Router before = router("live");
        Class<?> oldQueue = before.element("q").getClass();
        Bundle standard = null;
        for (Bundle b : context.getBundles()) {
            if ("click.elements.standard".equals(b.getSymbolicName())) {
                standard = b;
            }
        }
        assertNotNull(standard, "the standard elements bundle");
        standard.update();
        awaitTrue(() -> router("live") != before && router("live").element("q").getClass() != oldQueue,
                "the router rebuilt on the updated bundle's classes");
        // the 100 queued packets were carried over; the new source sent 100 more
        awaitHandler("live", "q.length", "200");
        awaitHandler("live", "c.count", "200");
        assertTrue(manager.notes().isEmpty(), manager.notes().toString());
    }

    @Test
    void stoppingAndStartingTheBundleAgainKeepsTheRouterAndClearsTheNote() throws Exception {
        example = context.installBundle("itest:click.example", exampleJar("0.1.0.itest"));
        example.start();
        awaitTrue(() -> registry.find("TTLHistogram") != null, "TTLHistogram registered");
        manager.install("live", WITH_HISTOGRAM, "live.click", 0);
        awaitHandler("live", "h.count", "100");
        Router running = router("live");

        example.stop();
        awaitTrue(() -> manager.notes().containsKey("live"), "a note about the missing class");
        example.start();
        awaitTrue(() -> manager.notes().isEmpty(), "the note gone");
        assertSame(running, router("live"), "the very same classes are back: nothing to rebuild");
        assertEquals("100", read("live", "h.count"));
    }

    @Test
    void aConfigurationWaitingForItsElementClassIsInstalledWhenTheBundleArrives() throws Exception {
        assertNull(manager.installWhenAvailable("waits", WITH_HISTOGRAM, "waits.click", 0));
        assertEquals("waits.click: waiting for element class TTLHistogram (installed as soon as a bundle provides it)",
                manager.notes().get("waits"));
        assertNull(manager.find("waits"));

        example = context.installBundle("itest:click.example", exampleJar("0.1.0.itest"));
        example.start();
        awaitTrue(() -> manager.find("waits") != null, "the waiting router installed");
        awaitHandler("waits", "h.count", "100");
        assertTrue(manager.notes().isEmpty(), manager.notes().toString());
    }

    // ---- helpers ----

    private Router router(String name) {
        return router(manager, name);
    }

    static Router router(RouterManager manager, String name) {
        RouterManager.Entry e = manager.find(name);
        assertNotNull(e, "router " + name);
        return e.router();
    }

    private String read(String router, String handler) throws Exception {
        return router(router).handlers().read(handler).trim();
    }

    private String shell(String command) throws Exception {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), sink, sink);
        try {
            Object result = session.execute(command);
            return result == null ? "" : result.toString();
        } finally {
            session.close();
        }
    }

    /** Waits (up to 10 s) until the handler reads {@code value}, then checks it does. */
    private void awaitHandler(String router, String handler, String value) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String now = read(router, handler);
        while (!now.equals(value) && System.nanoTime() < deadline) {
            Thread.sleep(5);
            now = read(router, handler);
        }
        assertEquals(value, now, router + ": " + handler);
    }

    /** Waits (up to 10 s) until {@code condition} holds, then checks it does. */
    static void awaitTrue(Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.call() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(condition.call(), what);
    }

    /**
     * The example bundle as built by Maven, with its Bundle-Version set to {@code version}: each
     * install or update here is a new build of the bundle, as a developer would make it.
     */
    static InputStream exampleJar(String version) throws IOException {
        Path jar = builtExampleJar();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name(Constants.BUNDLE_VERSION), version);
            try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    static Path builtExampleJar() throws IOException {
        Path dir = Path.of(System.getProperty("click.example.dir"));
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "click.example-*.jar")) {
            for (Path p : jars) {
                String n = p.getFileName().toString();
                if (!n.endsWith("-sources.jar") && !n.endsWith("-tests.jar")) {
                    return p;
                }
            }
        }
        throw new IOException("no click.example jar in " + dir + ": build examples/click.example first");
    }
}

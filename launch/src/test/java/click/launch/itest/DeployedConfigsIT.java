package click.launch.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.runtime.ElementRegistry;
import click.runtime.Router;
import click.runtime.RouterManager;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * {@code .click} files and element bundle jars in FileInstall's watched folder: the shell bundle's
 * ArtifactInstaller called directly, and then FileInstall itself watching the folder that
 * itest.bndrun names ({@code felix.fileinstall.dir}).
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class DeployedConfigsIT {
    private static final String FIVE_QUEUED = "src :: InfiniteSource(LIMIT 5, STOP false) -> q :: Queue(100) -> Idle;\n";

    private static final String WITH_HISTOGRAM = "src :: InfiniteSource(DATA \\<45000014 00000000 40110000 c0000201"
            + " c0000202>, LIMIT 100, STOP false) -> h :: TTLHistogram -> q :: Queue(1000) -> Idle;\n";

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 5000)
    RouterManager manager;

    @InjectService(timeout = 5000)
    ElementRegistry registry;

    @InjectService(filter = "(component.name=click.shell.DeployedConfigs)", timeout = 5000)
    ArtifactInstaller installer;

    @TempDir
    Path dir;

    @AfterEach
    void stopEverything() throws Exception {
        Path watched = watched();
        if (Files.isDirectory(watched)) {
            try (Stream<Path> files = Files.list(watched)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
        }
        awaitTrue(() -> registry.find("TTLHistogram") == null, "the deployed bundle uninstalled");
        for (RouterManager.Entry e : manager.routers()) {
            manager.stop(e.name());
        }
    }

    @Test
    void aConfigFileInstallsTheRouterNamedAfterItAChangeHotSwapsItAndRemovingItStopsIt() throws Exception {
        Path conf = Files.writeString(dir.resolve("edge.click"), FIVE_QUEUED, StandardCharsets.UTF_8);
        assertTrue(installer.canHandle(conf.toFile()));
        assertFalse(installer.canHandle(dir.resolve("edge.jar").toFile()));

        installer.install(conf.toFile());
        awaitHandler("edge", "q.length", "5");
        Router first = router("edge");
        assertEquals(conf.toString(), manager.find("edge").file());

        Files.writeString(conf, FIVE_QUEUED.replace("LIMIT 5", "LIMIT 7"), StandardCharsets.UTF_8);
        installer.update(conf.toFile());
        // the 5 queued packets were carried over, and the new source sent 7 more
        awaitHandler("edge", "q.length", "12");
        assertTrue(router("edge") != first, "hot-swapped");

        installer.uninstall(conf.toFile());
        assertNull(manager.find("edge"));
    }

    @Test
    void aConfigWithErrorsIsReportedWithItsLocationAndTheRunningRouterKeepsRunning() throws Exception {
        Path conf = Files.writeString(dir.resolve("edge.click"), FIVE_QUEUED, StandardCharsets.UTF_8);
        installer.install(conf.toFile());
        awaitHandler("edge", "q.length", "5");
        Router running = router("edge");

        Files.writeString(conf, "src :: InfiniteSource(LIMIT 5)\n  -> q :: Queue(-1) -> Idle;\n", StandardCharsets.UTF_8);
        String err = capturingStandardError(() -> installer.update(conf.toFile()));
        assertTrue(err.contains(conf + ":2:6: error: q :: Queue: "), err);
        assertTrue(err.contains("click: deploy: " + conf + " not installed; router edge keeps running unchanged"), err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
        assertSame(running, router("edge"));
        assertFalse(running.driver().stopRequested());
        assertEquals("5", read("edge", "q.length"));
    }

    @Test
    void fileInstallDeploysTheExampleJarAndAConfigThatNeedsItDroppedTogetherAndUpdatesBothInPlace() throws Exception {
        Path watched = Files.createDirectories(watched());
        Path jar = watched.resolve("click.example.jar");
        copy(ElementBundleIT.exampleJar("0.1.0.itest"), jar);
        Files.writeString(watched.resolve("ttl.click"), WITH_HISTOGRAM, StandardCharsets.UTF_8);
        // whichever FileInstall handles first, the router starts once its class is there
        awaitTrue(() -> manager.find("ttl") != null, "router ttl installed from the watched folder");
        awaitHandler("ttl", "h.count", "100");
        Bundle example = Arrays.stream(context.getBundles())
                .filter(b -> "click.example".equals(b.getSymbolicName())).findFirst().orElseThrow();
        assertTrue(example.getLocation().endsWith("click.example.jar"), example.getLocation());
        Router beforeUpdate = router("ttl");

        // a new build of the bundle, written over the old jar: the router is rebuilt with it, counts kept
        copy(ElementBundleIT.exampleJar("0.1.1.itest"), jar);
        awaitTrue(() -> router("ttl") != beforeUpdate, "router ttl rebuilt after the jar changed");
        assertEquals("0.1.1.itest", example.getVersion().toString());
        // FileInstall updates the bundle and then refreshes it: one rebuild or two, each new source
        // sending 100. Every packet that passed h is still queued (none lost), and h counts more
        // than this router's own source sent (the counts were carried).
        awaitTrue(() -> {
            long counted = Long.parseLong(read("ttl", "h.count"));
            return counted >= 200 && counted % 100 == 0 && counted == Long.parseLong(read("ttl", "q.length"));
        }, "h.count equal to q.length, at least 200");

        Files.delete(watched.resolve("ttl.click"));
        awaitTrue(() -> manager.find("ttl") == null, "router ttl stopped when its file went away");
    }

    // ---- helpers ----

    private Path watched() {
        return Path.of(context.getProperty("felix.fileinstall.dir"));
    }

    /** Writes the jar beside its place and moves it in, so FileInstall never sees half a file. */
    private static void copy(InputStream jar, Path to) throws Exception {
        Path part = to.resolveSibling(to.getFileName() + ".part");
        try (jar) {
            Files.copy(jar, part, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(part, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private interface Action {
        void run() throws Exception;
    }

    private static synchronized String capturingStandardError(Action action) throws Exception {
        PrintStream before = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(before);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private Router router(String name) {
        return ElementBundleIT.router(manager, name);
    }

    private String read(String router, String handler) throws Exception {
        return router(router).handlers().read(handler).trim();
    }

    private void awaitHandler(String router, String handler, String value) throws Exception {
        awaitTrue(() -> value.equals(read(router, handler)), router + ": " + handler + " reads " + value);
    }

    private static void awaitTrue(Callable<Boolean> condition, String what) throws Exception {
        ElementBundleIT.awaitTrue(condition, what);
    }
}

package click.shell;

import click.api.Diagnostic;
import click.runtime.ConfigurationException;
import click.runtime.RouterManager;
import click.runtime.RouterManager.Entry;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Router configurations dropped into FileInstall's watched folder ({@code deploy/} for the click
 * command): {@code NAME.click} appearing installs router NAME on the single-threaded driver,
 * changing it hot-swaps that router, and deleting it stops the router. A configuration that needs
 * an element class no bundle provides yet (its bundle dropped in the same moment) is installed as
 * soon as one does ({@link RouterManager#installWhenAvailable}).
 *
 * <p>A configuration with errors changes nothing: the router of that name keeps running, and each
 * error is one {@code file:line:column: error: ...} line on the framework's standard error, never
 * a stack trace. Nothing is thrown back to FileInstall, which would only log it again.
 *
 * <p>Thread ownership: FileInstall calls from its watcher thread; the manager serialises changes.
 */
@Component(service = ArtifactInstaller.class)
public final class DeployedConfigs implements ArtifactInstaller {
    private static final String SUFFIX = ".click";

    @Reference
    private RouterManager manager;

    @Override
    public boolean canHandle(File artifact) {
        String n = artifact.getName();
        return n.endsWith(SUFFIX) && n.length() > SUFFIX.length();
    }

    @Override
    public void install(File artifact) throws InterruptedException {
        deploy(artifact);
    }

    @Override
    public void update(File artifact) throws InterruptedException {
        deploy(artifact);
    }

    /** Stops the router only if this file made it (a router of that name from elsewhere stays). */
    @Override
    public void uninstall(File artifact) throws InterruptedException {
        String name = ClickCommands.routerName(artifact.toPath());
        Entry e = manager.find(name);
        if (e == null || e.file().equals(artifact.getPath())) {
            if (manager.stop(name)) {
                log().println("click: deploy: stopped router " + name + " (" + artifact + " was removed)");
            }
        }
    }

    private void deploy(File artifact) throws InterruptedException {
        String name = ClickCommands.routerName(artifact.toPath());
        PrintStream log = log();
        String text;
        try {
            text = Files.readString(artifact.toPath(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.println("click: deploy: " + artifact + ": cannot read it: " + e.getMessage());
            return;
        }
        boolean swap = manager.find(name) != null;
        try {
            Entry e = manager.installWhenAvailable(name, text, artifact.getPath(), 0);
            if (e != null) {
                log.println("click: deploy: " + (swap ? "hot-swapped" : "installed") + " router " + name + " from "
                        + artifact + " (" + e.router().elements().size() + " elements)");
            }
        } catch (ConfigurationException e) {
            for (Diagnostic d : e.report().diagnostics()) {
                log.println(d);
            }
            log.println("click: deploy: " + artifact + " not installed"
                    + (swap ? "; router " + name + " keeps running unchanged" : ""));
        } catch (RuntimeException e) {
            log.println("click: deploy: " + artifact + " not installed: " + e.getMessage());
        }
    }

    /** Read at each use, so whoever redirects standard error (a test) sees the messages. */
    private static PrintStream log() {
        return System.err;
    }
}

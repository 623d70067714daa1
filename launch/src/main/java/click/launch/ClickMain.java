package click.launch;

import java.io.File;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * The bnd launcher's main-thread service: runs {@link ClickCommand} with the command-line arguments
 * on the JVM's main thread; the launcher then stops the framework and exits with the returned status.
 *
 * <p>A named class on purpose: the launcher checks the reflected return type of {@code call()} and
 * rejects a lambda, whose erased type is {@code Callable<Object>}.
 *
 * <p>The launcher calls this as soon as it is registered, which with start levels (click.bndrun
 * starts gogo.shell at level 20) is while the framework is still climbing to its beginning level;
 * so it first waits for that level, and with it every bundle of the application.
 */
public final class ClickMain implements Callable<Integer> {
    /**
     * The launcher registers itself with this service property holding {@code main(String[])}'s
     * arguments, untouched by any shell quoting, before it calls the main-thread service.
     */
    static final String ARGUMENTS_PROPERTY = "launcher.arguments";

    private final BundleContext context;
    private final ClickCommand command;

    ClickMain(BundleContext context, ClickCommand command) {
        this.context = context;
        this.command = command;
    }

    /** Generous: starting every bundle takes well under a second. */
    private static final long STARTUP_WAIT_SECONDS = 30;

    /** FileInstall's watched folder (click.bndrun: {@code deploy}). */
    static final String DEPLOY_DIR_PROPERTY = "felix.fileinstall.dir";

    @Override
    public Integer call() throws InterruptedException {
        awaitBeginningStartLevel();
        startDeployedBundles();
        return command.run(arguments(), System.in, System.out, System.err);
    }

    /**
     * Starts the bundles FileInstall found in the watched folder at startup but left installed:
     * it scans while the framework climbs its start levels and starts a bundle only if the level
     * reached is already the bundle's, which for new bundles (the level above every application
     * bundle) it is not yet. Started here, their element classes are there before the router is
     * built. Bundles dropped later FileInstall starts itself.
     */
    private void startDeployedBundles() {
        String dir = context.getProperty(DEPLOY_DIR_PROPERTY);
        if (dir == null) {
            return;
        }
        // FileInstall's bundle locations are java.io.File URIs: file:/abs/dir/name.jar
        String prefix = new File(dir).getAbsoluteFile().toURI().toString();
        for (Bundle b : context.getBundles()) {
            boolean waiting = b.getState() == Bundle.INSTALLED || b.getState() == Bundle.RESOLVED;
            if (waiting && b.getLocation().startsWith(prefix) && b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                try {
                    b.start();
                } catch (BundleException e) {
                    System.err.println("click: " + b.getLocation() + ": cannot start it: " + e.getMessage());
                }
            }
        }
    }

    private void awaitBeginningStartLevel() throws InterruptedException {
        String beginning = context.getProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL);
        int target = beginning == null ? 1 : Integer.parseInt(beginning.trim());
        // The launcher may raise the level without that property: then the highest level of a
        // bundle (the console's, or a bundle FileInstall installed) says how far it will go.
        for (Bundle b : context.getBundles()) {
            BundleStartLevel level = b.adapt(BundleStartLevel.class);
            if (level != null) {
                target = Math.max(target, level.getStartLevel());
            }
        }
        int awaited = target;
        FrameworkStartLevel startLevel = context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkStartLevel.class);
        CountDownLatch reached = new CountDownLatch(1);
        FrameworkListener listener = event -> {
            if ((event.getType() == FrameworkEvent.STARTLEVEL_CHANGED || event.getType() == FrameworkEvent.STARTED)
                    && startLevel.getStartLevel() >= awaited) {
                reached.countDown();
            }
        };
        context.addFrameworkListener(listener);
        try {
            if (startLevel.getStartLevel() < awaited) {
                reached.await(STARTUP_WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            context.removeFrameworkListener(listener);
        }
    }

    private List<String> arguments() {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null, "(" + ARGUMENTS_PROPERTY + "=*)");
            if (refs != null && refs[0].getProperty(ARGUMENTS_PROPERTY) instanceof String[] args) {
                return List.of(args);
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("constant filter is valid", e);
        }
        return List.of();
    }
}

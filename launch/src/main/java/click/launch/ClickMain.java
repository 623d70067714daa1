package click.launch;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
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

    @Override
    public Integer call() throws InterruptedException {
        awaitBeginningStartLevel();
        return command.run(arguments(), System.in, System.out, System.err);
    }

    private void awaitBeginningStartLevel() throws InterruptedException {
        String beginning = context.getProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL);
        int target = beginning == null ? 1 : Integer.parseInt(beginning.trim());
        FrameworkStartLevel startLevel = context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkStartLevel.class);
        CountDownLatch reached = new CountDownLatch(1);
        FrameworkListener listener = event -> {
            if ((event.getType() == FrameworkEvent.STARTLEVEL_CHANGED || event.getType() == FrameworkEvent.STARTED)
                    && startLevel.getStartLevel() >= target) {
                reached.countDown();
            }
        };
        context.addFrameworkListener(listener);
        try {
            if (startLevel.getStartLevel() < target) {
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

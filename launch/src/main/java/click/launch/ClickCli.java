package click.launch;

import click.runtime.ElementRegistry;
import click.runtime.RouterManager;
import java.util.Hashtable;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Makes this framework the {@code click} command: when the framework property {@value #CLI_PROPERTY}
 * is true (click.bndrun sets it; the in-framework tests do not), registers {@link ClickMain} as the
 * bnd launcher's main-thread service. The launcher calls it once every bundle has started, then
 * stops the framework and exits with its result.
 */
@Component(immediate = true)
public final class ClickCli {
    /** Framework property that turns the command on. */
    static final String CLI_PROPERTY = "click.cli";

    @Reference
    private ElementRegistry registry;

    @Reference
    private DriverFactories drivers;

    @Reference
    private CommandProcessor console;

    /** The shell bundle's, when it is active: it then holds the router that {@code --shell FILE} runs. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RouterManager routers;

    private ServiceRegistration<?> mainThread;

    @Activate
    void activate(BundleContext context) {
        if (!Boolean.parseBoolean(context.getProperty(CLI_PROPERTY))) {
            return;
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("main.thread", Boolean.TRUE);
        mainThread = context.registerService(Callable.class,
                new ClickMain(context, new ClickCommand(registry, drivers, console, () -> Optional.ofNullable(routers), version(context))), properties);
    }

    @Deactivate
    void deactivate() {
        if (mainThread != null) {
            mainThread.unregister();
        }
    }

    private static String version(BundleContext context) {
        return context.getBundle().getVersion().toString();
    }
}

package click.launch;

import click.api.Diagnostic;
import click.api.DriverFactory;
import click.api.ErrorReport;
import click.launch.Options.UsageException;
import click.runtime.ConfigurationException;
import click.runtime.ElementRegistry;
import click.runtime.Router;
import click.runtime.RouterBuilder;
import click.runtime.RouterManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.felix.service.command.CommandProcessor;

/**
 * What {@code click} does, like Click's userlevel driver: read the configuration (a file, {@code -e},
 * or the built-in demo), define the {@code NAME=value} variables, check and build the router from the
 * framework's element classes, write the flat configuration ({@code -o}), run the router on the
 * calling thread until it stops, then print the {@code -h} handlers. Every user mistake becomes a
 * message on stderr ({@code file:line:col: error: ...} for the configuration) and exit status 1.
 *
 * <p>Thread ownership: one run at a time, on the launcher's main thread; a Ctrl-C arrives on a
 * shutdown-hook thread and only asks the router to stop.
 */
final class ClickCommand {
    /** Where the demonstration router lives in this bundle. */
    static final String DEMO_RESOURCE = "/demo.click";

    /** System property that makes an internal error print its stack trace. */
    static final String DEBUG_PROPERTY = "click.debug";

    private static final String SHORT_USAGE = "Usage: click [OPTION]... [ROUTERFILE] [NAME=VALUE]...\n"
            + "Try 'click --help' for more information.";

    private final ElementRegistry registry;
    private final DriverFactories drivers;
    private final CommandProcessor console;
    private final Supplier<Optional<RouterManager>> routers;
    private final String version;

    ClickCommand(ElementRegistry registry, DriverFactories drivers, CommandProcessor console,
                 Supplier<Optional<RouterManager>> routers, String version) {
        this.registry = registry;
        this.drivers = drivers;
        this.console = console;
        this.routers = routers;
        this.version = version;
    }

    /** Runs the command line {@code args}; returns the exit status. */
    int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException e) {
            err.println("click: " + e.getMessage());
            err.println(SHORT_USAGE);
            return 1;
        }
        if (options.help()) {
            out.print(Options.USAGE);
            return 0;
        }
        if (options.version()) {
            out.println("click (jclick) " + version);
            return 0;
        }
        if (options.shell() && !options.hasConfiguration()) {
            return options.shellCommands() != null ? new Console(console).runScript(options.shellCommands(), err)
                    : new Console(console).run(err);
        }
        try {
            return new Session(options, in, out, err).run();
        } catch (UserError e) {
            err.println("click: " + e.getMessage());
            return 1;
        } catch (RuntimeException | LinkageError e) {
            // a bug, not a user mistake: one line, and the trace only on request
            err.println("click: internal error: " + e);
            if (Boolean.getBoolean(DEBUG_PROPERTY)) {
                e.printStackTrace(err);
            } else {
                err.println("click: run with CLICK_JAVA_OPTS=-D" + DEBUG_PROPERTY + "=true for the stack trace");
            }
            return 1;
        }
    }

    /** A mistake reported in one line, with no stack trace. */
    private static final class UserError extends Exception {
        private static final long serialVersionUID = 1L;

        UserError(String message) {
            super(message);
        }
    }

    /** One command run: the options and the streams, so the steps below stay short. */
    private final class Session {
        private final Options options;
        private final InputStream in;
        private final PrintStream out;
        private final PrintStream err;
        private int status;

        Session(Options options, InputStream in, PrintStream out, PrintStream err) {
            this.options = options;
            this.in = in;
            this.out = out;
            this.err = err;
        }

        int run() throws UserError {
            RouterBuilder builder = builder();
            if (options.checkOnly()) {
                return check(builder);
            }
            Router router;
            try {
                router = builder.build();
            } catch (ConfigurationException e) {
                report(e.report());
                return 1;
            }
            // Like Click, a Ctrl-C stops the router (the one running then) and the handlers are still printed.
            Router built = router;
            StopOnInterrupt hook = options.shell() ? null : StopOnInterrupt.install(() -> held(built));
            try {
                printWarnings(router.warnings());
                writeFlatConfig(router.flatConfig());
                if (options.shell()) {
                    router = runWithConsole(router);
                } else if (router.elements().isEmpty()) {
                    // as Click: nothing would ever stop an empty router
                    if (options.warnings()) {
                        err.println(landmark() + ": warning: configuration has no elements, exiting");
                    }
                } else {
                    router = runHeld(router);
                }
                if (!options.handlers().isEmpty() && !new HandlerPrinter(router, out, err).print(options.handlers())) {
                    status = 1;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError("interrupted");
            } finally {
                router.cleanup();
                if (hook != null) {
                    hook.finished();
                }
            }
            return status;
        }

        private RouterBuilder builder() throws UserError {
            RouterBuilder builder = source();
            for (Map.Entry<String, String> v : options.variables().entrySet()) {
                builder.define(v.getKey(), v.getValue());
            }
            builder.registry(registry);
            builder.log(err);
            builder.output(out);
            chooseDriver(builder);
            return builder;
        }

        /** How diagnostics name the configuration: the file, {@code <expr>} or {@code <stdin>}. */
        private String landmark() {
            if (options.expression() != null) {
                return "<expr>";
            }
            if (options.file() == null) {
                return "demo.click";
            }
            return "-".equals(options.file()) ? "<stdin>" : options.file();
        }

        private RouterBuilder source() throws UserError {
            if (options.expression() != null) {
                return RouterBuilder.fromText(options.expression(), landmark());
            }
            if ("-".equals(options.file())) {
                return RouterBuilder.fromText(read(in, landmark()), landmark());
            }
            if (options.file() != null) {
                try {
                    return RouterBuilder.fromFile(Path.of(options.file()));
                } catch (IOException e) {
                    throw new UserError(options.file() + ": " + describe(e));
                }
            }
            err.println("click: no configuration given: running the built-in demo (demo.click) for 5 seconds;"
                    + " 'click --help' shows the options");
            return RouterBuilder.fromText(read(ClickCommand.class.getResourceAsStream(DEMO_RESOURCE), "demo.click"),
                    "demo.click");
        }

        /**
         * Without {@code -j} the runtime's single-threaded driver runs the router; with it, the
         * {@code smp} driver of the scheduler bundle, or the single-threaded one (said once) if that
         * bundle offers none.
         */
        private void chooseDriver(RouterBuilder builder) {
            if (options.threads() == 0) {
                return;
            }
            Optional<DriverFactory> smp = drivers.find("smp");
            if (smp.isPresent()) {
                builder.driver(smp.get(), options.threads());
            } else if (options.threads() > 1) {
                err.println("click: no SMP driver is registered (click.driver=smp); running on 1 thread");
            }
        }

        private int check(RouterBuilder builder) {
            ErrorReport report = builder.check();
            report(report);
            if (report.hasErrors()) {
                return 1;
            }
            try {
                writeFlatConfig(builder.flatConfig());
            } catch (ConfigurationException e) {
                report(e.report());
                return 1;
            }
            return status;
        }

        private void report(ErrorReport report) {
            for (Diagnostic d : report.diagnostics()) {
                if (d.severity() == Diagnostic.Severity.ERROR || options.warnings()) {
                    err.println(d);
                }
            }
        }

        private void printWarnings(List<Diagnostic> warnings) {
            if (options.warnings()) {
                warnings.forEach(err::println);
            }
        }

        /** {@code -o}: like Click, a write failure is reported and sets status 1, but the router runs. */
        private void writeFlatConfig(String flat) {
            String target = options.output();
            if (target == null) {
                return;
            }
            if (target.equals("-")) {
                out.print(flat);
                out.flush();
                return;
            }
            try {
                Files.writeString(Path.of(target), flat, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("click: " + target + ": " + describe(e));
                status = 1;
            }
        }

        /**
         * {@code --shell FILE}: the router runs on its own threads while the console has the
         * terminal. The shell's router manager (if the shell bundle is active) holds it meanwhile,
         * named after the file, so the click commands see it and {@code click:install} of the same
         * file hot-swaps it. Returns the router running at the end, the one to stop and report on.
         */
        private Router runWithConsole(Router router) throws InterruptedException {
            router.start();
            Optional<RouterManager> manager = routers.get();
            String name = routerName();
            manager.ifPresent(m -> m.register(name, landmark(), router));
            status = options.shellCommands() != null ? new Console(console).runScript(options.shellCommands(), err)
                    : new Console(console).run(err);
            // a hot swap from the shell replaced the router; click:stop took it away (then it is stopped)
            Router last = manager.map(m -> m.unregister(name)).orElse(router);
            last.requestStop();
            last.awaitStop();
            return last;
        }

        /**
         * Runs the router until it stops. The shell's router manager (if the shell
         * bundle is active) holds it meanwhile, so that an element bundle update (a jar dropped into
         * deploy/) rebuilds and hot-swaps it; the router swapped in runs on its own threads, and
         * this waits for it in turn. Returns the router running at the end.
         */
        private Router runHeld(Router router) throws InterruptedException {
            Optional<RouterManager> manager = routers.get();
            // on the driver's own threads (they own packet pools and count without atomics)
            router.start();
            if (manager.isEmpty()) {
                router.awaitStop();
                return router;
            }
            String name = routerName();
            manager.get().register(name, landmark(), router);
            Router current = router;
            try {
                current.awaitStop();
                // a hot swap stops the router it replaces only once its successor is held
                for (RouterManager.Entry e = manager.get().find(name); e != null && e.router() != current;
                     e = manager.get().find(name)) {
                    current = e.router();
                    current.awaitStop();
                }
            } finally {
                Router last = manager.get().unregister(name);
                current = last == null ? current : last;
            }
            return current;
        }

        /** The router the shell's manager holds for this command now, else {@code built}. */
        private Router held(Router built) {
            return routers.get().map(m -> m.find(routerName())).map(RouterManager.Entry::router).orElse(built);
        }

        /** The name the shell knows the router by: its file's, without {@code .click}. */
        private String routerName() {
            String name = Path.of(landmark()).getFileName().toString().replaceAll("[<>]", "");
            return name.endsWith(".click") && name.length() > 6 ? name.substring(0, name.length() - 6) : name;
        }

        private String read(InputStream stream, String name) throws UserError {
            if (stream == null) {
                throw new UserError(name + ": not found");
            }
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UserError(name + ": " + describe(e));
            }
        }
    }

    /** An I/O failure in words: NIO's exceptions carry only the path as their message. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage();
    }
}

package click.launch;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The command line of {@code click}, parsed the way Click's userlevel driver parses it: short and
 * long options ({@code -h c.count}, {@code -hc.count}, {@code --handler c.count},
 * {@code --handler=c.count}), one router configuration (a file or {@code -e}), {@code NAME=value}
 * variables anywhere, and {@code --} to end the options.
 *
 * @param file          the configuration file, or null
 * @param expression    the configuration text given with {@code -e}, or null
 * @param variables     {@code NAME=value} definitions, in command-line order
 * @param handlers      read handlers to print after the router stops ({@code -h}), in order
 * @param output        where to write the flattened configuration ({@code -o}; "-" is stdout), or null
 * @param checkOnly     {@code -q}: parse, check and configure, but do not run
 * @param threads       {@code -j}: router threads, or 0 when not given (the single-threaded driver)
 * @param warnings      false with {@code -w}: do not print warnings
 * @param shell         {@code --shell}: open the Gogo console on this terminal
 * @param shellCommands {@code --shell 'CMD; CMD'}: run these Gogo commands instead of the console, or null
 * @param help          {@code --help}
 * @param version       {@code -v}, {@code --version}
 */
public record Options(String file, String expression, Map<String, String> variables, List<String> handlers,
                      String output, boolean checkOnly, int threads, boolean warnings, boolean shell,
                      String shellCommands, boolean help, boolean version) {

    /** Click's variable names: a letter or underscore, then letters, digits and underscores. */
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);

    /** The usage text for {@code --help}. */
    public static final String USAGE = String.join("\n",
            "'click' runs a Click router configuration inside an OSGi framework (Felix) with every",
            "element bundle. It checks the configuration, reporting every error to standard error,",
            "runs the router until it stops, and then prints the handlers asked for with -h.",
            "Without a configuration it runs a short built-in demonstration.",
            "",
            "Usage: click [OPTION]... [ROUTERFILE] [NAME=VALUE]...",
            "",
            "Options:",
            "  -f, --file FILE               Read the router configuration from FILE.",
            "  -e, --expression CONFIG       Use CONFIG as the router configuration.",
            "  NAME=VALUE                    Define configuration variable $NAME as VALUE.",
            "  -h, --handler ELEMENT.H       Call ELEMENT's read handler H after the router stops",
            "                                and print the result to standard output (repeatable;",
            "                                ELEMENT may be a class name or a pattern with * ? [).",
            "  -o, --output FILE             Write the flat configuration to FILE ('-': stdout).",
            "  -q, --quit                    Check and configure only: do not run the router.",
            "  -j, --threads N               Run the router on N threads (the SMP scheduler).",
            "  -w, --no-warnings             Do not print warnings.",
            "      --shell                   Open the Gogo console (with the router running, if one",
            "                                is given); end of input (Ctrl-D) closes it and the",
            "                                command goes on ('exit N' and 'stop 0' end at once).",
            "      --shell 'CMD; CMD'        Run these Gogo commands once the router (if one is",
            "                                given) is running, print their results, stop; the exit",
            "                                status is 1 if any command failed.",
            "      --help                    Print this message and exit.",
            "  -v, --version                 Print the version number and exit.",
            "",
            "Exit status: 0 on success, 1 on any error (configuration, handler, option).",
            "");

    /** A command line that makes no sense: the message says what is wrong. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Parses {@code args} (without the program name). */
    public static Options parse(List<String> args) throws UsageException {
        Parser p = new Parser(args);
        p.run();
        return new Options(p.file, p.expression, Collections.unmodifiableMap(p.variables),
                List.copyOf(p.handlers), p.output, p.checkOnly, p.threads, p.warnings, p.shell, p.shellCommands, p.help,
                p.version);
    }

    /** Whether a configuration was given (a file or {@code -e}). */
    public boolean hasConfiguration() {
        return file != null || expression != null;
    }

    /** Mutable state of one parse; the record above is its immutable result. */
    private static final class Parser {
        private final List<String> args;
        private int next;
        private String file;
        private String expression;
        private final Map<String, String> variables = new LinkedHashMap<>();
        private final List<String> handlers = new ArrayList<>();
        private String output;
        private boolean checkOnly;
        private int threads;
        private boolean warnings = true;
        private boolean shell;
        private String shellCommands;
        private boolean help;
        private boolean version;

        Parser(List<String> args) {
            this.args = args;
        }

        void run() throws UsageException {
            boolean optionsEnded = false;
            while (next < args.size()) {
                String arg = args.get(next++);
                if (optionsEnded || arg.equals("-") || !arg.startsWith("-")) {
                    operand(arg);
                } else if (arg.equals("--")) {
                    optionsEnded = true;
                } else if (arg.startsWith("--")) {
                    longOption(arg);
                } else {
                    shortOption(arg);
                }
            }
        }

        private void operand(String arg) throws UsageException {
            if (VARIABLE.matcher(arg).matches()) {
                int eq = arg.indexOf('=');
                variables.put(arg.substring(0, eq), arg.substring(eq + 1));
            } else {
                configuration(arg, false);
            }
        }

        private void configuration(String value, boolean isExpression) throws UsageException {
            if (file != null || expression != null) {
                throw new UsageException("router configuration specified twice");
            }
            if (isExpression) {
                expression = value;
            } else {
                file = value;
            }
        }

        private void longOption(String arg) throws UsageException {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            String attached = eq < 0 ? null : arg.substring(eq + 1);
            switch (name) {
                case "file" -> configuration(value(arg, attached), false);
                case "expression" -> configuration(value(arg, attached), true);
                case "handler" -> handlers.add(value(arg, attached));
                case "output" -> output(value(arg, attached));
                case "threads" -> threads(value(arg, attached));
                case "quit" -> checkOnly = flag("--" + name, attached);
                case "no-warnings" -> warnings = !flag("--" + name, attached);
                case "shell" -> shell(attached);
                case "help" -> help = flag("--" + name, attached);
                case "version" -> version = flag("--" + name, attached);
                default -> throw new UsageException("unrecognized option '" + arg + "'");
            }
        }

        private void shortOption(String arg) throws UsageException {
            char c = arg.charAt(1);
            String attached = arg.length() > 2 ? arg.substring(2) : null;
            switch (c) {
                case 'f' -> configuration(value(arg, attached), false);
                case 'e' -> configuration(value(arg, attached), true);
                case 'h' -> handlers.add(value(arg, attached));
                case 'o' -> output(value(arg, attached));
                case 'j' -> threads(value(arg, attached));
                case 'q' -> checkOnly = true;
                case 'w' -> warnings = false;
                case 'v' -> version = true;
                default -> throw new UsageException("unrecognized option '-" + c + "'");
            }
            // flags combine like getopt's: -qw is -q -w
            if (attached != null && "qwv".indexOf(c) >= 0) {
                shortOption("-" + attached);
            }
        }

        /** The option's value: attached ({@code -hX}, {@code --handler=X}) or the next argument. */
        private String value(String option, String attached) throws UsageException {
            if (attached != null) {
                return attached;
            }
            if (next >= args.size()) {
                throw new UsageException("option '" + option + "' requires an argument");
            }
            return args.get(next++);
        }

        /**
         * {@code --shell}, {@code --shell=COMMANDS}, or {@code --shell COMMANDS} when the next
         * argument reads as commands rather than as a router file or a variable.
         */
        private void shell(String attached) {
            shell = true;
            if (attached != null) {
                shellCommands = attached;
            } else if (next < args.size() && looksLikeCommands(args.get(next))) {
                shellCommands = args.get(next++);
            }
        }

        private static boolean looksLikeCommands(String arg) {
            if (arg.startsWith("-") || arg.endsWith(".click") || VARIABLE.matcher(arg).matches()) {
                return false;
            }
            try {
                return !Files.exists(Path.of(arg));
            } catch (InvalidPathException e) {
                return true;
            }
        }

        private static boolean flag(String option, String attached) throws UsageException {
            if (attached != null) {
                throw new UsageException("option '" + option + "' takes no argument");
            }
            return true;
        }

        private void output(String value) throws UsageException {
            if (output != null) {
                throw new UsageException("output file specified twice");
            }
            output = value;
        }

        private void threads(String value) throws UsageException {
            try {
                threads = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                threads = 0;
            }
            if (threads < 1) {
                throw new UsageException("-j expects a positive number of threads, got '" + value + "'");
            }
        }
    }
}

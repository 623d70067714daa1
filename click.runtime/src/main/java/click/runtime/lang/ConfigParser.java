package click.runtime.lang;

import click.api.ConfigText;
import click.api.Diagnostic;
import click.api.ErrorReport;
import click.api.Location;
import click.runtime.lang.Ast.Define;
import click.runtime.lang.Ast.Program;
import click.runtime.lang.Ast.Require;
import click.runtime.lang.Ast.Statement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses Click configuration text and flattens it: the front end of the router.
 *
 * <p>Variables: {@code define($X value)} anywhere in the file sets a global; a command-line
 * {@code NAME=value} overrides it (Click semantics: the command line wins) and needs no
 * {@code define}. Requirements: {@code require(library FILE)} reads another Click file (relative to
 * the including file) whose statements come first; {@code require(package NAME)} and bare feature
 * names are checked against {@link #FEATURES}, and anything else is an error that names it.
 */
public final class ConfigParser {
    /** Requirement names this runtime satisfies: Click's userlevel driver, and jclick itself. */
    public static final Set<String> FEATURES = Set.of("userlevel", "jclick", "int64");

    private ConfigParser() {
    }

    /**
     * Parses and flattens {@code text}; problems go to {@code errors}. Returns the graph of every
     * element and connection that could be made sense of (so later checks can still run).
     *
     * @param file     the name used in locations (and to find libraries); may be a plain label
     * @param commandLine {@code NAME=value} variables, overriding {@code define}s
     */
    public static FlatGraph parse(String text, String file, Map<String, String> commandLine, ClassCatalog catalog,
                                  ErrorReport errors) {
        Program program = new Parser(text, file, errors).parseProgram();
        List<Statement> statements = new ArrayList<>();
        List<Define> defines = new ArrayList<>();
        for (Require r : program.requires()) {
            for (String req : r.arguments()) {
                Program lib = require(req, r.location(), file, errors);
                if (lib != null) {
                    statements.addAll(lib.body().statements());
                    defines.addAll(lib.defines());
                }
            }
        }
        statements.addAll(program.body().statements());
        defines.addAll(program.defines());
        Variables globals = new Variables(null);
        commandLine.forEach(globals::set);
        Set<String> defined = new HashSet<>();
        for (Define d : defines) {
            if (!defined.add(d.variable())) {
                errors.warning(d.location(), "", "$" + d.variable() + " defined more than once; the last define wins");
            }
            if (!commandLine.containsKey(d.variable())) {
                globals.set(d.variable(), globals.expand(d.value()));
            }
        }
        // the flattener finds problems scope by scope (a compound body once per instance); users read
        // them best once each, in text order
        ErrorReport found = new ErrorReport();
        FlatGraph g = new Flattener(catalog, found).flatten(new Ast.Body(statements), globals);
        List<Diagnostic> sorted = new ArrayList<>(new LinkedHashSet<>(found.diagnostics()));
        sorted.sort(Comparator.comparing((Diagnostic d) -> d.location().file())
                .thenComparingInt(d -> d.location().line()).thenComparingInt(d -> d.location().column()));
        for (Diagnostic d : sorted) {
            if (d.severity() == Diagnostic.Severity.ERROR) {
                errors.error(d.location(), d.subject(), d.message());
            } else {
                errors.warning(d.location(), d.subject(), d.message());
            }
        }
        return g;
    }

    /** Handles one {@code require} argument; returns a library's parsed program, else null. */
    private static Program require(String req, Location at, String file, ErrorReport errors) {
        String[] words = req.trim().split("\\s+", 2);
        if (words[0].isEmpty()) {
            return null;
        }
        if (words.length == 2 && words[0].equals("library")) {
            String name = ConfigText.unquote(words[1]);
            Path base = Path.of(file).toAbsolutePath().getParent();
            Path lib = base == null ? Path.of(name) : base.resolve(name);
            try {
                String text = Files.readString(lib);
                return new Parser(text, lib.toString(), errors).parseProgram();
            } catch (IOException | RuntimeException e) {
                errors.error(at, "", "require(library " + name + "): cannot read " + lib + " (" + e.getMessage() + ")");
                return null;
            }
        }
        String feature = words.length == 2 && words[0].equals("package") ? ConfigText.unquote(words[1]) : req.trim();
        if (!FEATURES.contains(feature)) {
            errors.error(at, "", "requirement '" + feature + "' is not available: jclick provides " + FEATURES
                    + " and element classes from its bundles, not Click packages");
        }
        return null;
    }
}

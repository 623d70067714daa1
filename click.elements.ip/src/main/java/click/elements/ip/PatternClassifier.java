package click.elements.ip;

import click.api.Args;
import click.api.ConfigException;
import click.api.ConfigText;
import click.api.Element;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.Tally;
import click.elements.ip.classifier.PatternException;
import click.elements.ip.classifier.PatternLexer;
import click.elements.ip.classifier.Program;
import click.elements.ip.classifier.ProgramCompiler.Rule;
import click.elements.ip.classifier.ProgramCompiler;

import java.util.ArrayList;
import java.util.List;

/**
 * What IPClassifier and IPFilter share: each argument is a rule (a pattern and where matching
 * packets go), the rules compile into one {@link Program}, and push sends each packet where the
 * program says. Subclasses only say how an argument becomes a rule.
 *
 * <p>Thread ownership: push may run on several threads; it reads the program through one volatile
 * field, so a reconfiguration (from the configuring thread) swaps the whole program at once.
 */
abstract class PatternClassifier extends Element {
    private final Tally drops = new Tally();
    private volatile Program program = ProgramCompiler.compile(List.of());
    private List<String> arguments = List.of();

    /**
     * The rule for argument {@code index} (counted from 0), already split into words.
     *
     * @throws PatternException with a message that does not yet say which argument it is about
     */
    abstract Rule rule(int index, List<String> words) throws PatternException;

    /** Checks the number of arguments against the number of outputs; returns an error message or null. */
    String checkCount(int patterns) {
        return null;
    }

    @Override
    public void configure(Args args) throws ConfigException {
        List<String> given = args.rest();
        args.complete();
        Program compiled = compile(given);
        arguments = List.copyOf(given);
        program = compiled;
    }

    /** Compiles every argument, collecting one message per bad one ("pattern 2: ..."). */
    Program compile(List<String> given) throws ConfigException {
        List<String> errors = new ArrayList<>();
        String countError = checkCount(given.size());
        if (countError != null) {
            errors.add(countError);
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            try {
                List<String> words = PatternLexer.tokenize(ConfigText.unquote(given.get(i)));
                rules.add(rule(i, words));
            } catch (PatternException | IllegalArgumentException e) {
                errors.add("pattern " + i + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return ProgramCompiler.compile(rules);
    }

    /** The arguments as configured, one per rule. */
    List<String> arguments() {
        return arguments;
    }

    /** Replaces the rules (a handler's live reconfiguration) after compiling them. */
    void reconfigure(List<String> given) throws ConfigException {
        Program compiled = compile(given);
        arguments = List.copyOf(given);
        program = compiled;
        setConfiguration(String.join(", ", given));
    }

    @Override
    public void push(int port, Packet p) {
        int out = program.match(p);
        if (out >= 0 && out < noutputs()) {
            output(out).push(p);
        } else {
            drops.increment();
            p.kill();
        }
    }

    /** Packets dropped because no rule sent them to an output. */
    public long drops() {
        return drops.sum();
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("program", () -> program.describe())
         .describe("program", "the compiled decision program, one field test per line")
         .read("drops", () -> Long.toString(drops.sum()))
         .describe("drops", "packets dropped because no pattern sent them to an output");
    }
}

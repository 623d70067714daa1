package click.elements.standard;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.Tally;

import java.util.ArrayList;
import java.util.List;

/**
 * <h2>Classifier</h2>
 * <b>Synopsis:</b> {@code Classifier(PATTERN_0, ..., PATTERN_N-1)}
 * <p><b>Sends packets to the output of the first pattern their bytes match.</b> Category:
 * classification. Ports: 1 input, N outputs (one per pattern), push.
 *
 * <p><b>Processing:</b> the patterns are tried in order; a packet leaves by the output of the first
 * pattern it matches. A packet that matches no pattern is killed and counted in {@code drops}. So
 * more specific patterns belong before less specific ones, and a final {@code -} catches the rest.
 *
 * <p><b>Patterns.</b> A pattern is one or more clauses separated by spaces; it matches when every
 * clause does. A clause {@code OFFSET/VALUE} matches when the packet holds VALUE at byte OFFSET
 * (counted from the start of the packet data, decimal). VALUE is hexadecimal with an even number of
 * digits, as long as needed; a {@code ?} digit matches any nibble. {@code OFFSET/VALUE%MASK} compares
 * only the bits set in MASK, which has as many hex digits as VALUE. A clause preceded by {@code !}
 * must not match. The pattern {@code -} matches every packet.
 *
 * <p>A packet too short to hold every byte a pattern looks at does not match that pattern (this
 * holds for negated clauses too: {@code !12/0800} needs a 14-byte packet whose bytes 12-13 are not
 * 0800).
 *
 * <p>The patterns are compiled at configuration time into a decision list of masked 32-bit word
 * comparisons (the {@code program} handler shows it); when a pattern's first clause fails, the
 * patterns right after it that start with the same clause are passed over without testing it
 * again. Classifying a packet allocates nothing.
 *
 * <p>The number of patterns must equal the number of connected outputs.
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>program (read)</dt><dd>the compiled decision list, one pattern per line.</dd>
 * <dt>drops (read)</dt><dd>packets that matched no pattern.</dd>
 * </dl>
 *
 * <p><b>Differences from Click:</b> Click compiles the patterns into an optimised decision tree;
 * jclick tries them in order, which gives the same outputs. Click gives short packets to a negated
 * clause; jclick does not (see above). The {@code drops} handler is jclick's.
 *
 * <p><b>Example:</b> the paper's Figure 2 input demultiplexer, ARP requests to output 0, ARP replies
 * to 1, IP to 2, everything else to 3:
 * <pre>{@code c :: Classifier(12/0806 20/0001, 12/0806 20/0002, 12/0800, -);}</pre>
 * <p><b>See also:</b> IPClassifier, HashSwitch, Switch.
 */
@ElementInfo(ports = "1/-", processing = "h/h", category = "classification")
public final class Classifier extends Element {
    private final Tally drops = new Tally();
    private volatile PatternProgram program; // replaced whole by a live reconfiguration

    @Override
    public void configure(Args args) throws ConfigException {
        List<String> patterns = args.rest();
        List<String> errors = new ArrayList<>();
        if (patterns.isEmpty()) {
            errors.add("expected at least one pattern");
        } else if (patterns.size() != noutputs()) {
            errors.add("expected one pattern per output: " + patterns.size()
                    + (patterns.size() == 1 ? " pattern" : " patterns") + " for " + noutputs()
                    + (noutputs() == 1 ? " output" : " outputs"));
        }
        PatternProgram compiled = PatternProgram.compile(patterns, errors);
        errors.forEach(args::error);
        args.complete();
        program = compiled;
    }

    @Override
    public void push(int port, Packet p) {
        int out = program.match(p);
        if (out >= 0) {
            output(out).push(p);
        } else {
            p.kill();
            drops.increment();
        }
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("program", () -> program.describe())
         .read("drops", () -> Long.toString(drops.sum()));
    }
}

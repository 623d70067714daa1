package click.elements.ip;

import click.api.ConfigText;
import click.api.ElementInfo;
import click.elements.ip.classifier.Expr;
import click.elements.ip.classifier.PatternException;
import click.elements.ip.classifier.PatternParser;
import click.elements.ip.classifier.ProgramCompiler;
import click.elements.ip.classifier.ProgramCompiler.Rule;
import java.util.List;

/**
 * <h2>IPFilter</h2>
 * <b>Synopsis:</b> {@code IPFilter(ACTION_1 PATTERN_1, ..., ACTION_N PATTERN_N)}
 * <p><b>Filters IP packets by contents.</b> Category: IP, classification. Ports: 1 input; any
 * number of outputs. Push.
 *
 * <p><b>Processing:</b> the filters are tried in order and the first whose PATTERN matches the
 * packet decides by its ACTION: {@code allow} sends it to output 0, a number N to output N,
 * {@code drop} or {@code deny} drops it. A packet matching no filter is dropped. PATTERN is an
 * IPClassifier pattern (see there for the language, the header positions used and the
 * differences from Click); a filter that is only an ACTION, or whose pattern is {@code -},
 * {@code any} or {@code all}, matches every packet.
 *
 * <p>As in Click today, {@code deny} means {@code drop} whatever the number of outputs (it once
 * meant output 1).
 *
 * <p><b>Errors</b> name the filter (counted from 0): {@code pattern 1: unknown action "alow":
 * expected allow, deny, drop or an output number}.
 *
 * <p><b>Keywords:</b> none.
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>program (read)</dt><dd>the compiled decision program, one field test per line.</dd>
 * <dt>drops (read)</dt><dd>packets dropped, by a drop action or for matching no filter (a jclick
 * addition).</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> uses the network and transport header positions if set.
 * <p><b>Example:</b>
 * <pre>{@code
 * IPFilter(deny src net 10.0.0.0/8,
 *          allow dst host 192.0.2.10 && tcp dst port www,
 *          allow udp && dst port 53,
 *          1 icmp type echo,
 *          deny all);
 * }</pre>
 * <p><b>See also:</b> IPClassifier, Classifier, CheckIPHeader, MarkIPHeader.
 */
@ElementInfo(ports = "1/-", processing = "h/h", category = "IP, classification")
public final class IPFilter extends PatternClassifier {
    @Override
    Rule rule(int index, List<String> words) throws PatternException {
        if (words.isEmpty()) {
            throw new PatternException("empty filter: expected an action (allow, deny, drop or an output number)");
        }
        String action = words.get(0);
        int output = output(action);
        List<String> pattern = words.subList(1, words.size());
        Expr e = pattern.isEmpty() ? Expr.TRUE : PatternParser.parse(pattern);
        return new Rule(e, output);
    }

    private int output(String action) throws PatternException {
        switch (action) {
            case "allow":
                if (noutputs() == 0) {
                    throw new PatternException("\"allow\" needs output 0, but IPFilter has no outputs");
                }
                return 0;
            case "deny": case "drop":
                return ProgramCompiler.DROP;
            default:
                long n;
                try {
                    n = ConfigText.parseLong(action);
                } catch (NumberFormatException e) {
                    throw new PatternException("unknown action \"" + action
                            + "\": expected allow, deny, drop or an output number");
                }
                if (n < 0 || n >= noutputs()) {
                    throw new PatternException("output " + action + " out of range: IPFilter has " + noutputs()
                            + " output" + (noutputs() == 1 ? "" : "s"));
                }
                return (int) n;
        }
    }
}

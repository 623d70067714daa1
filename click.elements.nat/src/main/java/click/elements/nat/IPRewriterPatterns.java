package click.elements.nat;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementContext;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * <h2>IPRewriterPatterns</h2>
 * <b>Synopsis:</b> {@code IPRewriterPatterns(NAME PATTERN, ...)}
 * <p><b>Names rewriting patterns that several rewriters' input specs share.</b> Category: nat.
 * Ports: none.
 *
 * <p><b>Processing:</b> none; each argument is a name and a pattern,
 * {@code NAME SADDR SPORT DADDR DPORT} (or {@code NAME SADDR DADDR} for IPAddrRewriter). A rewriter
 * input spec {@code pattern NAME FOUTPUT ROUTPUT} uses it. Names are unique across all
 * IPRewriterPatterns elements of a router; the patterns are looked up when the rewriters
 * initialise.
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>patterns (read)</dt><dd>one line per pattern: {@code NAME PATTERN}.</dd>
 * </dl>
 *
 * <p>As in Click, a rewriter using a shared pattern checks only its own table for free ports: give
 * rewriters that share an external address disjoint port ranges.
 *
 * <p><b>Example:</b>
 * <pre>{@code
 * IPRewriterPatterns(out 192.0.2.1 1024-65535 - -);
 * rw :: IPRewriter(pattern out 0 1, drop);
 * }</pre>
 * <p><b>See also:</b> IPRewriter, IPAddrRewriter.
 */
@ElementInfo(ports = "0/0", category = "nat")
public final class IPRewriterPatterns extends Element {
    /**
     * Patterns by name, per router. A router is identified by its element context; entries leave
     * with their element's cleanup, and the weak keys let a forgotten router go.
     */
    private static final Map<ElementContext, Map<String, RewritePattern>> REGISTRY = new WeakHashMap<>();

    private Map<String, RewritePattern> mine = Map.of();

    @Override
    public void configure(Args args) throws ConfigException {
        Map<String, RewritePattern> parsed = new LinkedHashMap<>();
        for (String a : args.rest()) {
            String[] w = a.trim().split("\\s+");
            if (w.length < 2) {
                args.error("expected 'NAME SADDR SPORT DADDR DPORT', got \"" + a.trim() + "\"");
                continue;
            }
            try {
                RewritePattern p = RewritePattern.parse(java.util.Arrays.copyOfRange(w, 1, w.length));
                if (parsed.put(w[0], p) != null) {
                    args.error("pattern name '" + w[0] + "' used twice");
                }
            } catch (IllegalArgumentException e) {
                args.error("pattern " + w[0] + ": " + e.getMessage());
            }
        }
        synchronized (REGISTRY) {
            Map<String, RewritePattern> all = REGISTRY.getOrDefault(context(), Map.of());
            for (String name : parsed.keySet()) {
                if (all.containsKey(name) && !mine.containsKey(name)) {
                    args.error("pattern name '" + name + "' is already defined by another IPRewriterPatterns");
                }
            }
            args.complete();
            Map<String, RewritePattern> target = REGISTRY.computeIfAbsent(context(), c -> new HashMap<>());
            target.keySet().removeAll(mine.keySet());
            target.putAll(parsed);
            mine = parsed;
        }
    }

    /** The pattern called {@code name} in the router of {@code ctx}, or null. */
    static RewritePattern find(ElementContext ctx, String name) {
        synchronized (REGISTRY) {
            return REGISTRY.getOrDefault(ctx, Map.of()).get(name);
        }
    }

    @Override
    public void cleanup() {
        synchronized (REGISTRY) {
            Map<String, RewritePattern> target = REGISTRY.get(context());
            if (target != null) {
                target.keySet().removeAll(mine.keySet());
            }
        }
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("patterns", () -> {
            StringBuilder sb = new StringBuilder();
            mine.forEach((name, p) -> sb.append(name).append(' ').append(p).append('\n'));
            return sb.toString();
        });
    }
}

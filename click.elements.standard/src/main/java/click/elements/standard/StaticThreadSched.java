package click.elements.standard;

import click.api.Args;
import click.api.ConfigException;
import click.api.ConfigText;
import click.api.Element;
import click.api.ElementContext;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.ThreadPreference;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * <h2>StaticThreadSched</h2>
 * <b>Synopsis:</b> {@code StaticThreadSched(ELEMENT THREAD, ...)}
 * <p><b>Pins elements' tasks to router threads.</b> Category: thread scheduling. Ports: none.
 *
 * <p><b>Processing:</b> none. Each argument names an element and the thread (counted from 0) its
 * tasks should run on. After every element has been initialised, the router asks each
 * StaticThreadSched about each task and moves the tasks of the named elements to their threads
 * (through {@code TaskHandle.moveTo}); tasks of elements not named keep the thread the driver gave
 * them. With the single-threaded driver every task stays on thread 0. A thread number at or beyond
 * the router's thread count is reduced modulo the count, with a warning from the router.
 *
 * <p>Element names are resolved when the router initialises, the way Click resolves names inside
 * compounds (relative to the enclosing compound first). Naming an element twice is an error, as
 * is an unknown element or a thread below 0.
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>threads (read)</dt><dd>the assignment, one {@code ELEMENT THREAD} line per element, in
 * configuration order.</dd>
 * </dl>
 *
 * <p><b>Differences from Click:</b> Click also accepts thread ranges for elements with several
 * tasks; jclick takes one thread per element.
 *
 * <p><b>Example:</b> {@code src -> q :: Queue -> uq :: Unqueue -> Discard; StaticThreadSched(src 0, uq 1);}
 * <p><b>See also:</b> Unqueue, InfiniteSource, DriverManager.
 */
@ElementInfo(ports = "0/0", processing = "/", category = "thread scheduling")
public final class StaticThreadSched extends Element implements ThreadPreference {
    /** Thread by element name, in configuration order. */
    private Map<String, Integer> byName = Map.of();
    /** Thread by resolved element; filled at initialisation, read afterwards only. */
    private final Map<Element, Integer> byElement = new IdentityHashMap<>();

    @Override
    public void configure(Args args) throws ConfigException {
        Map<String, Integer> assignment = new LinkedHashMap<>();
        for (String arg : args.rest()) {
            String[] words = arg.trim().split("\\s+");
            if (words.length != 2 || words[0].isEmpty()) {
                args.error("expected ELEMENT THREAD, got \"" + arg.trim() + "\"");
                continue;
            }
            int thread;
            try {
                long t = ConfigText.parseLong(words[1]);
                if (t < 0 || t > Integer.MAX_VALUE) {
                    args.error("expected a thread number >= 0 for " + words[0] + ", got \"" + words[1] + "\"");
                    continue;
                }
                thread = (int) t;
            } catch (NumberFormatException e) {
                args.error("expected a thread number >= 0 for " + words[0] + ", got \"" + words[1] + "\"");
                continue;
            }
            if (assignment.putIfAbsent(words[0], thread) != null) {
                args.error("element " + words[0] + " is assigned a thread twice");
            }
        }
        args.complete();
        byName = assignment;
    }

    @Override
    public void initialize(ElementContext ctx) throws ConfigException {
        List<String> unknown = new ArrayList<>();
        byElement.clear();
        for (Map.Entry<String, Integer> a : byName.entrySet()) {
            Element e = ctx.findElement(this, a.getKey());
            if (e == null) {
                unknown.add("no element named '" + a.getKey() + "' to assign to thread " + a.getValue());
            } else {
                byElement.put(e, a.getValue());
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException(unknown);
        }
    }

    @Override
    public int preferredThread(Element owner) {
        Integer t = byElement.get(owner);
        return t == null ? -1 : t;
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("threads", () -> {
            StringBuilder sb = new StringBuilder();
            byName.forEach((name, thread) -> sb.append(name).append(' ').append(thread).append('\n'));
            return sb.toString();
        });
    }
}

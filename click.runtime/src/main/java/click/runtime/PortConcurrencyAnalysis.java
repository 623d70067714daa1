package click.runtime;

import click.api.Element;
import click.api.PortConcurrency;
import click.api.PortSpec;
import click.runtime.lang.FlatGraph.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts, for one element's ports, the tasks that can reach them, by walking the wired graph.
 *
 * <p>Push input: follow every connection into the input upstream. An element that owns tasks adds
 * them (its tasks push out of it) and the walk goes on through its push inputs that its flow code
 * links to the output we came from, since packets pushed into those pass through too. An element
 * without tasks is walked through the same way; if it has no such push input it emits packets
 * from somewhere the graph cannot see (a handler, another thread), so the count is unbounded.
 * Pull output: the same downstream, through pull outputs, to the tasks that pull. Any element on
 * the way that owns a timer makes the count unbounded: a timer runs outside the tasks.
 *
 * <p>Thread ownership: used by the building thread only, before the router starts.
 */
final class PortConcurrencyAnalysis {
    private final Map<Element, List<Connection>> into = new HashMap<>();
    private final Map<Element, List<Connection>> outOf = new HashMap<>();
    private final Element[] made;
    private final Map<Element, Integer> tasksOwned;
    private final Set<Element> timerOwners;

    PortConcurrencyAnalysis(Element[] made, List<Connection> connections, Map<Element, Integer> tasksOwned,
                            Set<Element> timerOwners) {
        this.made = made;
        this.tasksOwned = tasksOwned;
        this.timerOwners = timerOwners;
        for (Connection c : connections) {
            if (made[c.from()] != null && made[c.to()] != null) {
                into.computeIfAbsent(made[c.to()], k -> new ArrayList<>()).add(c);
                outOf.computeIfAbsent(made[c.from()], k -> new ArrayList<>()).add(c);
            }
        }
    }

    /** The port concurrency of {@code e}, computed now. */
    PortConcurrency of(Element e) {
        int[] pushing = new int[e.ninputs()];
        int[] pulling = new int[e.noutputs()];
        for (int p = 0; p < pushing.length; p++) {
            pushing[p] = e.input(p).isPush() ? count(reach(e, p, true)) : 0;
        }
        for (int p = 0; p < pulling.length; p++) {
            pulling[p] = e.output(p).isPush() ? 0 : count(reach(e, p, false));
        }
        return new PortConcurrency() {
            @Override
            public int pushingTasks(int port) {
                return pushing[port];
            }

            @Override
            public int pullingTasks(int port) {
                return pulling[port];
            }
        };
    }

    private int count(Set<Element> owners) {
        if (owners == null) {
            return PortConcurrency.UNBOUNDED;
        }
        int n = 0;
        for (Element o : owners) {
            n += tasksOwned.get(o);
        }
        return n;
    }

    /** The task owners that reach {@code e}'s port (upstream of an input, or downstream of an output); null if unbounded. */
    private Set<Element> reach(Element e, int port, boolean upstream) {
        Set<Element> owners = new HashSet<>();
        return walkPort(e, port, upstream, owners, new HashSet<>()) ? owners : null;
    }

    /** Walks the connections at {@code e}'s port; false when some path is unbounded. */
    private boolean walkPort(Element e, int port, boolean upstream, Set<Element> owners, Set<String> visited) {
        for (Connection c : (upstream ? into : outOf).getOrDefault(e, List.of())) {
            if ((upstream ? c.toPort() : c.fromPort()) != port) {
                continue;
            }
            Element next = made[upstream ? c.from() : c.to()];
            if (!walkElement(next, upstream ? c.fromPort() : c.toPort(), upstream, owners, visited)) {
                return false;
            }
        }
        return true;
    }

    /** {@code e} reached at its output {@code port} (going upstream) or its input {@code port} (downstream). */
    private boolean walkElement(Element e, int port, boolean upstream, Set<Element> owners, Set<String> visited) {
        if (!visited.add(e.name() + "\0" + port)) {
            return true;
        }
        if (timerOwners.contains(e)) {
            return false;
        }
        boolean ownsTasks = tasksOwned.containsKey(e);
        if (ownsTasks) {
            owners.add(e);
        }
        boolean passesOn = false;
        String flow = e.flowCode();
        int n = upstream ? e.ninputs() : e.noutputs();
        for (int i = 0; i < n; i++) {
            boolean samePath = upstream ? e.input(i).isPush() && PortSpec.flows(flow, i, port)
                    : !e.output(i).isPush() && PortSpec.flows(flow, port, i);
            if (samePath) {
                passesOn = true;
                if (!walkPort(e, i, upstream, owners, visited)) {
                    return false;
                }
            }
        }
        return ownsTasks || passesOn;
    }
}

package click.runtime;

import click.api.ActivitySignal;
import click.api.Clock;
import click.api.Driver;
import click.api.Element;
import click.api.ElementContext;
import click.api.HandlerAccess;
import click.api.Input;
import click.api.Notifier;
import click.api.NotifierSource;
import click.api.Output;
import click.api.PortSpec;
import click.api.Task;
import click.api.TaskHandle;
import click.api.Timer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a router offers its elements: tasks and timers (delegated to the driver), the clock, the
 * upstream activity signals of pullers, element lookup, handlers, the stop switch and the log.
 *
 * <p>Thread ownership: built once; its maps are read-only afterwards, so any thread may use it.
 */
final class RouterContext implements ElementContext {
    private final Driver driver;
    private final Map<String, Element> byName;
    private final PrintStream log;
    private final PrintStream out;
    private HandlerAccess handlers;
    /**
     * Tasks per owner and the timers' owners, for {@link PortConcurrencyAnalysis}. Concurrent because
     * an element may make a task or timer while the router runs (after the analysis: its choice stays).
     */
    private final Map<Element, Integer> tasksOwned = new ConcurrentHashMap<>();
    private final Set<Element> timerOwners = ConcurrentHashMap.newKeySet();

    RouterContext(Driver driver, Map<String, Element> byName, PrintStream log, PrintStream out) {
        this.driver = driver;
        this.byName = byName;
        this.log = log;
        this.out = out;
    }

    void setHandlers(HandlerAccess handlers) {
        this.handlers = handlers;
    }

    @Override
    public Clock clock() {
        return driver.clock();
    }

    @Override
    public TaskHandle addTask(Element owner, Task task) {
        tasksOwned.merge(owner, 1, Integer::sum);
        return driver.addTask(owner, task);
    }

    @Override
    public Timer newTimer(Element owner, Runnable action) {
        timerOwners.add(owner);
        return driver.newTimer(owner, action);
    }

    /** Elements that registered tasks, with how many; complete once every element is initialised. */
    Map<Element, Integer> tasksOwned() {
        return tasksOwned;
    }

    /** Elements that made timers; complete once every element is initialised. */
    Set<Element> timerOwners() {
        return timerOwners;
    }

    /**
     * Walks upstream from {@code owner}'s pull input {@code port}: a {@link NotifierSource} ends
     * the walk with its notifier (and {@code listener} is registered with it); any other element is
     * walked through, via its pull inputs that its flow code links to the output we came from. An
     * element with no such input produces packets without a notifier, so the signal is
     * {@link ActivitySignal#ALWAYS}.
     */
    @Override
    public ActivitySignal upstreamEmptySignal(Element owner, int port, TaskHandle listener) {
        Input in = owner.input(port);
        return signal(in.peer(), in.peerPort(), true, listener);
    }

    /**
     * Walks downstream from {@code owner}'s push output {@code port}, the mirror image: a
     * {@link NotifierSource} with a full notifier on the input reached ends the walk with it; any
     * other element is walked through, via its push outputs that its flow code links to the input we
     * came by. An element with no such output consumes packets without a full notifier, so the
     * signal is {@link ActivitySignal#ALWAYS}.
     */
    @Override
    public ActivitySignal downstreamFullSignal(Element owner, int port, TaskHandle listener) {
        Output out = owner.output(port);
        return signal(out.peer(), out.peerPort(), false, listener);
    }

    /** The signal of the notifiers found from {@code peer}'s port on: any of them active, or ALWAYS. */
    private static ActivitySignal signal(Element peer, int peerPort, boolean upstream, TaskHandle listener) {
        List<ActivitySignal> found = new ArrayList<>();
        if (!walk(peer, peerPort, upstream, listener, found, new HashSet<>())) {
            return ActivitySignal.ALWAYS;
        }
        return found.isEmpty() ? ActivitySignal.ALWAYS : ActivitySignal.anyOf(found.toArray(new ActivitySignal[0]));
    }

    /**
     * Collects the notifiers reached from {@code e}'s port {@code port} (an output when walking
     * upstream, an input when walking downstream); false if some path reaches none.
     */
    private static boolean walk(Element e, int port, boolean upstream, TaskHandle listener, List<ActivitySignal> found,
                                Set<String> visited) {
        if (e == null) {
            return false;
        }
        if (!visited.add(e.name() + "\0" + port)) {
            return true;
        }
        if (e instanceof NotifierSource ns) {
            Notifier n = upstream ? ns.emptyNotifier(port) : ns.fullNotifier(port);
            if (n != null) {
                if (listener != null) {
                    n.addListener(listener);
                }
                found.add(n);
                return true;
            }
        }
        boolean any = false;
        String flow = e.flowCode();
        for (int i = 0, n = upstream ? e.ninputs() : e.noutputs(); i < n; i++) {
            boolean follow;
            Element next;
            int nextPort;
            if (upstream) { // pull inputs whose packets can leave by the output we came from
                Input in = e.input(i);
                follow = !in.isPush() && PortSpec.flows(flow, i, port);
                next = in.peer();
                nextPort = in.peerPort();
            } else { // push outputs that packets entering by our input can leave by
                Output out = e.output(i);
                follow = out.isPush() && PortSpec.flows(flow, port, i);
                next = out.peer();
                nextPort = out.peerPort();
            }
            if (follow) {
                any = true;
                if (!walk(next, nextPort, upstream, listener, found, visited)) {
                    return false;
                }
            }
        }
        return any;
    }

    /** Click's lookup from inside a compound: {@code a/b/x} looks for {@code a/b/name}, {@code a/name}, {@code name}. */
    @Override
    public Element findElement(Element from, String name) {
        String prefix = from == null ? "" : from.name();
        int slash = prefix.lastIndexOf('/');
        while (slash >= 0) {
            prefix = prefix.substring(0, slash);
            Element e = byName.get(prefix + "/" + name);
            if (e != null) {
                return e;
            }
            slash = prefix.lastIndexOf('/');
        }
        return byName.get(name);
    }

    @Override
    public HandlerAccess handlers() {
        return handlers;
    }

    @Override
    public int threadCount() {
        return driver.threadCount();
    }

    @Override
    public void requestStop() {
        driver.requestStop();
    }

    @Override
    public void output(Element from, String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }

    @Override
    public void message(Element from, String text) {
        synchronized (log) {
            log.println(text);
        }
    }
}

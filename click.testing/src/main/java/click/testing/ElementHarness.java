package click.testing;

import click.api.ActivitySignal;
import click.api.Args;
import click.api.Clock;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementContext;
import click.api.HandlerAccess;
import click.api.HandlerException;
import click.api.HandlerSet;
import click.api.Input;
import click.api.Location;
import click.api.NotifierSource;
import click.api.Output;
import click.api.Packet;
import click.api.PacketPool;
import click.api.PortSpec;
import click.api.Task;
import click.api.TaskHandle;
import click.api.Timer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one element alone, in memory, on the calling thread.
 * <pre>{@code
 *   ElementHarness<DecIPTTL> h = ElementHarness.of(new DecIPTTL()).outputs(2).configure("");
 *   h.push(0, packet);
 *   assertEquals(1, h.output(0).size());
 *   assertEquals("1", h.read("drops"));
 *   h.assertNoLeaks();
 * }</pre>
 *
 * <p>Ports: by default the element gets the fewest inputs and outputs its port-count spec allows
 * (at least one of each where allowed); change with {@link #inputs} and {@link #outputs}.
 * Agnostic ports are push unless {@link #pullInputs()} / {@link #pullOutputs()} say otherwise.
 * Push outputs collect into lists ({@link #output}); pull inputs are fed with {@link #feed}.
 *
 * <p>Ownership checks: the harness gives the thread its own packet pool. A packet pushed to an
 * output twice, or pushed after being killed, fails at once; {@link #assertNoLeaks} fails if the
 * element holds on to (or lost) packets that neither came out nor were killed.
 */
public final class ElementHarness<E extends Element> implements ElementContext {
    private final E element;
    private final ManualClock clock = new ManualClock();
    private final PacketPool pool = new PacketPool();
    private final HandlerSet handlers = new HandlerSet();
    private final List<List<Packet>> outputs = new ArrayList<>();
    private final List<ArrayDeque<Packet>> feeds = new ArrayList<>();
    private final List<HarnessTask> tasks = new ArrayList<>();
    private final List<HarnessTimer> timers = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private final Map<String, Element> others = new LinkedHashMap<>();
    private final Set<Packet> emitted = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Integer, Peer> upstream = new LinkedHashMap<>();
    private int ninputs = -1;
    private int noutputs = -1;
    private boolean pullInputs;
    private boolean pullOutputs;
    private boolean stopRequested;
    private int threads = 1;
    private String elementName;

    private ElementHarness(E element) {
        this.element = element;
        PacketPool.bindToCurrentThread(pool);
    }

    public static <E extends Element> ElementHarness<E> of(E element) {
        return new ElementHarness<>(element);
    }

    public ElementHarness<E> inputs(int n) {
        ninputs = n;
        return this;
    }

    public ElementHarness<E> outputs(int n) {
        noutputs = n;
        return this;
    }

    /** Makes agnostic inputs pull inputs, fed by {@link #feed}. */
    public ElementHarness<E> pullInputs() {
        pullInputs = true;
        return this;
    }

    /** Makes agnostic outputs pull outputs, read with {@link #pull}. */
    public ElementHarness<E> pullOutputs() {
        pullOutputs = true;
        return this;
    }

    /**
     * Makes {@code other} findable by name through {@link #findElement} (for element arguments), and
     * its handlers reachable through {@link #handlers()} as {@code name.HANDLER} (for scripts).
     */
    public ElementHarness<E> withElement(String name, Element other) {
        others.put(name, other);
        return this;
    }

    /**
     * Connects input {@code port} to output {@code peerPort} of a real element instead of a feed, so
     * that a puller can be tested against, say, a Queue and its empty notifier. The peer is run by
     * the test (usually through its own harness, made before this one so that both share this
     * harness's packet pool); call before {@link #configure}.
     */
    public ElementHarness<E> connectInput(int port, Element peer, int peerPort) {
        upstream.put(port, new Peer(peer, peerPort));
        return this;
    }

    /**
     * Names the element (default: its class's simple name in lower case), e.g. {@code "a/b/s"} to
     * test lookups relative to an enclosing compound; call before {@link #configure}.
     */
    public ElementHarness<E> named(String name) {
        elementName = name;
        return this;
    }

    /** Pretends the router has {@code n} threads. */
    public ElementHarness<E> threads(int n) {
        threads = n;
        return this;
    }

    /** Wires the ports, configures with {@code config}, initialises, collects handlers. */
    public ElementHarness<E> configure(String config) throws ConfigException {
        wire(config);
        element.configure(new Args(config, n -> findElement(element, n)));
        element.initialize(this);
        element.addHandlers(handlers);
        return this;
    }

    private void wire(String config) {
        PortSpec spec = PortSpec.parse(element.portCountSpec());
        int nin = ninputs >= 0 ? ninputs : Math.max(spec.inMin(), Math.min(1, spec.inMax()));
        int nout = noutputs >= 0 ? noutputs : Math.max(spec.outMin(), Math.min(1, spec.outMax()));
        String proc = element.processingSpec();
        Input[] ins = new Input[nin];
        for (int i = 0; i < nin; i++) {
            char c = PortSpec.processing(proc, true, i);
            boolean push = c == PortSpec.PUSH || (c == PortSpec.AGNOSTIC && !pullInputs);
            ins[i] = new Input(element, i, push);
            ArrayDeque<Packet> feed = new ArrayDeque<>();
            feeds.add(feed);
            Peer peer = upstream.get(i);
            if (peer != null) {
                ins[i].connect(peer.element(), peer.port());
            } else {
                ins[i].connect(new FeedSource(feed), 0);
            }
        }
        Output[] outs = new Output[nout];
        for (int i = 0; i < nout; i++) {
            char c = PortSpec.processing(proc, false, i);
            boolean push = c == PortSpec.PUSH || (c == PortSpec.AGNOSTIC && !pullOutputs);
            outs[i] = new Output(element, i, push);
            List<Packet> sink = new ArrayList<>();
            outputs.add(sink);
            outs[i].connect(new CollectingSink(sink), 0);
        }
        String name = elementName != null ? elementName : element.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        element.attach(name, new Location("<harness>", 1, 1), config, this, ins, outs);
    }

    public E element() {
        return element;
    }

    // ---- packets in and out ----

    /** Pushes {@code p} into input {@code port}. */
    public ElementHarness<E> push(int port, Packet p) {
        element.push(port, p);
        return this;
    }

    /** Queues packets for the element to pull from input {@code port}. */
    public ElementHarness<E> feed(int port, Packet... ps) {
        Collections.addAll(feeds.get(port), ps);
        return this;
    }

    /** Pulls from the element's output {@code port}; a returned packet is recorded like a pushed one. */
    public Packet pull(int port) {
        Packet p = element.pull(port);
        if (p != null) {
            record(p);
            outputs.get(port).add(p);
        }
        return p;
    }

    /** Packets that left output {@code port} so far, oldest first. Take them to own them. */
    public List<Packet> output(int port) {
        return outputs.get(port);
    }

    /** Removes and returns every packet that left output {@code port}. */
    public List<Packet> take(int port) {
        List<Packet> out = new ArrayList<>(outputs.get(port));
        outputs.get(port).clear();
        return out;
    }

    /** Kills every collected output packet (so the leak check balances). */
    public void clearOutputs() {
        for (List<Packet> l : outputs) {
            for (Packet p : l) {
                p.kill();
            }
            l.clear();
        }
    }

    private void record(Packet p) {
        if (p.isFree()) {
            throw new AssertionError("element " + element.className() + " output a packet it had already killed");
        }
        if (!emitted.add(p)) {
            boolean stillHeld = outputs.stream().anyMatch(l -> l.stream().anyMatch(q -> q == p));
            if (stillHeld) {
                throw new AssertionError("element " + element.className() + " output the same packet twice");
            }
        }
    }

    /**
     * Fails unless every packet made on this thread since the harness was created has been killed,
     * is waiting in an output list or a feed, or is one of {@code heldByElement} packets the element
     * keeps on purpose (a Queue's contents).
     */
    public void assertNoLeaks(int heldByElement) {
        long inOutputs = outputs.stream().mapToLong(List::size).sum();
        long inFeeds = feeds.stream().mapToLong(ArrayDeque::size).sum();
        long outstanding = pool.outstanding();
        long expected = inOutputs + inFeeds + heldByElement;
        if (outstanding != expected) {
            throw new AssertionError("packet leak in " + element.className() + ": " + outstanding
                    + " packets alive, but " + inOutputs + " in outputs, " + inFeeds + " not yet pulled and "
                    + heldByElement + " expected inside the element");
        }
    }

    public void assertNoLeaks() {
        assertNoLeaks(0);
    }

    // ---- handlers ----

    public String read(String handler) {
        try {
            return handlers.readValue(element.className(), handler);
        } catch (HandlerException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** Reads a handler that takes a parameter ({@code lookup 192.0.2.7}). */
    public String read(String handler, String param) throws HandlerException {
        return handlers.readValue(element.className(), handler, param);
    }

    public void write(String handler, String value) throws HandlerException {
        handlers.writeValue(element.className(), handler, value);
    }

    public HandlerSet handlerSet() {
        return handlers;
    }

    // ---- time, tasks, timers ----

    public ManualClock manualClock() {
        return clock;
    }

    /** Moves the clock forward, running every timer that falls due, in deadline order. */
    public ElementHarness<E> advance(long nanos) {
        long target = clock.nanoTime() + nanos;
        while (true) {
            HarnessTimer next = null;
            for (HarnessTimer t : timers) {
                if (t.deadline >= 0 && t.deadline <= target && (next == null || t.deadline < next.deadline)) {
                    next = t;
                }
            }
            if (next == null) {
                break;
            }
            clock.advance(Math.max(0, next.deadline - clock.nanoTime()));
            next.deadline = -1;
            next.action.run();
        }
        clock.advance(target - clock.nanoTime());
        return this;
    }

    /** Runs every runnable task once; returns the total work they reported. */
    public int runTasks() {
        int work = 0;
        for (HarnessTask t : new ArrayList<>(tasks)) {
            if (t.scheduled) {
                work += t.task.runTask();
            }
        }
        return work;
    }

    /** Runs tasks until none reports work (at most {@code maxRounds} rounds). */
    public int runTasksUntilIdle(int maxRounds) {
        int total = 0;
        for (int i = 0; i < maxRounds; i++) {
            int w = runTasks();
            if (w == 0) {
                break;
            }
            total += w;
        }
        return total;
    }

    public List<? extends TaskHandle> tasks() {
        return tasks;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    /** Messages the element printed (Print, scripts). */
    public List<String> messages() {
        return messages;
    }

    // ---- ElementContext ----

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public TaskHandle addTask(Element owner, Task task) {
        HarnessTask t = new HarnessTask(owner, task);
        tasks.add(t);
        return t;
    }

    @Override
    public Timer newTimer(Element owner, Runnable action) {
        HarnessTimer t = new HarnessTimer(action);
        timers.add(t);
        return t;
    }

    @Override
    public ActivitySignal upstreamEmptySignal(Element owner, int port, TaskHandle listener) {
        Element peer = owner.input(port).peer();
        if (peer instanceof NotifierSource ns) {
            ns.emptyNotifier(owner.input(port).peerPort()).addListener(listener);
            return ns.emptyNotifier(owner.input(port).peerPort());
        }
        return ActivitySignal.ALWAYS;
    }

    @Override
    public Element findElement(Element from, String name) {
        return others.get(name);
    }

    @Override
    public HandlerAccess handlers() {
        return handlerAccess;
    }

    @Override
    public int threadCount() {
        return threads;
    }

    @Override
    public void requestStop() {
        stopRequested = true;
    }

    @Override
    public void message(Element from, String text) {
        messages.add(text);
    }

    // ---- HandlerAccess: the element's own handlers, by plain or dotted name, and those of the
    // elements given to withElement, as NAME.HANDLER ----

    private final Map<Element, HandlerSet> otherHandlers = new IdentityHashMap<>();

    private final HandlerAccess handlerAccess = new HandlerAccess() {
        @Override
        public String read(String name) throws HandlerException {
            return handlersOf(name).readValue(ownerOf(name), strip(name));
        }

        @Override
        public String read(String name, String param) throws HandlerException {
            return handlersOf(name).readValue(ownerOf(name), strip(name), param);
        }

        @Override
        public void write(String name, String value) throws HandlerException {
            handlersOf(name).writeValue(ownerOf(name), strip(name), value);
        }

        @Override
        public boolean exists(String name) {
            return handlersOf(name).get(strip(name)) != null;
        }
    };

    /** The element named before the last dot of {@code name}, if it was given to {@link #withElement}. */
    private Element other(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : others.get(name.substring(0, dot));
    }

    /** The handlers {@code name} refers to: another element's (collected once) or our element's. */
    private HandlerSet handlersOf(String name) {
        Element e = other(name);
        if (e == null) {
            return handlers;
        }
        return otherHandlers.computeIfAbsent(e, x -> {
            HandlerSet set = new HandlerSet();
            x.addHandlers(set);
            return set;
        });
    }

    private String ownerOf(String name) {
        Element e = other(name);
        return e == null ? element.className() : name.substring(0, name.lastIndexOf('.'));
    }

    private static String strip(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    // ---- stubs around the element ----

    /** A real element's output that one of our inputs pulls from. */
    private record Peer(Element element, int port) {
    }

    private final class CollectingSink extends Element {
        private final List<Packet> sink;

        CollectingSink(List<Packet> sink) {
            this.sink = sink;
        }

        @Override
        public void push(int port, Packet p) {
            record(p);
            sink.add(p);
        }
    }

    private static final class FeedSource extends Element {
        private final ArrayDeque<Packet> feed;

        FeedSource(ArrayDeque<Packet> feed) {
            this.feed = feed;
        }

        @Override
        public Packet pull(int port) {
            return feed.pollFirst();
        }
    }

    private static final class HarnessTask implements TaskHandle {
        final Element owner;
        final Task task;
        boolean scheduled = true;
        int thread;

        HarnessTask(Element owner, Task task) {
            this.owner = owner;
            this.task = task;
        }

        @Override
        public void wake() {
            scheduled = true;
        }

        @Override
        public void sleep() {
            scheduled = false;
        }

        @Override
        public boolean isScheduled() {
            return scheduled;
        }

        @Override
        public Element owner() {
            return owner;
        }

        @Override
        public int thread() {
            return thread;
        }

        @Override
        public void moveTo(int t) {
            thread = t;
        }
    }

    private final class HarnessTimer implements Timer {
        final Runnable action;
        long deadline = -1;

        HarnessTimer(Runnable action) {
            this.action = action;
        }

        @Override
        public void scheduleAfter(long nanos) {
            deadline = clock.nanoTime() + Math.max(0, nanos);
        }

        @Override
        public void scheduleAt(long when) {
            deadline = when;
        }

        @Override
        public void unschedule() {
            deadline = -1;
        }

        @Override
        public boolean isScheduled() {
            return deadline >= 0;
        }

        @Override
        public long deadline() {
            return deadline;
        }
    }
}

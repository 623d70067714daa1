package click.runtime;

import click.api.ActivitySignal;
import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementContext;
import click.api.ElementFactory;
import click.api.ElementInfo;
import click.api.EmptyNotifier;
import click.api.FullNotifier;
import click.api.HandlerRegistry;
import click.api.NotifierSource;
import click.api.Packet;
import click.api.TaskHandle;
import click.api.ThreadPreference;
import java.util.ArrayDeque;
import java.util.List;

/** Small elements for router tests, registered beside the standard ones. */
final class TestElements {
    private TestElements() {
    }

    /** A registry with the standard elements (from the class path) and these. */
    static ElementRegistry registry() {
        ElementRegistry r = ElementRegistry.fromServiceLoader(TestElements.class.getClassLoader());
        for (List<ElementFactory> fs : List.of(
                ElementFactory.of(Source.class, Source::new),
                ElementFactory.of(TestQueue.class, TestQueue::new),
                ElementFactory.of(PullSink.class, PullSink::new),
                ElementFactory.of(Pass.class, Pass::new),
                ElementFactory.of(Split.class, Split::new),
                ElementFactory.of(PushOnly.class, PushOnly::new),
                ElementFactory.of(Merge.class, Merge::new),
                ElementFactory.of(Sched.class, Sched::new),
                ElementFactory.of(Faulty.class, Faulty::new),
                ElementFactory.of(Needs.class, Needs::new),
                ElementFactory.of(Limited.class, Limited::new),
                ElementFactory.of(Pin.class, Pin::new),
                ElementFactory.of(Keeper.class, Keeper::new))) {
            fs.forEach(r::add);
        }
        return r;
    }

    /** Pushes LIMIT 60-byte packets from a task, BURST per run; then stops the router if STOP. */
    @ElementInfo(ports = "0/1", processing = "/h")
    static final class Source extends Element {
        int limit;
        int burst;
        boolean stop;
        int sent;
        TaskHandle task;
        /** The downstream full signal (not obeyed: the tests look at it). */
        ActivitySignal nonFull;

        @Override
        public void configure(Args args) throws ConfigException {
            int l = args.optional("LIMIT").asInt(10);
            int b = args.optional("BURST").asInt(1, 1, 1000);
            boolean s = args.optional("STOP").asBool(false);
            args.complete();
            limit = l;
            burst = b;
            stop = s;
        }

        @Override
        public void initialize(ElementContext ctx) {
            task = ctx.addTask(this, this::run);
            nonFull = ctx.downstreamFullSignal(this, 0, task);
        }

        private int run() {
            int n = 0;
            while (n < burst && sent < limit) {
                output(0).push(Packet.make(60));
                sent++;
                n++;
            }
            if (sent >= limit) {
                task.sleep();
                if (stop) {
                    context().requestStop();
                }
            }
            return n;
        }

        @Override
        public void addHandlers(HandlerRegistry h) {
            h.read("sent", () -> Integer.toString(sent));
        }
    }

    /** A push-to-pull store with an empty notifier and a full notifier (which the tests drive). */
    @ElementInfo(name = "TestQueue", ports = "1/1", processing = "h/l")
    static final class TestQueue extends Element implements NotifierSource {
        final ArrayDeque<Packet> q = new ArrayDeque<>();
        final EmptyNotifier notifier = new EmptyNotifier();
        final FullNotifier full = new FullNotifier();

        @Override
        public void push(int port, Packet p) {
            q.add(p);
            if (!notifier.active()) {
                notifier.wake();
            }
        }

        @Override
        public Packet pull(int port) {
            Packet p = q.poll();
            if (p == null) {
                notifier.sleep();
            }
            return p;
        }

        @Override
        public EmptyNotifier emptyNotifier(int port) {
            return notifier;
        }

        @Override
        public FullNotifier fullNotifier(int port) {
            return full;
        }

        @Override
        public void cleanup() {
            q.forEach(Packet::kill);
            q.clear();
        }
    }

    /** Pulls from its input in a task, sleeping on the upstream notifier; counts and kills. */
    @ElementInfo(ports = "1/0", processing = "l/")
    static final class PullSink extends Element {
        TaskHandle task;
        ActivitySignal signal;
        long count;

        @Override
        public void initialize(ElementContext ctx) {
            task = ctx.addTask(this, this::run);
            signal = ctx.upstreamEmptySignal(this, 0, task);
        }

        private int run() {
            Packet p = input(0).pull();
            if (p == null) {
                if (!signal.active()) {
                    task.sleep();
                }
                return 0;
            }
            count++;
            p.kill();
            return 1;
        }

        @Override
        public void addHandlers(HandlerRegistry h) {
            h.read("count", () -> Long.toString(count));
        }
    }

    /** Agnostic pass-through. */
    @ElementInfo(ports = "1/1", processing = "a/a")
    static final class Pass extends Element {
    }

    /** Agnostic input, agnostic output 0, push output 1. */
    @ElementInfo(ports = "1/2", processing = "a/ah")
    static final class Split extends Element {
    }

    @ElementInfo(ports = "1/1", processing = "h/h")
    static final class PushOnly extends Element {
    }

    /** Any number of agnostic inputs to one agnostic output. */
    @ElementInfo(ports = "-/1", processing = "a/a")
    static final class Merge extends Element {
    }

    /** Pull inputs, pull output: a scheduler. */
    @ElementInfo(ports = "1-/1", processing = "l/l")
    static final class Sched extends Element {
    }

    /** Throws from the stage named by its configuration: "configure", "initialize", "task", "cleanup". */
    @ElementInfo(ports = "0/0", processing = "/")
    static final class Faulty extends Element {
        String stage;
        int runs;

        @Override
        public void configure(Args args) throws ConfigException {
            String s = args.positional("STAGE").asWord("none");
            args.complete();
            if (s.equals("configure")) {
                throw new IllegalStateException("boom in configure");
            }
            stage = s;
        }

        @Override
        public void initialize(ElementContext ctx) throws ConfigException {
            if (stage.equals("initialize")) {
                throw new NullPointerException("boom in initialize");
            }
            if (stage.equals("initerror")) {
                throw new ConfigException("cannot open device");
            }
            if (stage.equals("task")) {
                ctx.addTask(this, () -> {
                    runs++;
                    throw new IllegalArgumentException("boom in task");
                });
            }
        }

        @Override
        public void cleanup() {
            if ("cleanup".equals(stage)) {
                throw new IllegalStateException("boom in cleanup");
            }
        }

        @Override
        public void addHandlers(HandlerRegistry h) {
            h.read("runs", () -> Integer.toString(runs));
        }
    }

    /** Takes the name of another element (TARGET) and a positive VALUE; reconfigurable. */
    @ElementInfo(ports = "0/0", processing = "/")
    static final class Needs extends Element {
        Element target;
        int value;

        @Override
        public void configure(Args args) throws ConfigException {
            Element t = args.optional("TARGET").asElement(Element.class, null);
            int v = args.requiredPositional("VALUE").asInt(0, 1, Integer.MAX_VALUE);
            args.complete();
            target = t;
            value = v;
        }

        @Override
        public void addHandlers(HandlerRegistry h) {
            h.read("value", () -> Integer.toString(value))
             .read("target", () -> target == null ? "" : target.name())
             .readParam("times", p -> Long.toString(value * Long.parseLong(p.isEmpty() ? "1" : p.trim())));
        }
    }

    /** At most two outputs. */
    @ElementInfo(ports = "1/1-2", processing = "h/h")
    static final class Limited extends Element {
    }

    /** Asks for every task of element OWNER to go to thread THREAD. */
    @ElementInfo(ports = "0/0", processing = "/")
    static final class Pin extends Element implements ThreadPreference {
        String owner;
        int thread;

        @Override
        public void configure(Args args) throws ConfigException {
            String o = args.requiredPositional("OWNER").asWord("");
            int t = args.requiredPositional("THREAD").asInt(0);
            args.complete();
            owner = o;
            thread = t;
        }

        @Override
        public int preferredThread(Element e) {
            return e.name().equals(owner) ? thread : -1;
        }
    }

    /** Holds a number (handler {@code value}) that survives a hot swap; counts its cleanups. */
    @ElementInfo(ports = "0/0", processing = "/")
    static final class Keeper extends Element {
        int value;
        boolean cleanedUp;

        @Override
        public void takeState(Element old) {
            value = ((Keeper) old).value;
        }

        @Override
        public void cleanup() {
            cleanedUp = true;
        }

        @Override
        public void addHandlers(HandlerRegistry h) {
            h.readWrite("value", () -> Integer.toString(value), v -> value = Integer.parseInt(v.trim()));
        }
    }
}

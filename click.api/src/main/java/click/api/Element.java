package click.api;

/**
 * Base class of every element: a node of the router graph that processes packets.
 *
 * <p>Life cycle, driven by the router: construction (no arguments) through an
 * {@link ElementFactory}; {@link #attach} (name, ports); {@link #configure} with the arguments from
 * the configuration text; {@link #initialize} once every element is configured (register tasks,
 * find neighbours' notifiers, open files); then packets flow; {@link #cleanup} when the router stops.
 * Handlers are declared in {@link #addHandlers}.
 *
 * <p>Packets move by {@link #push} (the upstream element calls us) and {@link #pull} (the downstream
 * element asks us). An element that only transforms one packet at a time overrides
 * {@link #simpleAction} and gets both for free; it returns the packet to pass on, or null after
 * killing it or sending it elsewhere. See {@link Packet} for the ownership rule.
 *
 * <p>Thread ownership: under the SMP driver, {@code push} and {@code pull} of one element may be
 * called on several threads at once (unless the element is reached from a single task); mutable
 * per-packet state must then be safe (atomic counters, per-thread state). Configuration,
 * initialisation, handler writes and cleanup come from one thread at a time.
 */
public abstract class Element {
    private static final Output[] NO_OUTPUTS = new Output[0];
    private static final Input[] NO_INPUTS = new Input[0];

    private String name = "";
    private Location location = Location.UNKNOWN;
    private String configuration = "";
    private ElementContext context;
    private Output[] outputs = NO_OUTPUTS;
    private Input[] inputs = NO_INPUTS;

    /**
     * Gives the element its identity and ports; called once by the router (or harness) before
     * {@link #configure}.
     */
    public final void attach(String name, Location location, String configuration, ElementContext context,
                             Input[] inputs, Output[] outputs) {
        this.name = name;
        this.location = location;
        this.configuration = configuration;
        this.context = context;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    // ---- identity ----

    /** The element's name in the router, e.g. {@code q} or {@code rt/lookup} inside a compound. */
    public final String name() {
        return name;
    }

    /** Where the element was declared. */
    public final Location location() {
        return location;
    }

    /** The configuration string as written. */
    public final String configuration() {
        return configuration;
    }

    /** Records a new configuration string after a successful live reconfiguration. */
    public final void setConfiguration(String text) {
        configuration = text;
    }

    public final ElementContext context() {
        return context;
    }

    /** The Click class name (from {@link ElementInfo#name()}, else the Java simple name). */
    public String className() {
        ElementInfo info = getClass().getAnnotation(ElementInfo.class);
        return info != null && !info.name().isEmpty() ? info.name() : getClass().getSimpleName();
    }

    /** Port-count spec, Click grammar; by default from {@link ElementInfo#ports()}. */
    public String portCountSpec() {
        ElementInfo info = getClass().getAnnotation(ElementInfo.class);
        return info != null ? info.ports() : "0/0";
    }

    /** Processing spec, Click grammar; by default from {@link ElementInfo#processing()}. */
    public String processingSpec() {
        ElementInfo info = getClass().getAnnotation(ElementInfo.class);
        return info != null ? info.processing() : "a/a";
    }

    /** Flow code, Click grammar; by default from {@link ElementInfo#flow()}. */
    public String flowCode() {
        ElementInfo info = getClass().getAnnotation(ElementInfo.class);
        return info != null ? info.flow() : "x/x";
    }

    // ---- ports ----

    public final int ninputs() {
        return inputs.length;
    }

    public final int noutputs() {
        return outputs.length;
    }

    public final Output output(int port) {
        return outputs[port];
    }

    public final Input input(int port) {
        return inputs[port];
    }

    /**
     * Pushes {@code p} out of {@code port} if that output exists, else kills it: for optional
     * outputs such as an error port the configuration may leave unconnected.
     */
    public final void checkedPush(int port, Packet p) {
        if (port < outputs.length) {
            outputs[port].push(p);
        } else {
            p.kill();
        }
    }

    // ---- life cycle ----

    /**
     * Reads the configuration. The default accepts no arguments. Called again for live
     * reconfiguration, so assign fields only after {@link Args#complete()}.
     */
    public void configure(Args args) throws ConfigException {
        args.complete();
    }

    /** Prepares to run: register tasks and timers, find notifiers. All elements are configured. */
    public void initialize(ElementContext ctx) throws ConfigException {
    }

    /** Releases resources (files, sockets, queued packets). Called once; the element does not run again. */
    public void cleanup() {
    }

    /** Declares the element's handlers (the router adds name, class, config, ports, handlers). */
    public void addHandlers(HandlerRegistry h) {
    }

    /**
     * Hot-swap: takes over state from {@code old}, the same-named element of the router being
     * replaced (queued packets, counters, tables). Called after {@link #initialize}, while neither
     * router runs. The default takes nothing.
     */
    public void takeState(Element old) {
    }

    /**
     * Whether {@code old} is an element of this element's class, possibly loaded from another
     * version of its bundle (a hot swap after the bundle was updated): then {@link #takeState} can
     * take what {@code old} exposes through click.api types and handlers, though not cast it.
     */
    protected final boolean sameElementClass(Element old) {
        return old.getClass().getName().equals(getClass().getName());
    }

    // ---- packet processing ----

    /** Receives a packet on push input {@code port}. Default: {@link #simpleAction}, then output 0. */
    public void push(int port, Packet p) {
        Packet q = simpleAction(p);
        if (q != null) {
            outputs[0].push(q);
        }
    }

    /** Returns a packet for pull output {@code port}, or null. Default: pull input 0, then {@link #simpleAction}. */
    public Packet pull(int port) {
        Packet p = inputs[0].pull();
        return p == null ? null : simpleAction(p);
    }

    /**
     * One packet in, at most one out: return the packet to pass on (the same or another), or null
     * after disposing of it. Elements overriding push and pull need not implement it.
     */
    protected Packet simpleAction(Packet p) {
        return p;
    }

    @Override
    public String toString() {
        return name + " :: " + className();
    }
}

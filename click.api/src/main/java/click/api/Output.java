package click.api;

/**
 * One output port of an element, connected by the router to one input port of another element.
 * A push output forwards with {@link #push(Packet)}: a single virtual call into the peer (and, when
 * the router counts ports, an add: {@link #packets()}).
 */
public final class Output {
    private final Element owner;
    private final int port;
    private final boolean push;
    private Element peer;
    private int peerPort;
    /** Whether {@link #push} counts; off by default, so the push path stays a load and a call. */
    private volatile boolean counting;
    /** Plain on purpose: see {@link #packets()}. */
    private long packets;

    /** Made by the router when it wires the graph. */
    public Output(Element owner, int port, boolean push) {
        this.owner = owner;
        this.port = port;
        this.push = push;
    }

    /** Connects this output to {@code peer}'s input {@code peerPort}; called by the router. */
    public void connect(Element peer, int peerPort) {
        this.peer = peer;
        this.peerPort = peerPort;
    }

    /** Hands {@code p} to the connected element. The caller no longer owns {@code p}. */
    public void push(Packet p) {
        if (counting) {
            packets++;
        }
        peer.push(peerPort, p);
    }

    /**
     * Starts or stops counting the packets pushed out of this output ({@link #packets()}); the
     * router does it for every port when asked (its {@code port_counts} handler). Any thread.
     */
    public void countPackets(boolean on) {
        counting = on;
    }

    /** Whether this output counts its packets. */
    public boolean countsPackets() {
        return counting;
    }

    /**
     * Packets pushed out of this output while counting was on: Click's port count, shown by the
     * {@code ports} handler and {@code click:graph}. Counting is off by default because even an
     * add per hop shows in the forwarding rate (about 2% on the IP router workload). The count is
     * a plain field incremented by the pushing thread, so it is for display: another thread reads
     * a recent value, not necessarily the latest, and when several threads push through this
     * output at once some increments may be lost (exact counts are what the Counter element is
     * for). Zero for a pull output.
     */
    public long packets() {
        return packets;
    }

    public boolean isPush() {
        return push;
    }

    public Element owner() {
        return owner;
    }

    public int port() {
        return port;
    }

    /** The element this output is connected to (null before wiring). */
    public Element peer() {
        return peer;
    }

    public int peerPort() {
        return peerPort;
    }
}

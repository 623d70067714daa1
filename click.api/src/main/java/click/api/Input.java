package click.api;

/**
 * One input port of an element, connected by the router to one output port of another element.
 * A pull input asks its peer for a packet with {@link #pull()}; null means none is available now.
 * When the router counts ports, it counts the packets it got ({@link #packets()}).
 */
public final class Input {
    private final Element owner;
    private final int port;
    private final boolean push;
    private Element peer;
    private int peerPort;
    /** Whether {@link #pull} counts; off by default, so the pull path stays a load and a call. */
    private volatile boolean counting;
    /** Plain on purpose: see {@link #packets()}. */
    private long packets;

    /** Made by the router when it wires the graph. */
    public Input(Element owner, int port, boolean push) {
        this.owner = owner;
        this.port = port;
        this.push = push;
    }

    /** Connects this input to {@code peer}'s output {@code peerPort}; called by the router. */
    public void connect(Element peer, int peerPort) {
        this.peer = peer;
        this.peerPort = peerPort;
    }

    /** Pulls one packet from the connected element, or null. The caller owns the returned packet. */
    public Packet pull() {
        Packet p = peer.pull(peerPort);
        if (p != null && counting) {
            packets++;
        }
        return p;
    }

    /**
     * Starts or stops counting the packets pulled through this input ({@link #packets()}); the
     * router does it for every port when asked (its {@code port_counts} handler). Any thread.
     */
    public void countPackets(boolean on) {
        counting = on;
    }

    /** Whether this input counts its packets. */
    public boolean countsPackets() {
        return counting;
    }

    /**
     * Packets pulled through this input while counting was on: Click's port count, shown by the
     * {@code ports} handler and {@code click:graph}. A plain field incremented by the pulling
     * thread (an input has one puller at a time), so another thread reads a recent value, not
     * necessarily the latest. Zero for a push input. See {@link Output#packets()} for why
     * counting is off by default.
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

    /** The element this input is connected to (null before wiring). */
    public Element peer() {
        return peer;
    }

    public int peerPort() {
        return peerPort;
    }
}

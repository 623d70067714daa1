package click.api;

/**
 * One output port of an element, connected by the router to one input port of another element.
 * A push output forwards with {@link #push(Packet)}: a single virtual call into the peer, and counts
 * the packet ({@link #packets()}).
 */
public final class Output {
    private final Element owner;
    private final int port;
    private final boolean push;
    private Element peer;
    private int peerPort;
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
        packets++;
        peer.push(peerPort, p);
    }

    /**
     * Packets pushed out of this output since the router was built: Click's port count, shown by
     * the {@code ports} handler and {@code click:graph}. It is a plain field incremented by the
     * pushing thread, so counting costs one add on a cache line the push reads anyway; the price
     * is that it is for display: another thread reads a recent value, not necessarily the latest,
     * and when several threads push through this output at once some increments may be lost
     * (exact counts are what the Counter element is for). Zero for a pull output.
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

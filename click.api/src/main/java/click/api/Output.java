package click.api;

/**
 * One output port of an element, connected by the router to one input port of another element.
 * A push output forwards with {@link #push(Packet)}: a single virtual call into the peer.
 */
public final class Output {
    private final Element owner;
    private final int port;
    private final boolean push;
    private Element peer;
    private int peerPort;

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
        peer.push(peerPort, p);
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

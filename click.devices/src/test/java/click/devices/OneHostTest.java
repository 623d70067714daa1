package click.devices;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Fixture of the single-device tests: a veth pair whose end {@link #dev} stays in the test's (root)
 * namespace without addresses, and whose other end {@link #peer} is host {@link #host} at
 * 192.0.2.2/24. Skipped with the reason when not root; everything is deleted after each test.
 */
abstract class OneHostTest {
    static final int HOST_IP = Frames.ip(192, 0, 2, 2);
    static final int ROUTER_IP = Frames.ip(192, 0, 2, 1);

    NetNs net;
    String host;
    String dev;
    String peer;

    @BeforeEach
    void makeHost() throws Exception {
        assumeTrue(NetNs.isRoot(), "needs root: creates network namespaces and raw sockets");
        net = new NetNs();
        host = net.namespace("h");
        dev = net.name("r0");
        peer = net.name("h0");
        makeVeth();
    }

    /** (Re)creates the veth pair, e.g. after a test deleted it. */
    void makeVeth() throws Exception {
        net.veth(dev, peer, host, "192.0.2.2/24");
    }

    @AfterEach
    void removeHost() {
        if (net != null) {
            net.close();
        }
    }
}

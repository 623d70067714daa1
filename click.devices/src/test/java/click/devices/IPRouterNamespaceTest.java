package click.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import click.runtime.ElementRegistry;
import click.runtime.Router;
import click.runtime.RouterBuilder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The paper's Figure 2 router, {@code conf/ip-router.click} unchanged, forwarding real traffic:
 * host A (198.51.100.2, namespace A) and host B (203.0.113.2, namespace B) reach each other only
 * through jclick, which runs in the test JVM with the router's ends of both veth pairs in the root
 * namespace (no addresses there, kernel forwarding irrelevant). jclick resolves both hosts with ARP,
 * decrements TTLs and answers pings to its own addresses. {@link IPRouterNamespaceTwoThreadsTest}
 * runs the same tests with the router on two SMP threads.
 */
class IPRouterNamespaceTest {
    NetNs net;
    String hostA;
    private String hostB;
    private String dev0;
    Router router;

    /** The driver the router runs on: here the single-threaded default. */
    RouterBuilder onDriver(RouterBuilder b) {
        return b;
    }

    /** Called once the hosts and their devices exist, before the router starts: here nothing. */
    void hostsMade(NetNs net, String hostA, String devA, String hostB, String devB) throws Exception {
    }

    @BeforeEach
    void startRouter() throws Exception {
        assumeTrue(NetNs.isRoot(), "needs root: creates network namespaces and raw sockets");
        net = new NetNs();
        hostA = net.namespace("a");
        hostB = net.namespace("b");
        dev0 = net.name("r0");
        String dev1 = net.name("r1");
        net.veth(dev0, net.name("a0"), hostA, "198.51.100.2/24");
        net.veth(dev1, net.name("b0"), hostB, "203.0.113.2/24");
        net.exec(hostA, "ip", "route", "add", "default", "via", "198.51.100.1");
        net.exec(hostB, "ip", "route", "add", "default", "via", "203.0.113.1");
        hostsMade(net, hostA, net.name("a0"), hostB, net.name("b0"));
        router = onDriver(RouterBuilder.fromFile(Configs.file("ip-router.click"))
                .registry(ElementRegistry.fromServiceLoader(getClass().getClassLoader()))
                .define("DEV0", dev0)
                .define("DEV1", dev1))
                .build();
        router.start();
    }

    @AfterEach
    void stopRouter() throws Exception {
        NetNs.stopThenClose(router, net);
    }

    /** Pings until {@code count} replies came back (20 s deadline: the first may wait for ARP). */
    private String ping(String from, String to, int count) throws Exception {
        return net.exec(from, "ping", "-n", "-c", Integer.toString(count), "-i", "0.2", "-w", "20", to);
    }

    @Test
    void pingsCrossTheRouterBothWaysWithTheTtlDecremented() throws Exception {
        String ab = ping(hostA, "203.0.113.2", 3);
        assertTrue(ab.contains("3 received"), ab);
        assertTrue(ab.contains("ttl=63"), "B's replies crossed one router: " + ab);
        String ba = ping(hostB, "198.51.100.2", 3);
        assertTrue(ba.contains("3 received"), ba);
        assertTrue(ba.contains("ttl=63"), ba);
        String neighbours = net.exec(hostA, "ip", "neigh", "show", "198.51.100.1");
        assertTrue(neighbours.contains("02:00:00:00:00:01"), "A resolved the router with ARP: " + neighbours);
    }

    @Test
    void theRouterAnswersPingsToItsOwnAddresses() throws Exception {
        String own = ping(hostA, "198.51.100.1", 2);
        assertTrue(own.contains("2 received"), own);
        String far = ping(hostA, "203.0.113.1", 2);
        assertTrue(far.contains("2 received"), far);
    }

    @Test
    void anExpiringTtlGetsTimeExceededFromTheRouter() throws Exception {
        ping(hostA, "203.0.113.2", 1); // B resolved, so only the TTL decides
        String out = net.exec(hostA, "sh", "-c", "ping -n -c 1 -t 1 -W 10 203.0.113.2; true");
        assertTrue(out.contains("From 198.51.100.1") && out.contains("Time to live exceeded"), out);
    }

    @Test
    void anOversizedDontFragmentPacketGetsNeedFragWithTheRouterMtu() throws Exception {
        // A's link carries 2000-byte packets; the router's IPFragmenter(1500) must refuse a DF one
        NetNs.run("ip", "link", "set", dev0, "mtu", "2000");
        net.exec(hostA, "ip", "link", "set", net.name("a0"), "mtu", "2000");
        ping(hostA, "203.0.113.2", 1);
        String out = net.exec(hostA, "sh", "-c", "ping -n -c 1 -M do -s 1600 -W 10 203.0.113.2; true");
        assertTrue(out.contains("From 198.51.100.1") && out.contains("Frag needed") && out.contains("mtu = 1500"), out);
    }

    @Test
    void udpAndTcpCrossTheRouter() throws Exception {
        Process udp = net.start(hostB, "nc", "-u", "-l", "-W", "1", "203.0.113.2", "9000");
        net.awaitUdpListener(hostB, 9000);
        ping(hostA, "203.0.113.2", 1); // ARP resolved both ways before the single datagram
        net.exec(hostA, "sh", "-c", "echo datagram | nc -u -w 1 203.0.113.2 9000");
        assertTrue(udp.waitFor(20, TimeUnit.SECONDS), "the datagram arrived");
        assertEquals("datagram\n", new String(udp.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));

        // a real TCP connection: handshake, data both ways, orderly close
        Process tcp = net.start(hostB, "sh", "-c", "echo from-b | nc -l -N 203.0.113.2 9001");
        long deadline = System.nanoTime() + Await.TIMEOUT_NANOS;
        while (!net.exec(hostB, "cat", "/proc/net/tcp").contains(":2329 ") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        String got = net.exec(hostA, "sh", "-c", "echo from-a | nc -N -w 10 203.0.113.2 9001");
        assertEquals("from-b\n", got);
        assertTrue(tcp.waitFor(20, TimeUnit.SECONDS), "the server saw the connection close");
        assertEquals("from-a\n", new String(tcp.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
    }
}

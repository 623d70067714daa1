package click.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import click.runtime.ElementRegistry;
import click.runtime.Router;
import click.runtime.RouterBuilder;
import click.scheduler.SmpDriverFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code conf/nat.click} -- the paper's Figure 8 NAT inside its Figure 2 IP router -- carrying real
 * TCP and UDP between three namespaces, with only its variables set:
 * <pre>
 *   inside host I              router R (jclick)                   outside host O
 *   198.51.100.2/24  i0 ---- ri   [NAT: 192.0.2.1-4]   ro ---- o0  203.0.113.10-17/24
 *   default via .1             no addresses, no kernel forwarding  192.0.2.0/24 via 203.0.113.1
 * </pre>
 * O has no route to the inside network, so an echo only comes back to I if jclick gave its
 * request an external source and translates the reply back. jclick runs in the test JVM, built
 * and started on a thread inside R (its device sockets and its driver thread live there); the
 * clients' sockets are made inside I and the echo server's inside O, all from this JVM.
 *
 * <p>Hundreds of TCP connections and a hundred UDP flows go out at once; then, while the
 * connections keep exchanging data, the router is hot-swapped for the same configuration with
 * other queue capacities (what the shell's {@code click:install} does through
 * {@link RouterBuilder#buildReplacing}). The rewriters' mappings pass to the new router, so every
 * connection and flow carries on, on the same external address and port; new ones work too.
 *
 * <p>A control runs the same traffic through Linux's own NAT in R (nftables), if nft is installed.
 */
class NatNamespaceTest {
    private static final int TCP_PORT = 7000;
    private static final int UDP_PORT = 7001;
    /** TCP connections open across the hot swap, and opened after it. */
    private static final int EARLY = 250;
    private static final int LATE = 50;
    /** UDP flows started before the hot swap (and used again after it), and after it. */
    private static final int FLOWS = 100;
    private static final int LATE_FLOWS = 20;
    /** The outside host's addresses: HashDemux spreads flows over the rewriters by destination. */
    private static final List<String> SERVERS = List.of("203.0.113.10", "203.0.113.11", "203.0.113.12",
            "203.0.113.13", "203.0.113.14", "203.0.113.15", "203.0.113.16", "203.0.113.17");
    /** nat.click's default external addresses, one per rewriter. */
    private static final Set<String> EXTERNAL = Set.of("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4");
    private static final int MESSAGE = 200;
    private static final int TIMEOUT_MS = 20_000;

    private NetNs net;
    private String inside;
    private String routerNs;
    private String outside;
    private String devInside;
    private String devOutside;
    private EchoServer server;
    private Router router;
    private final List<AutoCloseable> clients = new ArrayList<>();
    /** The TCP connections and UDP flows opened before the hot swap, and the talker on the connections. */
    private List<Socket> early;
    private List<DatagramSocket> flows;
    private Talker talker;
    private Thread talking;

    @BeforeEach
    void makeTopology() throws Exception {
        assumeTrue(NetNs.isRoot(), "needs root: creates network namespaces and raw sockets");
        net = new NetNs();
        inside = net.namespace("i");
        routerNs = net.namespace("r");
        outside = net.namespace("o");
        devInside = net.name("ri");
        devOutside = net.name("ro");
        String hostInside = net.name("i0");
        String hostOutside = net.name("o0");
        net.link(inside, hostInside, routerNs, devInside);
        net.link(routerNs, devOutside, outside, hostOutside);
        net.exec(routerNs, "sysctl", "-q", "-w", "net.ipv4.ip_forward=0");
        net.exec(inside, "ip", "addr", "add", "198.51.100.2/24", "dev", hostInside);
        net.exec(inside, "ip", "route", "add", "default", "via", "198.51.100.1");
        for (String a : SERVERS) {
            net.exec(outside, "ip", "addr", "add", a + "/24", "dev", hostOutside);
        }
        net.exec(outside, "ip", "route", "add", "192.0.2.0/24", "via", "203.0.113.1");
        assertThrows(IOException.class, () -> net.exec(outside, "ip", "route", "get", "198.51.100.2"),
                "O has no route back to the inside network");
        server = EchoServer.start(outside, SERVERS, TCP_PORT, UDP_PORT);
    }

    @AfterEach
    void removeTopology() throws Exception {
        try {
            stopTalker();
            for (AutoCloseable c : clients) {
                c.close();
            }
            if (router != null) {
                if (router.started()) {
                    router.requestStop();
                    router.awaitStop();
                }
                router.cleanup();
            }
            if (server != null) {
                server.close();
            }
        } finally {
            if (net != null) {
                net.close();
            }
        }
    }

    /**
     * nat.click on the router's two devices, on the single-threaded driver (1) or the SMP scheduler;
     * the queue capacity is what the hot swap changes.
     */
    private RouterBuilder natRouter(int threads, int queueCapacity) throws IOException {
        RouterBuilder b = RouterBuilder.fromFile(Configs.file("nat.click"))
                .registry(ElementRegistry.fromServiceLoader(getClass().getClassLoader()))
                .define("DEV0", devInside)
                .define("DEV1", devOutside)
                .define("QCAP", Integer.toString(queueCapacity));
        return threads == 1 ? b : b.driver(new SmpDriverFactory(), threads);
    }

    /** The new router and its rewriters' mappings before it started. */
    private record Swap(Router router, List<String> mappings) {
    }

    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 2})
    void hundredsOfConnectionsCrossTheNatAndSurviveAHotSwap(int threads) throws Exception {
        assertEquals("0", net.exec(routerNs, "sysctl", "-n", "net.ipv4.ip_forward").trim(), "kernel forwarding is off in R");
        router = NetNs.inside(routerNs, () -> {
            Router r = natRouter(threads, 1000).build();
            r.start();
            return r;
        });
        startTraffic();

        List<String> before = mappings(router);
        assertEquals(EARLY + FLOWS, before.size(), "one mapping per connection and flow");
        Router old = router;
        Swap swap = NetNs.inside(routerNs, () -> {
            Router fresh = natRouter(threads, 2000).buildReplacing(old);
            List<String> adopted = mappings(fresh);
            fresh.start();
            return new Swap(fresh, adopted);
        });
        router = swap.router();
        // the rewriter prefers a flow's own port, so a flow might survive on a fresh mapping: compare the tables
        assertEquals(before, swap.mappings(), "the new rewriters took over every mapping");
        assertEquals("2000", router.handlers().read("q1.capacity"), "the new configuration runs");

        finishTraffic();
        assertEquals(EARLY + LATE + FLOWS + LATE_FLOWS, mappings(router).size());
        for (int n = 0; n < 4; n++) {
            assertEquals("0", router.handlers().read("nat/rw" + n + ".mapping_failures").trim());
        }
    }

    /**
     * The router keeps its own business beside the NAT: it answers pings to its inside address from
     * I and to its outside address from O (the requests pass NAT4 untranslated, the replies leave
     * unchanged since their source is not inside).
     */
    @Test
    void theRouterStillAnswersPingsToItsOwnAddressesOnBothSides() throws Exception {
        router = NetNs.inside(routerNs, () -> {
            Router r = natRouter(1, 1000).build();
            r.start();
            return r;
        });
        String in = net.exec(inside, "ping", "-n", "-c", "2", "-i", "0.2", "-w", "20", "198.51.100.1");
        assertTrue(in.contains("2 received"), in);
        String out = net.exec(outside, "ping", "-n", "-c", "2", "-i", "0.2", "-w", "20", "203.0.113.1");
        assertTrue(out.contains("2 received"), out);
    }

    /**
     * Control: the same traffic and checks with Linux's own NAT in R instead of jclick (addresses on
     * R's devices, kernel forwarding on, nftables source NAT to 192.0.2.1-4), without the hot swap.
     * It shows the test's clients, server and checks hold for a NAT known to work.
     */
    @Test
    void linuxNatPassesTheSameTrafficAsAControl() throws Exception {
        assumeTrue(NetNs.hasCommand("nft"), "the control needs nft (package nftables)");
        net.exec(routerNs, "ip", "addr", "add", "198.51.100.1/24", "dev", devInside);
        net.exec(routerNs, "ip", "addr", "add", "203.0.113.1/24", "dev", devOutside);
        net.exec(routerNs, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        net.exec(routerNs, "nft", "add", "table", "ip", "nat");
        net.exec(routerNs, "nft", "add", "chain", "ip", "nat", "post", "{ type nat hook postrouting priority 100 ; }");
        net.exec(routerNs, "nft", "add", "rule", "ip", "nat", "post", "oifname", devOutside,
                "ip", "saddr", "198.51.100.0/24", "snat", "to", "192.0.2.1-192.0.2.4");
        startTraffic();
        finishTraffic();
    }

    /**
     * Opens the early TCP connections and UDP flows, checks the flows' first echoes, and starts
     * the talker on the connections (returns once it has done two rounds).
     */
    private void startTraffic() throws Exception {
        early = connect(0, EARLY);
        flows = udpFlows(0, FLOWS);
        exchange(flows, 0, 0);
        talker = new Talker(early);
        talking = new Thread(talker, "talker");
        talking.start();
        talker.awaitRounds(2);
    }

    /**
     * Lets the early connections talk three more rounds and stops them; the early flows send again
     * (from the same sockets); new connections and flows talk; every connection closes in order.
     * Then what the server saw: one connection each, every peer and every flow's source an external
     * address, each early flow's source (address and port) the same in both rounds.
     */
    private void finishTraffic() throws Exception {
        try {
            talker.awaitRounds(talker.rounds() + 3);
        } finally {
            stopTalker();
        }
        assertNull(talker.failure(), () -> "a connection failed: " + talker.failure());
        exchange(flows, 0, 1);
        List<Socket> late = connect(EARLY, LATE);
        round(late, EARLY, 0);
        exchange(udpFlows(FLOWS, LATE_FLOWS), FLOWS, 0);
        List<Socket> all = new ArrayList<>(early);
        all.addAll(late);
        closeInOrder(all);
        awaitClosed(EARLY + LATE);

        assertNull(server.failure(), () -> "echo server: " + server.failure());
        List<InetSocketAddress> peers = server.tcpPeers();
        assertEquals(EARLY + LATE, peers.size(), "one accepted connection per client connection");
        Set<String> seen = new TreeSet<>();
        for (InetSocketAddress p : peers) {
            seen.add(p.getAddress().getHostAddress());
        }
        assertTrue(EXTERNAL.containsAll(seen), "the server saw only external addresses: " + seen);
        assertTrue(seen.size() >= 2, "flows spread over several external addresses: " + seen);

        Map<String, InetSocketAddress> udp = server.udpSources();
        for (int id = 0; id < FLOWS + LATE_FLOWS; id++) {
            InetSocketAddress first = udp.get(payload(id, 0));
            assertTrue(first != null && EXTERNAL.contains(first.getAddress().getHostAddress()),
                    "flow " + id + " arrived from an external address: " + first);
            if (id < FLOWS) {
                assertEquals(first, udp.get(payload(id, 1)), "flow " + id + " kept its mapping");
            }
        }
    }

    private void stopTalker() throws InterruptedException {
        if (talker != null) {
            talker.stop();
            talking.join(TIMEOUT_MS);
        }
    }

    /**
     * The mappings of nat.click's four rewriters, one line per flow (its forward direction: the
     * table handler's lines whose original source is on the inside), sorted.
     */
    private static List<String> mappings(Router r) throws Exception {
        List<String> flows = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            for (String line : r.handlers().read("nat/rw" + n + ".table").split("\n")) {
                if (line.contains("(198.51.100.")) {
                    flows.add("rw" + n + " " + line.trim());
                }
            }
        }
        flows.sort(null);
        return flows;
    }

    private static String server(int id) {
        return SERVERS.get(id % SERVERS.size());
    }

    /**
     * Opens {@code count} TCP connections from I, the first numbered {@code first}, spread over O's
     * addresses; all handshakes are under way at once. Returns them as blocking sockets.
     */
    private List<Socket> connect(int first, int count) throws Exception {
        return NetNs.inside(inside, () -> {
            List<SocketChannel> made = new ArrayList<>();
            try (Selector connecting = Selector.open()) {
                for (int id = first; id < first + count; id++) {
                    SocketChannel c = SocketChannel.open();
                    clients.add(c);
                    c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    c.configureBlocking(false);
                    if (!c.connect(new InetSocketAddress(server(id), TCP_PORT))) {
                        c.register(connecting, SelectionKey.OP_CONNECT);
                    }
                    made.add(c);
                }
                long deadline = System.nanoTime() + Await.TIMEOUT_NANOS;
                for (int pending = connecting.keys().size(); pending > 0; ) {
                    assertTrue(System.nanoTime() < deadline, pending + " connections not established after 15 s");
                    connecting.select(100);
                    for (SelectionKey k : connecting.selectedKeys()) {
                        if (((SocketChannel) k.channel()).finishConnect()) {
                            k.cancel();
                            pending--;
                        }
                    }
                    connecting.selectedKeys().clear();
                }
            }
            List<Socket> sockets = new ArrayList<>();
            for (SocketChannel c : made) {
                c.configureBlocking(true);
                c.socket().setSoTimeout(TIMEOUT_MS);
                sockets.add(c.socket());
            }
            return sockets;
        });
    }

    /** What connection {@code id} sends in round {@code round}: its identity, then filler. */
    private static byte[] message(int id, int round) {
        byte[] m = new byte[MESSAGE];
        Arrays.fill(m, (byte) ('a' + (id + round) % 26));
        byte[] head = String.format("tcp %d round %d ", id, round).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, m, 0, head.length);
        return m;
    }

    /** One round on every connection: all send, then each reads its own echo back. */
    private static void round(List<Socket> conns, int first, int round) throws IOException {
        for (int i = 0; i < conns.size(); i++) {
            OutputStream out = conns.get(i).getOutputStream();
            out.write(message(first + i, round));
            out.flush();
        }
        for (int i = 0; i < conns.size(); i++) {
            InputStream in = conns.get(i).getInputStream();
            byte[] echo = in.readNBytes(MESSAGE);
            assertArrayEquals(message(first + i, round), echo, "echo of connection " + (first + i) + " round " + round);
        }
    }

    /** Each client says it is done; the server closes in turn, which the client sees as the end of its input. */
    private static void closeInOrder(List<Socket> conns) throws IOException {
        for (Socket s : conns) {
            s.shutdownOutput();
        }
        for (Socket s : conns) {
            assertEquals(-1, s.getInputStream().read(), "the server closed after the client");
            s.close();
        }
    }

    private void awaitClosed(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Await.TIMEOUT_NANOS;
        while (server.closedConnections() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(count, server.closedConnections(), "connections the server saw closed in order");
    }

    /** Opens {@code count} UDP sockets in I, flow {@code first} first, each talking to one of O's addresses. */
    private List<DatagramSocket> udpFlows(int first, int count) throws Exception {
        return NetNs.inside(inside, () -> {
            List<DatagramSocket> made = new ArrayList<>();
            for (int id = first; id < first + count; id++) {
                DatagramSocket s = new DatagramSocket(new InetSocketAddress("198.51.100.2", 0));
                clients.add(s);
                s.connect(new InetSocketAddress(server(id), UDP_PORT));
                made.add(s);
            }
            return made;
        });
    }

    private static String payload(int id, int round) {
        return "udp " + id + " round " + round;
    }

    /**
     * Every flow sends its datagram for {@code round} at once, then each waits for its echo. A flow
     * whose echo does not come within a second sends again (a datagram may be lost in a full ring);
     * after five tries the test fails. Echoes of earlier rounds (duplicates) are ignored.
     */
    private static void exchange(List<DatagramSocket> flows, int first, int round) throws IOException {
        List<Integer> waiting = new ArrayList<>();
        for (int i = 0; i < flows.size(); i++) {
            waiting.add(i);
        }
        for (int attempt = 0; attempt < 5 && !waiting.isEmpty(); attempt++) {
            for (int i : waiting) {
                byte[] b = payload(first + i, round).getBytes(StandardCharsets.US_ASCII);
                flows.get(i).send(new DatagramPacket(b, b.length));
            }
            List<Integer> still = new ArrayList<>();
            for (int i : waiting) {
                if (!echoed(flows.get(i), payload(first + i, round))) {
                    still.add(i);
                }
            }
            waiting = still;
        }
        assertTrue(waiting.isEmpty(), "UDP flows without an echo after five tries: " + waiting);
    }

    private static boolean echoed(DatagramSocket s, String expected) throws IOException {
        byte[] buf = new byte[256];
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            s.setSoTimeout(Math.max(1, (int) ((deadline - System.nanoTime()) / 1_000_000)));
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
            } catch (SocketTimeoutException e) {
                return false;
            }
            if (new String(buf, 0, p.getLength(), StandardCharsets.US_ASCII).equals(expected)) {
                return true;
            }
        }
        return false;
    }

    /** Runs rounds on the early connections until stopped; the first failure ends it. */
    private static final class Talker implements Runnable {
        private final List<Socket> conns;
        private final AtomicInteger rounds = new AtomicInteger();
        private volatile boolean stopping;
        private volatile Throwable failure;

        Talker(List<Socket> conns) {
            this.conns = conns;
        }

        @Override
        public void run() {
            try {
                while (!stopping) {
                    round(conns, 0, rounds.get());
                    rounds.incrementAndGet();
                }
            } catch (IOException | AssertionError e) {
                failure = e;
            }
        }

        int rounds() {
            return rounds.get();
        }

        Throwable failure() {
            return failure;
        }

        void stop() {
            stopping = true;
        }

        /** Waits until {@code n} rounds are complete; fails at once if a round failed. */
        void awaitRounds(int n) throws InterruptedException {
            long deadline = System.nanoTime() + Await.TIMEOUT_NANOS;
            while (rounds.get() < n) {
                if (failure != null) {
                    fail("a round failed: " + failure);
                }
                if (System.nanoTime() > deadline) {
                    fail("only " + rounds.get() + " of " + n + " rounds after 15 s");
                }
                Thread.sleep(5);
            }
        }
    }
}

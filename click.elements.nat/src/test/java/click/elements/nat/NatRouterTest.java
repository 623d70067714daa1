package click.elements.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Element;
import click.api.ElementFactory;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.runtime.ElementRegistry;
import click.runtime.Router;
import click.runtime.RouterBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The rewriters inside a real router (click.runtime, with standard and IP elements found through
 * their bundles' ElementProviders): configuration text, wiring, timers, handlers and element
 * look-up as a user's configuration would use them.
 */
class NatRouterTest {
    /** Keeps a copy of every packet it receives, then kills it. */
    @ElementInfo(ports = "1-/0", processing = "h/")
    public static final class Capture extends Element {
        final List<byte[]> seen = new CopyOnWriteArrayList<>();

        @Override
        public void push(int port, Packet p) {
            seen.add(p.toByteArray());
            p.kill();
        }

        @Override
        public void addHandlers(HandlerRegistry h) {
            h.read("count", () -> Integer.toString(seen.size()));
        }
    }

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private Router build(String config) throws Exception {
        ElementRegistry registry = ElementRegistry.fromServiceLoader(getClass().getClassLoader());
        ElementFactory.of(Capture.class, Capture::new).forEach(registry::add);
        return RouterBuilder.fromText(config, "nat-test.click").registry(registry)
                .log(new PrintStream(log, true, StandardCharsets.UTF_8)).build();
    }

    private static void awaitHandler(Router r, String handler, String value) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!r.handlers().read(handler).equals(value) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(value, r.handlers().read(handler), handler);
    }

    @Test
    void natRouterTranslatesFlowsRepliesAndIcmpErrors() throws Exception {
        byte[] forward = TestPackets.udpBytes("10.0.0.2", 5000, "203.0.113.2", 53, 16);
        byte[] reply = TestPackets.udpBytes("203.0.113.2", 53, "192.0.2.1", 5000, 16);
        byte[] translated = TestPackets.udpBytes("192.0.2.1", 5000, "203.0.113.2", 53, 16);
        Packet error = TestPackets.icmpError(3, 3, "203.0.113.2", "192.0.2.1", translated);
        byte[] errorBytes = error.toByteArray();
        error.kill();
        String config = String.join("\n",
                "fwd :: InfiniteSource(" + TestPackets.clickData(forward) + ", LIMIT 5);",
                "rev :: InfiniteSource(" + TestPackets.clickData(reply) + ", LIMIT 5, ACTIVE false);",
                "err :: InfiniteSource(" + TestPackets.clickData(errorBytes) + ", LIMIT 1, ACTIVE false);",
                "rw :: IPRewriter(pattern 192.0.2.1 1024-65535 - - 0 1, drop, UDP_TIMEOUT 30s, REAP_INTERVAL 1s);",
                "fwd -> CheckIPHeader -> [0]rw[0] -> out :: Counter -> Discard;",
                "rev -> CheckIPHeader -> [1]rw[1] -> in :: Capture;",
                "err -> CheckIPHeader -> icmp :: ICMPRewriter(rw) -> in;");
        Router r = build(config);
        r.start();
        awaitHandler(r, "out.count", "5");
        assertEquals("1", r.handlers().read("rw.table_size"));
        assertTrue(r.handlers().read("rw.table").contains(
                "udp (10.0.0.2, 5000, 203.0.113.2, 53) => (192.0.2.1, 5000, 203.0.113.2, 53) [0]"),
                r.handlers().read("rw.table"));
        r.handlers().write("rev.active", "true");
        awaitHandler(r, "in.count", "5");
        r.handlers().write("err.active", "true");
        awaitHandler(r, "icmp.rewritten", "1");
        r.requestStop();
        r.awaitStop();
        r.cleanup();

        List<byte[]> seen = ((Capture) r.element("in")).seen;
        assertEquals(6, seen.size());
        for (byte[] b : seen) {
            TestPackets.assertChecksumsValid(b);
            assertEquals(click.api.net.IPAddress.parse("10.0.0.2"), TestPackets.getI32(b, 16), "back to the inside host");
        }
        assertEquals("0", r.handlers().read("rw.mapping_failures"));
    }

    @Test
    void namedPatternsResolveInsideARouter() throws Exception {
        byte[] forward = TestPackets.udpBytes("10.0.0.2", 5000, "203.0.113.2", 53, 0);
        Router r = build(String.join("\n",
                "IPRewriterPatterns(outside 192.0.2.7 40000-40009# - -);",
                "InfiniteSource(" + TestPackets.clickData(forward) + ", LIMIT 3, STOP true)",
                "  -> CheckIPHeader -> rw :: IPRewriter(pattern outside 0 1) -> Discard;",
                "rw[1] -> Discard;"));
        r.run();
        assertEquals("1", r.handlers().read("rw.table_size"));
        assertTrue(r.handlers().read("rw.table").contains("=> (192.0.2.7, 40000, 203.0.113.2, 53)"),
                r.handlers().read("rw.table"));
        assertEquals("192.0.2.7 40000-40009# - - 0 1\n", r.handlers().read("rw.patterns"));
        r.cleanup();
    }

    @Test
    void aBadInputSpecIsReportedWithItsLocation() {
        click.runtime.ConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(
                click.runtime.ConfigurationException.class,
                () -> build("Idle -> rw :: IPRewriter(pattern 192.0.2.1 1024-99999 - - 0 1) -> Discard; rw[1] -> Discard;"));
        assertTrue(e.getMessage().contains("nat-test.click:1"), e.getMessage());
        assertTrue(e.getMessage().contains("bad source port range end \"99999\""), e.getMessage());
    }

}

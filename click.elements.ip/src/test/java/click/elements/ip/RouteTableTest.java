package click.elements.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ConfigException;
import click.api.HandlerException;
import click.api.Packet;
import click.api.net.IPAddress;
import click.testing.ElementHarness;
import click.testing.PacketBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The three route-lookup elements share behaviour; each test runs against all of them. */
class RouteTableTest {
    static List<Supplier<IPRouteTable>> tables() {
        return List.of(StaticIPLookup::new, RadixIPLookup::new, DirectIPLookup::new);
    }

    private static final String ROUTES = "192.0.2.1/32 0, 192.0.2.0/24 1, 198.51.100.0/24 2, "
            + "198.51.100.128/25 203.0.113.9 1, 0.0.0.0/0 203.0.113.254 2";

    private static Packet to(String dst) {
        Packet p = PacketBuilder.udp().dst(dst).build();
        p.setDstIp(IPAddress.parse(dst));
        return p;
    }

    @ParameterizedTest
    @MethodSource("tables")
    void longestPrefixWinsAndGatewayBecomesTheDestinationAnnotation(Supplier<IPRouteTable> make) throws Exception {
        ElementHarness<IPRouteTable> h = ElementHarness.of(make.get()).outputs(3).configure(ROUTES);
        h.push(0, to("192.0.2.1")).push(0, to("192.0.2.77")).push(0, to("198.51.100.5"))
         .push(0, to("198.51.100.200")).push(0, to("8.8.8.8"));
        assertEquals(1, h.output(0).size());
        assertEquals(2, h.output(1).size());
        assertEquals(IPAddress.parse("192.0.2.77"), h.output(1).get(0).dstIp(), "no gateway: annotation kept");
        assertEquals(IPAddress.parse("203.0.113.9"), h.output(1).get(1).dstIp());
        assertEquals(2, h.output(2).size());
        assertEquals(IPAddress.parse("203.0.113.254"), h.output(2).get(1).dstIp());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @ParameterizedTest
    @MethodSource("tables")
    void packetsWithoutRouteAreDroppedAndCounted(Supplier<IPRouteTable> make) throws Exception {
        ElementHarness<IPRouteTable> h = ElementHarness.of(make.get()).outputs(2).configure("192.0.2.0/24 1");
        h.push(0, to("10.0.0.1"));
        assertEquals("1", h.read("drops"));
        h.assertNoLeaks();
    }

    @ParameterizedTest
    @MethodSource("tables")
    void handlersAddSetRemoveLookupAndShowTheTable(Supplier<IPRouteTable> make) throws Exception {
        ElementHarness<IPRouteTable> h = ElementHarness.of(make.get()).outputs(3).configure("192.0.2.0/24 1");
        assertEquals("1", h.read("lookup", "192.0.2.9"));
        assertEquals("", h.read("lookup", "10.1.1.1"));
        h.write("add", "10.0.0.0/8 192.0.2.254 2");
        assertEquals("2 192.0.2.254", h.read("lookup", "10.1.1.1"));
        HandlerException dup = assertThrows(HandlerException.class, () -> h.write("add", "10.0.0.0/8 1"));
        assertTrue(dup.getMessage().contains("exists"), dup.getMessage());
        h.write("set", "10.0.0.0/8 1");
        assertEquals("1", h.read("lookup", "10.1.1.1"));
        assertEquals("192.0.2.0/24\t-\t1\n10.0.0.0/8\t-\t1\n", h.read("table"));
        assertThrows(HandlerException.class, () -> h.write("remove", "10.0.0.0/8 2"));
        h.write("remove", "10.0.0.0/8");
        assertEquals("", h.read("lookup", "10.1.1.1"));
        assertThrows(HandlerException.class, () -> h.write("add", "10.0.0.0/8 7"));
        assertThrows(HandlerException.class, () -> h.read("lookup", "not-an-address"));
        h.write("flush", "");
        assertEquals("", h.read("table"));
    }

    @ParameterizedTest
    @MethodSource("tables")
    void badRoutesAreConfigurationErrors(Supplier<IPRouteTable> make) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ElementHarness.of(make.get()).outputs(2).configure("192.0.2.0/24 5, 10.0.0.0/8 x y z, 192.0.2.0/24 1"));
        assertEquals(2, e.messages().size(), e.getMessage());
        assertTrue(e.messages().get(0).contains("has 2 outputs"), e.getMessage());
    }

    @Test
    void nonContiguousMasksWorkOnlyInTheLinearTable() throws Exception {
        ElementHarness<StaticIPLookup> h = ElementHarness.of(new StaticIPLookup()).outputs(2).configure("10.0.0.5/255.0.0.255 1");
        assertEquals("1", h.read("lookup", "10.99.99.5"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> ElementHarness.of(new RadixIPLookup()).outputs(2).configure("10.0.0.5/255.0.0.255 1"));
        assertTrue(e.getMessage().contains("contiguous"), e.getMessage());
    }

    /** Property: on random tables, the trie and DIR-24-8 agree with the linear table on every lookup. */
    @Test
    void allThreeLookupsAgreeOnRandomTables() throws Exception {
        Random rnd = new Random(20261126);
        for (int round = 0; round < 4; round++) {
            List<String> routes = new ArrayList<>();
            List<Integer> nets = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (routes.size() < 300) {
                int len = rnd.nextInt(10) == 0 ? rnd.nextInt(33) : 16 + rnd.nextInt(17);
                int base = nets.isEmpty() || rnd.nextBoolean() ? rnd.nextInt() : nets.get(rnd.nextInt(nets.size())) ^ (rnd.nextInt() >>> 20);
                int net = base & IPAddress.maskOf(len);
                String pfx = IPAddress.toString(net) + "/" + len;
                if (seen.add(pfx)) {
                    nets.add(net);
                    routes.add(pfx + (rnd.nextBoolean() ? " " + IPAddress.toString(rnd.nextInt()) : "") + " " + rnd.nextInt(4));
                }
            }
            String config = String.join(", ", routes);
            StaticIPLookup linear = (StaticIPLookup) ElementHarness.of(new StaticIPLookup()).outputs(4).configure(config).element();
            RadixIPLookup radix = (RadixIPLookup) ElementHarness.of(new RadixIPLookup()).outputs(4).configure(config).element();
            DirectIPLookup direct = (DirectIPLookup) ElementHarness.of(new DirectIPLookup()).outputs(4).configure(config).element();
            for (int i = 0; i < 20000; i++) {
                int a = i % 2 == 0 ? rnd.nextInt() : nets.get(rnd.nextInt(nets.size())) | (rnd.nextInt() & rnd.nextInt(256));
                Route expected = linear.lookupRoute(a);
                assertEquals(expected, radix.lookupRoute(a), () -> "radix, address " + IPAddress.toString(a));
                assertEquals(expected, direct.lookupRoute(a), () -> "direct, address " + IPAddress.toString(a));
            }
        }
    }
}

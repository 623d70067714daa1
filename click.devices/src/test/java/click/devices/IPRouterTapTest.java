package click.devices;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import click.runtime.ElementRegistry;
import click.runtime.Router;
import click.runtime.RouterBuilder;
import org.junit.jupiter.api.Test;

/**
 * The Figure 2 router (ip-router-lib.click's IPRouter2) on TAP devices instead of veth pairs: each
 * KernelTap's kernel side is a host. The router is built on a thread inside namespace A, so both
 * TAP devices start there; host B's device then moves to namespace B (jclick keeps its descriptor)
 * and gets its address again. Pings cross the router both ways.
 */
class IPRouterTapTest {
    private static final String CONFIG = String.join("\n",
            "require(library ip-router-lib.click);",
            "r :: IPRouter2(198.51.100.1, 198.51.100.1/24, 198.51.100.255, 02:00:00:00:00:01,",
            "               203.0.113.1, 203.0.113.1/24, 203.0.113.255, 02:00:00:00:01:01, 203.0.113.254);",
            "t0 :: KernelTap(198.51.100.2/24, DEVNAME $TAP0);",
            "t1 :: KernelTap(203.0.113.2/24, DEVNAME $TAP1);",
            "t0 -> [0]r; t1 -> [1]r; r[0] -> t0; r[1] -> t1; r[2] -> Discard;");

    @Test
    void pingsCrossTheRouterBetweenTwoTapDevices() throws Exception {
        assumeTrue(NetNs.isRoot(), "needs root: creates network namespaces and TAP devices");
        try (NetNs net = new NetNs()) {
            String a = net.namespace("a");
            String b = net.namespace("b");
            String tap0 = net.name("t0");
            String tap1 = net.name("t1");
            Router router = NetNs.inside(a, () -> RouterBuilder.fromText(CONFIG, Configs.file("tap-router.click").toString())
                    .registry(ElementRegistry.fromServiceLoader(getClass().getClassLoader()))
                    .define("TAP0", tap0)
                    .define("TAP1", tap1)
                    .build());
            try {
                NetNs.run("ip", "-n", a, "link", "set", tap1, "netns", b);
                net.exec(b, "ip", "addr", "add", "203.0.113.2/24", "dev", tap1);
                net.exec(b, "ip", "link", "set", tap1, "up");
                net.exec(a, "ip", "route", "add", "default", "via", "198.51.100.1");
                net.exec(b, "ip", "route", "add", "default", "via", "203.0.113.1");
                router.start();
                String ab = net.exec(a, "ping", "-n", "-c", "3", "-i", "0.2", "-w", "20", "203.0.113.2");
                assertTrue(ab.contains("3 received") && ab.contains("ttl=63"), ab);
                String ba = net.exec(b, "ping", "-n", "-c", "3", "-i", "0.2", "-w", "20", "198.51.100.2");
                assertTrue(ba.contains("3 received") && ba.contains("ttl=63"), ba);
            } finally {
                if (router.started()) {
                    router.requestStop();
                    router.awaitStop();
                }
                router.cleanup();
            }
        }
    }
}

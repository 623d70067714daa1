package click.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Element;
import click.runtime.ConfigurationException;
import click.runtime.ElementRegistry;
import click.runtime.RouterBuilder;
import org.junit.jupiter.api.Test;

/**
 * {@link IPRouterNamespaceTest} with {@code conf/ip-router.click} run with {@code METHOD=XDP}: both
 * devices read and written through AF_XDP sockets, and every test must pass as with AF_PACKET.
 *
 * <p>The hosts send with checksum offload off: a veth peer leaves TCP and UDP checksums to
 * offload, and XDP, unlike an AF_PACKET ring, does not say so, so the router would forward such
 * frames with the checksum unfinished (a physical device always delivers complete ones).
 */
class IPRouterXdpNamespaceTest extends IPRouterNamespaceTest {
    @Override
    RouterBuilder onDriver(RouterBuilder b) {
        return b.define("METHOD", "XDP");
    }

    @Override
    void hostsMade(NetNs net, String hostA, String devA, String hostB, String devB) throws Exception {
        NetNs.checksumOffloadOff(hostA, devA);
        NetNs.checksumOffloadOff(hostB, devB);
    }

    @Test
    void theDevicesHandlersCountTheForwardedTrafficAndNoKernelDrops() throws Exception {
        String out = net.exec(hostA, "ping", "-n", "-c", "5", "-i", "0.2", "-w", "20", "203.0.113.2");
        assertTrue(out.contains("5 received"), out);
        int readers = 0;
        for (Element e : router.elements()) {
            if (e instanceof FromDevice || e instanceof ToDevice) {
                String mode = router.handlers().read(e.name() + ".xdp_mode");
                assertTrue(mode.equals("native") || mode.equals("generic"), e.name() + ": " + mode);
                assertTrue(Long.parseLong(router.handlers().read(e.name() + ".count")) >= 5, e.name());
            }
            if (e instanceof FromDevice) {
                readers++;
                assertEquals("0", router.handlers().read(e.name() + ".kernel_drops"), e.name());
            }
        }
        assertEquals(2, readers);
    }

    @Test
    void aHotSwapThatKeepsTheXdpDevicesFailsAndLeavesTheRouterRunning() throws Exception {
        RouterBuilder again = onDriver(RouterBuilder.fromFile(Configs.file("ip-router.click"))
                .registry(ElementRegistry.fromServiceLoader(getClass().getClassLoader()))
                .define("DEV0", net.name("r0"))
                .define("DEV1", net.name("r1")));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> again.hotSwap(router));
        assertTrue(e.getMessage().contains("already has a FromDevice with METHOD XDP in this process"), e.getMessage());
        String out = net.exec(hostA, "ping", "-n", "-c", "2", "-i", "0.2", "-w", "20", "203.0.113.2");
        assertTrue(out.contains("2 received"), out);
    }
}

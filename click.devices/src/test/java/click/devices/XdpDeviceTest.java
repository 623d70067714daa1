package click.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ConfigException;
import click.api.Packet;
import click.testing.ElementHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * FromDevice and ToDevice with METHOD XDP on a real veth pair (root only): the XDP program takes
 * the host's frames before the kernel's stack sees them, ToDevice's frames reach the host, and the
 * two elements share one AF_XDP socket whose program goes away with the last of them.
 */
class XdpDeviceTest extends OneHostTest {
    private static boolean isArpRequestFrom(Packet p, int ip) {
        return p.length() >= 42 && p.u16(12) == 0x0806 && p.u16(20) == 1 && p.i32(28) == ip;
    }

    private String link() throws IOException {
        return NetNs.run("ip", "-d", "link", "show", dev);
    }

    private Packet datagram(String text) throws IOException {
        return Frames.udp(net.ether(host, peer), NetNs.localEther(dev), ROUTER_IP, HOST_IP, 4000, 9999, text);
    }

    @Test
    void receivesTheHostsFramesBeforeTheKernelStackAndDetachesOnCleanup() throws Exception {
        ElementHarness<FromDevice> h = ElementHarness.of(new FromDevice()).configure(dev + ", METHOD XDP");
        assertTrue(link().contains("prog/xdp"), "a program is attached: " + link());
        String mode = h.read("xdp_mode");
        assertTrue(mode.equals("native") || mode.equals("generic"), mode);
        assertTrue(h.messages().get(0).contains("AF_XDP, XDP program in " + mode + " mode"), h.messages().toString());
        Process ping = net.start(host, "ping", "-c", "20", "-i", "0.2", "192.0.2.1");
        Packet p = Await.packet(h, 0, q -> isArpRequestFrom(q, HOST_IP));
        ping.destroy();
        assertEquals(Packet.BROADCAST, p.packetType());
        assertEquals(net.ether(host, peer), (long) p.u16(6) << 32 | p.i32(8) & 0xFFFFFFFFL);
        assertEquals(42, p.length());
        assertTrue(p.timestamp() > 0, "receive time set");
        p.kill();
        assertTrue(Long.parseLong(h.read("count")) >= 1);
        assertEquals("0", h.read("kernel_drops"));
        h.element().cleanup();
        assertFalse(link().contains("prog/xdp"), "the program went with the element: " + link());
        h.assertNoLeaks();
    }

    @Test
    void framesSentByToDeviceArriveAtTheHost() throws Exception {
        Process listener = net.start(host, "nc", "-u", "-l", "-W", "3", "192.0.2.2", "9999");
        ElementHarness<ToDevice> h = ElementHarness.of(new ToDevice()).pullInputs().configure(dev + ", BURST 2, METHOD XDP");
        net.awaitUdpListener(host, 9999);
        h.feed(0, datagram("one\n"), datagram("two\n"), datagram("three\n"));
        long deadline = System.nanoTime() + Await.TIMEOUT_NANOS;
        while (h.element().count() < 3 && System.nanoTime() < deadline) {
            h.runTasks();
            Thread.sleep(1);
        }
        assertEquals(3, h.element().count());
        assertTrue(listener.waitFor(15, TimeUnit.SECONDS), "listener got three datagrams");
        assertEquals("one\ntwo\nthree\n", new String(listener.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
        assertEquals("0", h.read("drops"));
        h.element().cleanup();
        h.assertNoLeaks();
    }

    @Test
    void fromAndToDeviceShareOneSocketWhoseProgramComesWithFromDevice() throws Exception {
        ElementHarness<ToDevice> out = ElementHarness.of(new ToDevice()).pullInputs().configure(dev + ", METHOD XDP");
        assertEquals("none", out.read("xdp_mode"));
        assertFalse(link().contains("prog/xdp"), "a ToDevice alone takes no frames from the host: " + link());
        ElementHarness<FromDevice> in = ElementHarness.of(new FromDevice()).configure(dev + ", METHOD XDP");
        assertTrue(link().contains("prog/xdp"), link());
        assertEquals(in.read("xdp_mode"), out.read("xdp_mode"));
        int socket = XdpSocket.shared(dev).fd;
        in.element().cleanup();
        assertFalse(link().contains("prog/xdp"), "the program went with FromDevice: " + link());
        assertEquals("none", out.read("xdp_mode"));
        assertEquals(socket, XdpSocket.shared(dev).fd, "ToDevice still holds the socket");
        out.element().cleanup();
        assertEquals(null, XdpSocket.shared(dev));
    }

    @Test
    void aSecondFromDeviceOnTheSameDeviceIsAConfigurationError() throws Exception {
        ElementHarness<FromDevice> first = ElementHarness.of(new FromDevice()).configure(dev + ", METHOD XDP");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ElementHarness.of(new FromDevice()).configure(dev + ", METHOD XDP"));
        assertTrue(e.getMessage().contains("already has a FromDevice with METHOD XDP"), e.getMessage());
        first.element().cleanup();
        assertFalse(link().contains("prog/xdp"), link());
    }

    @Test
    void aDeviceThatDisappearsGetsAFreshSocketAndProgramWhenItReturns() throws Exception {
        ElementHarness<FromDevice> h = ElementHarness.of(new FromDevice()).configure(dev + ", METHOD XDP");
        NetNs.run("ip", "link", "del", dev);
        for (int i = 0; i < 3; i++) {
            h.advance(DeviceWatch.HEALTHY_INTERVAL);
            assertEquals(0, h.runTasks());
        }
        assertEquals(2, h.messages().size(), h.messages().toString());
        assertTrue(h.messages().get(1).contains("device " + dev + " has disappeared"), h.messages().toString());
        makeVeth();
        assertFalse(link().contains("prog/xdp"));
        h.advance(DeviceWatch.HEALTHY_INTERVAL);
        h.runTasks();
        assertTrue(h.messages().get(2).contains("device " + dev + " is back"), h.messages().toString());
        assertTrue(link().contains("prog/xdp"), link());
        net.start(host, "ping", "-c", "20", "-i", "0.2", "192.0.2.1");
        Await.packet(h, 0, q -> isArpRequestFrom(q, HOST_IP)).kill();
        h.element().cleanup();
        assertFalse(link().contains("prog/xdp"), link());
        h.assertNoLeaks();
    }

    @Test
    void aDeviceThatGoesDownAndUpKeepsItsSocket() throws Exception {
        ElementHarness<FromDevice> h = ElementHarness.of(new FromDevice()).configure(dev + ", METHOD XDP");
        NetNs.run("ip", "link", "set", dev, "down");
        h.advance(DeviceWatch.HEALTHY_INTERVAL);
        h.runTasks();
        assertTrue(h.messages().get(1).endsWith("device " + dev + " is down; waiting for it to come up"), h.messages().toString());
        NetNs.run("ip", "link", "set", dev, "up");
        h.advance(DeviceWatch.HEALTHY_INTERVAL);
        h.runTasks();
        assertTrue(h.messages().get(2).endsWith("device " + dev + " is back"), h.messages().toString());
        net.start(host, "ping", "-c", "20", "-i", "0.2", "192.0.2.1");
        Await.packet(h, 0, q -> isArpRequestFrom(q, HOST_IP)).kill();
        h.element().cleanup();
        h.assertNoLeaks();
    }

    @Test
    void promiscHoldsTheDeviceInPromiscuousModeUntilCleanup() throws Exception {
        ElementHarness<FromDevice> h = ElementHarness.of(new FromDevice()).configure(dev + ", METHOD XDP, PROMISC true");
        assertTrue(link().contains("promiscuity 1 "), link());
        h.element().cleanup();
        assertTrue(link().contains("promiscuity 0 "), link());
    }

    @Test
    void aDeviceThatAlreadyHasAnXdpProgramOrSocketIsRefusedAndLeftAsItWas() throws Exception {
        ElementHarness<FromDevice> first = ElementHarness.of(new FromDevice()).configure(dev + ", METHOD XDP");
        int ifindex = LibC.if_nametoindex(dev);
        IOException e = assertThrows(IOException.class, () -> XdpSocket.open(dev, ifindex));
        assertTrue(e.getMessage().contains("queue 0 of " + dev + " already has an AF_XDP socket"), e.getMessage());
        e = assertThrows(IOException.class, () -> XdpProgram.attach(dev, ifindex, XdpSocket.shared(dev).fd));
        assertTrue(e.getMessage().contains("device " + dev + " already has an XDP program"), e.getMessage());
        net.start(host, "ping", "-c", "20", "-i", "0.2", "192.0.2.1");
        Await.packet(first, 0, q -> isArpRequestFrom(q, HOST_IP)).kill();
        first.element().cleanup();
        assertFalse(link().contains("prog/xdp"), link());
        first.assertNoLeaks();
    }

    @Test
    void aDeviceWithoutNativeXdpGetsTheProgramInGenericMode() throws Exception {
        String bridge = net.name("br"); // its driver has no XDP of its own
        NetNs.run("ip", "link", "add", bridge, "type", "bridge");
        try {
            net.localUp(bridge);
            ElementHarness<FromDevice> in = ElementHarness.of(new FromDevice()).configure(bridge + ", METHOD XDP");
            ElementHarness<ToDevice> h = ElementHarness.of(new ToDevice()).pullInputs().configure(bridge + ", METHOD XDP");
            assertEquals("generic", in.read("xdp_mode"));
            assertEquals("generic", h.read("xdp_mode"));
            assertTrue(NetNs.run("ip", "link", "show", bridge).contains("xdpgeneric"), NetNs.run("ip", "link", "show", bridge));
            h.feed(0, datagram("into the void\n"));
            long deadline = System.nanoTime() + Await.TIMEOUT_NANOS;
            while (h.element().count() < 1 && System.nanoTime() < deadline) {
                h.runTasks();
            }
            assertEquals(1, h.element().count());
            h.element().cleanup();
            in.element().cleanup();
            h.assertNoLeaks();
        } finally {
            NetNs.run("ip", "link", "del", bridge);
        }
    }
}

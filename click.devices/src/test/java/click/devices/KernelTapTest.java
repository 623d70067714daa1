package click.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import click.api.ConfigException;
import click.api.Packet;
import click.testing.ElementHarness;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * KernelTap and KernelTun against the kernel of a fresh namespace: the test thread enters the
 * namespace, the element makes its device there, and the kernel at 192.0.2.1 answers a ping sent
 * through the element (resolving the sender with ARP through the element first, for TAP).
 */
class KernelTapTest {
    private static final long KERNEL_MAC = 0x020000000001L;
    private static final long HOST_MAC = 0x020000000002L;
    private static final int KERNEL_IP = Frames.ip(192, 0, 2, 1);
    private static final int HOST_IP = Frames.ip(192, 0, 2, 2);

    private static boolean isEchoReply(Packet p, int ip, int seq) {
        return p.length() >= ip + 28 && p.u8(ip + 9) == 1 && p.u8(ip + 20) == 0 && p.u16(ip + 26) == seq
                && p.i32(ip + 16) == HOST_IP;
    }

    @Test
    void aPingThroughTheTapIsAnsweredByTheKernelAfterArp() throws Exception {
        assumeTrue(NetNs.isRoot(), "needs root: creates network namespaces and TAP devices");
        try (NetNs net = new NetNs()) {
            String ns = net.namespace("t");
            String dev = net.name("t0");
            NetNs.inside(ns, () -> {
                ElementHarness<KernelTap> h = ElementHarness.of(new KernelTap())
                        .configure("192.0.2.1/24, ETHER 02:00:00:00:00:01, DEVNAME " + dev);
                assertEquals(dev, h.read("dev_name"));
                String shown = NetNs.run("ip", "-n", ns, "addr", "show", dev);
                assertTrue(shown.contains("inet 192.0.2.1/24") && shown.contains("link/ether 02:00:00:00:00:01")
                        && shown.contains(",UP"), shown);

                h.push(0, Frames.ether(Frames.echoRequest(HOST_IP, KERNEL_IP, 7, 1), KERNEL_MAC, HOST_MAC));
                Packet who = Await.packet(h, 0, p -> p.length() >= 42 && p.u16(12) == 0x0806 && p.u16(20) == 1
                        && p.i32(38) == HOST_IP && p.i32(28) == KERNEL_IP);
                who.kill();
                h.push(0, Frames.arpReply(HOST_MAC, HOST_IP, KERNEL_MAC, KERNEL_IP));
                Packet reply = Await.packet(h, 0, p -> p.u16(12) == 0x0800 && isEchoReply(p, 14, 1));
                assertEquals(HOST_MAC, (long) reply.u16(0) << 32 | reply.i32(2) & 0xFFFFFFFFL);
                reply.kill();
                assertTrue(Long.parseLong(h.read("count")) >= 2);
                assertEquals("0", h.read("drops"));
                h.element().cleanup();
                assertThrows(IOException.class, () -> NetNs.run("ip", "-n", ns, "link", "show", dev),
                        "the device goes away with the element");
                h.assertNoLeaks();
                return null;
            });
        }
    }

    @Test
    void aPingThroughTheTunIsAnsweredWithAnnotatedIpPackets() throws Exception {
        assumeTrue(NetNs.isRoot(), "needs root: creates network namespaces and TUN devices");
        try (NetNs net = new NetNs()) {
            String ns = net.namespace("u");
            String dev = net.name("u0");
            NetNs.inside(ns, () -> {
                ElementHarness<KernelTun> h = ElementHarness.of(new KernelTun()).outputs(2)
                        .configure("192.0.2.1/24, DEVNAME " + dev + ", MTU 1400");
                assertTrue(NetNs.run("ip", "-n", ns, "link", "show", dev).contains("mtu 1400"));
                h.push(0, Frames.echoRequest(HOST_IP, KERNEL_IP, 9, 3));
                Packet reply = Await.packet(h, 0, p -> isEchoReply(p, 0, 3));
                assertEquals(HOST_IP, reply.dstIp());
                assertTrue(reply.hasNetworkHeader());
                assertEquals(0, reply.networkHeaderOffset());
                reply.kill();
                h.element().cleanup();
                h.assertNoLeaks();
                return null;
            });
        }
    }

    @Test
    void configurationMistakesAreExplained() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new KernelTap().configure(new click.api.Args("192.0.2.1/24, 192.0.2.254")));
        assertTrue(e.getMessage().contains("GATEWAY is not supported"), e.getMessage());
        e = assertThrows(ConfigException.class,
                () -> new KernelTun().configure(new click.api.Args("192.0.2.1/24, ETHER 02:00:00:00:00:01")));
        assertTrue(e.getMessage().contains("ETHER applies to KernelTap only"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> new KernelTap().configure(new click.api.Args("")));
        assertTrue(e.getMessage().contains("missing ADDR"), e.getMessage());
    }
}

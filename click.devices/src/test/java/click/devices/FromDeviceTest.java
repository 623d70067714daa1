package click.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Packet;
import click.api.net.IPv4;
import click.testing.ElementHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FromDevice on a real veth pair: its end stays in the test's (root) namespace without addresses,
 * the other end is a host in a namespace at 192.0.2.2 whose pings make ARP requests arrive.
 */
class FromDeviceTest extends OneHostTest {
    private static boolean isArpRequestFrom(Packet p, int ip) {
        return p.length() >= 42 && p.u16(12) == 0x0806 && p.u16(20) == 1 && p.i32(28) == ip;
    }

    @Test
    void receivesTheArpRequestsOfAPingFromAnotherNamespace() throws Exception {
        ElementHarness<FromDevice> h = ElementHarness.of(new FromDevice()).configure(dev);
        Process ping = net.start(host, "ping", "-c", "20", "-i", "0.2", "192.0.2.1");
        Packet p = Await.packet(h, 0, q -> isArpRequestFrom(q, HOST_IP));
        assertEquals(Packet.BROADCAST, p.packetType());
        assertEquals(0xFFFFFFFFFFFFL, (long) p.u16(0) << 32 | p.i32(2) & 0xFFFFFFFFL);
        assertEquals(net.ether(host, peer), (long) p.u16(6) << 32 | p.i32(8) & 0xFFFFFFFFL);
        assertTrue(p.timestamp() > 0, "kernel timestamp set");
        assertEquals(42, p.length());
        p.kill();
        ping.destroy();
        assertTrue(Long.parseLong(h.read("count")) >= 1);
        assertEquals("0", h.read("kernel_drops"));
        h.write("reset", "");
        assertEquals("0", h.read("count"));
        h.element().cleanup();
        h.assertNoLeaks();
    }

    @Test
    void udpFromAHostThatOffloadsChecksumsArrivesWithItsChecksumComputed() throws Exception {
        ElementHarness<FromDevice> h = ElementHarness.of(new FromDevice()).configure(dev);
        net.exec(host, "ip", "neigh", "add", "192.0.2.1", "lladdr", "02:00:00:00:00:01", "dev", peer);
        net.exec(host, "sh", "-c", "echo checksum | nc -u -w 1 192.0.2.1 7000");
        Packet p = Await.packet(h, 0, q -> q.length() >= 42 && q.u16(12) == 0x0800 && q.u8(23) == 17 && q.u16(36) == 7000);
        assertEquals(0, IPv4.transportChecksum(p, 14), "UDP checksum valid");
        p.kill();
        h.element().cleanup();
        h.assertNoLeaks();
    }

    @Test
    void promiscPutsTheDeviceInPromiscuousModeWhileTheElementRuns() throws Exception {
        // a packet socket's membership counts in the device's promiscuity (ip -d), not its user flags
        assertTrue(NetNs.run("ip", "-d", "link", "show", dev).contains("promiscuity 0 "));
        ElementHarness<FromDevice> h = ElementHarness.of(new FromDevice()).configure(dev + ", PROMISC true");
        assertTrue(NetNs.run("ip", "-d", "link", "show", dev).contains("promiscuity 1 "));
        h.element().cleanup();
        assertTrue(NetNs.run("ip", "-d", "link", "show", dev).contains("promiscuity 0 "));
    }

    @Test
    void outboundAddsTheFramesThisHostSendsMarkedOutgoing() throws Exception {
        ElementHarness<FromDevice> all = ElementHarness.of(new FromDevice()).configure(dev + ", OUTBOUND true");
        ElementHarness<FromDevice> in = ElementHarness.of(new FromDevice()).configure(dev);
        ElementHarness<ToDevice> out = ElementHarness.of(new ToDevice()).pullInputs().configure(dev);
        out.feed(0, Frames.udp(net.ether(host, peer), NetNs.localEther(dev), ROUTER_IP, HOST_IP, 4000, 9, "mine\n"));
        out.runTasks();
        // the kernel hands an outgoing frame to every packet socket while sending it, so once
        // the OUTBOUND reader has it, the other reader would have it too
        Packet p = Await.packet(all, 0, q -> q.length() >= 42 && q.u16(12) == 0x0800 && q.u16(36) == 9);
        assertEquals(Packet.OUTGOING, p.packetType());
        p.kill();
        in.runTasks();
        for (Packet q : in.take(0)) {
            assertTrue(!(q.u16(12) == 0x0800 && q.length() >= 42 && q.u16(36) == 9), "without OUTBOUND our own frame is skipped");
            q.kill();
        }
        out.element().cleanup();
        in.element().cleanup();
        all.element().cleanup();
        all.take(0).forEach(Packet::kill); // the host's ICMP port unreachable may have followed
        out.assertNoLeaks(); // the last harness made is the thread's packet pool, shared by all three
    }

    @Test
    void aDeviceThatDisappearsIsReportedOnceAndReceivedFromAgainWhenItReturns() throws Exception {
        ElementHarness<FromDevice> h = ElementHarness.of(new FromDevice()).configure(dev + ", BURST 4");
        NetNs.run("ip", "link", "del", dev);
        for (int i = 0; i < 10; i++) {
            h.advance(DeviceWatch.HEALTHY_INTERVAL);
            assertEquals(0, h.runTasks());
        }
        assertEquals(1, h.messages().size(), h.messages().toString());
        assertTrue(h.messages().get(0).contains("device " + dev + " has disappeared"), h.messages().toString());

        makeVeth();
        h.advance(DeviceWatch.HEALTHY_INTERVAL);
        h.runTasks();
        assertEquals(2, h.messages().size(), h.messages().toString());
        assertTrue(h.messages().get(1).contains("device " + dev + " is back"), h.messages().toString());
        net.start(host, "ping", "-c", "20", "-i", "0.2", "192.0.2.1");
        Await.packet(h, 0, q -> isArpRequestFrom(q, HOST_IP)).kill();
        h.element().cleanup();
        h.assertNoLeaks();
    }

    @Test
    void aDeviceThatGoesDownIsReportedAndReceivedFromAgainWhenUp() throws Exception {
        ElementHarness<FromDevice> h = ElementHarness.of(new FromDevice()).configure(dev);
        NetNs.run("ip", "link", "set", dev, "down");
        h.advance(DeviceWatch.HEALTHY_INTERVAL);
        h.runTasks();
        h.advance(DeviceWatch.HEALTHY_INTERVAL);
        h.runTasks();
        assertEquals(List.of(h.element().name() + ": device " + dev + " is down; waiting for it to come up"), h.messages());
        NetNs.run("ip", "link", "set", dev, "up");
        h.advance(DeviceWatch.HEALTHY_INTERVAL);
        h.runTasks();
        assertTrue(h.messages().get(1).endsWith("device " + dev + " is back"), h.messages().toString());
        net.start(host, "ping", "-c", "20", "-i", "0.2", "192.0.2.1");
        Await.packet(h, 0, q -> isArpRequestFrom(q, HOST_IP)).kill();
        h.element().cleanup();
        h.assertNoLeaks();
    }
}

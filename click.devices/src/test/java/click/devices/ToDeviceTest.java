package click.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Packet;
import click.testing.ElementHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * ToDevice on a real veth pair: frames it sends reach a host in another namespace (192.0.2.2),
 * whose UDP listener prints them and whose interface counters count them.
 */
class ToDeviceTest extends OneHostTest {
    private Packet datagram(String text) throws IOException {
        return Frames.udp(net.ether(host, peer), NetNs.localEther(dev), ROUTER_IP, HOST_IP, 4000, 9999, text);
    }

    /** Runs the element's task until {@code count} reaches {@code n} (generous timeout). */
    private static void runUntilCount(ElementHarness<ToDevice> h, long n) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (h.element().count() < n && System.nanoTime() < deadline) {
            h.runTasks();
            Thread.sleep(1);
        }
        assertEquals(n, h.element().count());
    }

    @Test
    void framesArriveAtTheHostOnThePeerDevice() throws Exception {
        Process listener = net.start(host, "nc", "-u", "-l", "-W", "3", "192.0.2.2", "9999");
        long before = net.counter(host, peer, "rx_packets");
        ElementHarness<ToDevice> h = ElementHarness.of(new ToDevice()).pullInputs().configure(dev + ", BURST 2");
        net.awaitUdpListener(host, 9999); // else the host answers the first datagram with port-unreachable
        h.feed(0, datagram("one\n"), datagram("two\n"), datagram("three\n"));
        runUntilCount(h, 3);
        assertTrue(listener.waitFor(15, TimeUnit.SECONDS), "listener got three datagrams");
        String got = new String(listener.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertEquals("one\ntwo\nthree\n", got);
        assertTrue(net.counter(host, peer, "rx_packets") - before >= 3);
        assertEquals("0", h.read("drops"));
        h.element().cleanup();
        h.assertNoLeaks();
    }

    @Test
    void runtsAndFramesLongerThanARingFrameAreDroppedAndCounted() throws Exception {
        ElementHarness<ToDevice> h = ElementHarness.of(new ToDevice()).pullInputs().configure(dev);
        h.feed(0, Packet.make(10), Packet.make(PacketRing.TX_MAX + 1), datagram("ok\n"));
        runUntilCount(h, 1);
        assertEquals("2", h.read("drops"));
        assertTrue(Long.parseLong(h.read("pulls")) >= 3);
        h.write("reset", "");
        assertEquals("0", h.read("drops"));
        assertEquals("0", h.read("count"));
        h.element().cleanup();
        h.assertNoLeaks();
    }

    @Test
    void sleepsWhenItsInputIsEmptyAndStillSendsWhatFollows() throws Exception {
        ElementHarness<ToDevice> h = ElementHarness.of(new ToDevice()).pullInputs().configure(dev);
        h.runTasks();
        h.feed(0, datagram("late\n"));
        runUntilCount(h, 1);
        h.element().cleanup();
        h.assertNoLeaks();
    }

    @Test
    void whileTheDeviceIsGonePacketsAreDroppedAndSendingResumesWhenItReturns() throws Exception {
        ElementHarness<ToDevice> h = ElementHarness.of(new ToDevice()).pullInputs().configure(dev);
        NetNs.run("ip", "link", "del", dev);
        h.advance(DeviceWatch.HEALTHY_INTERVAL);
        h.runTasks();
        h.feed(0, Frames.udp(0x020000000002L, 0x020000000001L, ROUTER_IP, HOST_IP, 4000, 9999, "lost\n"));
        h.advance(DeviceWatch.HEALTHY_INTERVAL);
        h.runTasks();
        assertEquals("1", h.read("drops"));
        assertEquals(1, h.messages().size(), h.messages().toString());
        assertTrue(h.messages().get(0).contains("device " + dev + " has disappeared"));

        makeVeth();
        h.advance(DeviceWatch.HEALTHY_INTERVAL);
        h.runTasks();
        assertTrue(h.messages().get(1).contains("device " + dev + " is back"), h.messages().toString());
        long before = net.counter(host, peer, "rx_packets");
        h.feed(0, datagram("again\n"));
        runUntilCount(h, 1);
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (net.counter(host, peer, "rx_packets") == before && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(net.counter(host, peer, "rx_packets") > before);
        h.element().cleanup();
        h.assertNoLeaks();
    }
}

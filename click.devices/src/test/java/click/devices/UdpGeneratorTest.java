package click.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's load generator on a veth pair (root only): every frame it counts as sent is
 * accounted for by the kernel, paced or at full speed: received by the host on the other end, or
 * dropped by the pair because the host's input queue was full (as the benchmark counts offered load).
 */
class UdpGeneratorTest extends OneHostTest {
    /** Frames the pair took from us so far: received by the host or dropped at its input. */
    private long accounted() throws Exception {
        return net.counter(host, peer, "rx_packets")
                + Long.parseLong(Files.readString(Path.of("/sys/class/net", dev, "statistics", "tx_dropped")).trim());
    }

    /** Waits until the pair accounted for {@code n} more frames than {@code before}. */
    private void awaitAccounted(long before, long n) throws Exception {
        long deadline = System.nanoTime() + Await.TIMEOUT_NANOS;
        while (accounted() - before < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(n, accounted() - before);
    }

    @Test
    void everyFrameSentAtFullSpeedReachesThePeer() throws Exception {
        long before = accounted();
        long sent;
        try (PacketRing ring = PacketRing.openTransmit(dev, 4096, 128)) {
            ring.forceSendBuffer(16 << 20);
            sent = UdpGenerator.send(ring, UdpGeneratorFrameTest.frame(), 0, 32, System.nanoTime() + 200_000_000L);
        }
        assertTrue(sent > 0);
        awaitAccounted(before, sent);
    }

    @Test
    void aPacedRunNeverSendsAheadOfItsRate() throws Exception {
        long before = accounted();
        long sent;
        long start = System.nanoTime();
        try (PacketRing ring = PacketRing.openTransmit(dev, 4096, 128)) {
            sent = UdpGenerator.send(ring, UdpGeneratorFrameTest.frame(), 2000, 8, start + 300_000_000L);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(sent <= 2000 * seconds, sent + " frames in " + seconds + " s");
        awaitAccounted(before, sent);
    }
}

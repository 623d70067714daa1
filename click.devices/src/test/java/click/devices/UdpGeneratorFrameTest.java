package click.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.net.Checksum;
import click.api.net.EtherAddress;
import click.api.net.IPAddress;
import org.junit.jupiter.api.Test;

/** The benchmark load generator's frame and transmit ring geometry (no device needed). */
class UdpGeneratorFrameTest {
    static final long DST_MAC = 0x02_00_00_00_00_01L;
    static final long SRC_MAC = 0x02_00_00_00_00_02L;

    static byte[] frame() {
        return UdpGenerator.frame(SRC_MAC, DST_MAC, IPAddress.parse("198.51.100.2"), IPAddress.parse("203.0.113.2"));
    }

    @Test
    void theFrameIsAMinimumSizeUdpDatagramWithValidChecksums() {
        byte[] f = frame();
        assertEquals(60, f.length);
        assertEquals(DST_MAC, EtherAddress.read(f, 0));
        assertEquals(SRC_MAC, EtherAddress.read(f, 6));
        assertEquals(0x0800, (f[12] & 0xFF) << 8 | (f[13] & 0xFF));
        assertEquals(0x45, f[14]);
        assertEquals(46, (f[16] & 0xFF) << 8 | (f[17] & 0xFF), "IP total length");
        assertEquals(64, f[22], "TTL");
        assertEquals(17, f[23], "protocol UDP");
        assertEquals(0, Checksum.compute(f, 14, 20), "IP header checksum");
        assertEquals(26, (f[38] & 0xFF) << 8 | (f[39] & 0xFF), "UDP length");
        long pseudo = Checksum.pseudoHeaderSum(IPAddress.parse("198.51.100.2"), IPAddress.parse("203.0.113.2"), 17, 26);
        assertEquals(0xFFFF, Checksum.fold(Checksum.sum(f, 34, 26, pseudo)), "UDP checksum");
    }

    @Test
    void aTransmitRingOfFramesThatDoNotFillWholeBlocksIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PacketRing.openTransmit("lo", 100, 128));
        assertTrue(e.getMessage().contains("100 frames of 128 bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PacketRing.openTransmit("lo", 4096, 96));
    }
}

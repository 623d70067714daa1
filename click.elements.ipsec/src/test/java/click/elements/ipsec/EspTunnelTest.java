package click.elements.ipsec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Packet;
import click.api.net.Headers;
import click.api.net.IPAddress;
import click.api.net.IPv4;
import click.elements.ipsec.IPsecESPEncap.Reason;
import click.elements.ipsec.Tunnel.Suite;
import click.testing.PacketBuilder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Encapsulation and decapsulation through the elements: round trips, headers, published packets. */
class EspTunnelTest {
    private static PacketBuilder udp(int payload) {
        return PacketBuilder.udp().src("10.1.0.5").dst("10.2.0.9").ports(4000, 5000).payload(payload);
    }

    @ParameterizedTest
    @EnumSource(Suite.class)
    void everyPayloadSizeFrom0To1500SurvivesTheRoundTrip(Suite suite) throws Exception {
        Tunnel t = Tunnel.of(suite);
        EncryptionAlgorithm enc = t.db.lookup(Tunnel.SPI).enc;
        int icv = t.db.lookup(Tunnel.SPI).icvLength();
        for (int size = 0; size <= 1500; size++) {
            byte[] inner = udp(size).bytes();
            Packet esp = t.seal(Packet.make(inner));
            assertNotNull(esp, "size " + size);
            long seq = size + 1;
            assertEquals(Headers.IP_PROTO_ESP, esp.u8(Headers.IP_PROTO));
            assertEquals(esp.length(), IPv4.totalLength(esp, 0));
            assertTrue(IPv4.headerChecksumValid(esp, 0));
            assertEquals(Tunnel.SPI, esp.i32(20));
            assertEquals(seq, esp.i32(24) & 0xFFFFFFFFL);
            int cipherLength = esp.length() - 20 - 8 - enc.ivLength - icv;
            assertEquals(0, cipherLength % enc.blockSize, "size " + size);
            assertTrue(cipherLength - inner.length - 2 < enc.blockSize, "minimal padding, size " + size);
            Packet back = t.open(esp);
            assertNotNull(back, "size " + size);
            assertArrayEquals(inner, back.toByteArray(), "size " + size);
            assertEquals(0, back.networkHeaderOffset());
            assertEquals(IPAddress.parse("10.2.0.9"), back.dstIp());
            back.kill();
        }
        assertEquals("1501", t.encap.read("count"));
        assertEquals("1501", t.decap.read("count"));
        assertEquals("0", t.decap.read("drops"));
        t.assertNoLeaks();
    }

    @Test
    void outerHeaderCarriesTheTunnelEndpointsTosTtlAndSequenceAsId() throws Exception {
        Tunnel t = Tunnel.of(Suite.AES128_SHA1, "", ", TTL 33");
        Packet esp = t.seal(udp(10).tos(0xb8).ttl(5).build());
        assertEquals(0x45, esp.u8(Headers.IP_VHL));
        assertEquals(0xb8, esp.u8(Headers.IP_TOS));
        assertEquals(33, esp.u8(Headers.IP_TTL));
        assertEquals(1, esp.u16(Headers.IP_ID));
        assertEquals(IPAddress.parse(Tunnel.SRC), esp.i32(Headers.IP_SRC));
        assertEquals(IPAddress.parse(Tunnel.DST), esp.i32(Headers.IP_DST));
        assertEquals(IPAddress.parse(Tunnel.DST), esp.dstIp());
        assertEquals(0, esp.networkHeaderOffset());
        assertEquals(20, esp.transportHeaderOffset());
        esp.kill();
        t.assertNoLeaks();
    }

    @Test
    void dontFragmentIsCopiedByDefaultAndCanBeSetOrCleared() throws Exception {
        Tunnel copy = Tunnel.of(Suite.AES128_SHA1);
        Packet a = copy.seal(udp(10).df().build());
        Packet b = copy.seal(udp(10).build());
        assertEquals(Headers.IP_DF, a.u16(Headers.IP_OFF));
        assertEquals(0, b.u16(Headers.IP_OFF));
        a.kill();
        b.kill();
        Tunnel set = Tunnel.of(Suite.AES128_SHA1, "", ", DF set");
        Packet c = set.seal(udp(10).build());
        assertEquals(Headers.IP_DF, c.u16(Headers.IP_OFF));
        c.kill();
        Tunnel clear = Tunnel.of(Suite.AES128_SHA1, "", ", DF clear");
        Packet d = clear.seal(udp(10).df().build());
        assertEquals(0, d.u16(Headers.IP_OFF));
        d.kill();
        clear.assertNoLeaks();
    }

    @Test
    void cbcIvIsFreshForEveryPacketSoEqualPacketsEncryptDifferently() throws Exception {
        Tunnel t = Tunnel.of(Suite.AES128_SHA1);
        Packet a = t.seal(udp(64).build());
        Packet b = t.seal(udp(64).build());
        byte[] ivA = Arrays.copyOfRange(a.toByteArray(), 28, 44);
        byte[] ivB = Arrays.copyOfRange(b.toByteArray(), 28, 44);
        assertFalse(Arrays.equals(ivA, ivB));
        assertFalse(Arrays.equals(Arrays.copyOfRange(a.toByteArray(), 44, 60), Arrays.copyOfRange(b.toByteArray(), 44, 60)));
        a.kill();
        b.kill();
        t.assertNoLeaks();
    }

    @Test
    void gcmExplicitIvIsTheSequenceNumber() throws Exception {
        Tunnel t = Tunnel.of(Suite.AES128_GCM, " SEQ 0x1234567", "");
        Packet p = t.seal(udp(64).build());
        assertEquals(0x1234568L, p.i64(28));
        assertEquals(0x1234568, p.i32(24));
        p.kill();
        t.assertNoLeaks();
    }

    // ---- RFC 3602 cases 7 and 8: tunnel mode, AES-CBC without integrity ----

    private static final String CASE7_INNER = "45000054090400004001f988c0a87b03c0a87bc808009f76a90a0100b49c083d02a20400"
            + "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637";
    private static final String CASE7_ESP = "0000876500000002f4e765244f6407adf13dc1380f673f37773b5241a4c449225e4f3ce5"
            + "ed611b0c237ca96cf74a93013c1b0ea1a0cf70f8e4ecaec78ac53aad7a0f022b859243c647752e94a859352b8a4d4d2decd1"
            + "36e5c177f132ad3fbfb2201ac9904c74ee0a109e0ca1e4dfe9d5a100b842f1c22f0d";
    private static final String CASE8_INNER = "45000044090c00004001f990c0a87b03c0a87bc80800d63caa0a0200c69c083da3de0300"
            + "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
    private static final String CASE8_ESP = "000087650000000585d47224b5f3dd5d2101d4ea8dffab2215b92683819596a8047232cc"
            + "00f7048fe45318e11f8a0f62ede3c3fc61203bb50f980a08c9843fd3a1b06d5c07ff9639b7eb7dfb3512e5de435e7207ed97"
            + "1ef3d2726d9b5ef6affc6d17a0decbb13892";

    private static Tunnel rfc3602(long lastSeq) throws Exception {
        String sa = "t SPI 0x8765 SRC 192.168.123.100 DST 192.168.123.200 ENC aes-cbc KEY 0123456789abcdef0123456789abcdef"
                + " AUTH none SEQ " + lastSeq;
        return Tunnel.ofConfig(sa);
    }

    @Test
    void encapsulationReproducesRfc3602TunnelCases7And8GivenTheirIvs() throws Exception {
        for (String[] c : new String[][] {
                {"1", "f4e765244f6407adf13dc1380f673f37", CASE7_INNER, CASE7_ESP},
                {"4", "85d47224b5f3dd5d2101d4ea8dffab22", CASE8_INNER, CASE8_ESP}}) {
            Tunnel t = rfc3602(Long.parseLong(c[0]));
            byte[] iv = Hex.bytes(c[1]);
            t.encap.element().cbcIvSource((buf, at, len, seq) -> System.arraycopy(iv, 0, buf, at, len));
            Packet esp = t.seal(Packet.make(Hex.bytes(c[2])));
            byte[] bytes = esp.toByteArray();
            assertEquals(Hex.of(Hex.bytes(c[3])), Hex.of(Arrays.copyOfRange(bytes, 20, bytes.length)));
            esp.kill();
            t.assertNoLeaks();
        }
    }

    @Test
    void decapsulationRecoversTheInnerPacketsOfRfc3602TunnelCases7And8() throws Exception {
        Tunnel t = rfc3602(0);
        for (String[] c : new String[][] {{CASE7_ESP, CASE7_INNER}, {CASE8_ESP, CASE8_INNER}}) {
            byte[] esp = Hex.bytes(c[0]);
            Packet p = PacketBuilder.ip(Headers.IP_PROTO_ESP).src("192.168.123.100").dst("192.168.123.200")
                    .payload(esp).build();
            Packet inner = t.open(p);
            assertNotNull(inner, t.decap.read("drop_details"));
            assertArrayEquals(Hex.bytes(c[1]), inner.toByteArray());
            inner.kill();
        }
        assertTrue(t.sad.read("table").contains(" highest 5 "), t.sad.read("table"));
        t.assertNoLeaks();
    }

    @Test
    void encapsulatorDropsNonIpv4AndPacketsWithoutRoomAndCountsThem() throws Exception {
        Tunnel t = Tunnel.of(Suite.AES128_SHA1);
        assertNull(t.seal(Packet.make(new byte[10])));
        assertNull(t.seal(PacketBuilder.udp().version(6).build()));
        // a packet bigger than a pooled buffer gets an exact-size buffer: no tailroom for the trailer
        Packet big = Packet.make(0, 2100, 0);
        big.setU8(Headers.IP_VHL, 0x45);
        assertNull(t.seal(big));
        assertEquals(2, t.encapDrops(Reason.NOT_IPV4));
        assertEquals(1, t.encapDrops(Reason.NO_ROOM));
        assertEquals("3", t.encap.read("drops"));
        assertTrue(t.encap.read("drop_details").contains("2\tnot_ipv4\tnot an IPv4 packet"));
        t.assertNoLeaks();
    }
}

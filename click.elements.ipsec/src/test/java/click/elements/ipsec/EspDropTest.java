package click.elements.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Packet;
import click.api.net.Headers;
import click.api.net.IPv4;
import click.elements.ipsec.IPsecESPUnencap.Reason;
import click.elements.ipsec.Tunnel.Suite;
import click.testing.ElementHarness;
import click.testing.PacketBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every reason the decapsulator refuses a packet, each counted, and the replay window's edges. */
class EspDropTest {
    private static Packet inner() {
        return PacketBuilder.udp().src("10.1.0.5").dst("10.2.0.9").payload(40).build();
    }

    /** An ESP packet of {@code sa} with sequence number {@code seq} whose padded plaintext is {@code plain}. */
    private static Packet craft(SecurityAssociation sa, long seq, byte[] plain) {
        byte[] esp = new byte[8 + sa.enc.ivLength + plain.length + sa.icvLength()];
        esp[0] = (byte) (sa.spi >>> 24);
        esp[1] = (byte) (sa.spi >>> 16);
        esp[2] = (byte) (sa.spi >>> 8);
        esp[3] = (byte) sa.spi;
        esp[4] = (byte) (seq >>> 24);
        esp[5] = (byte) (seq >>> 16);
        esp[6] = (byte) (seq >>> 8);
        esp[7] = (byte) seq;
        System.arraycopy(plain, 0, esp, 8 + sa.enc.ivLength, plain.length);
        sa.crypto().seal(esp, 0, plain.length, seq, IvSource.SEQUENCE);
        return PacketBuilder.ip(Headers.IP_PROTO_ESP).src(Tunnel.SRC).dst(Tunnel.DST).payload(esp).build();
    }

    /** The inner packet followed by {@code trailer}, as a plaintext for {@link #craft}. */
    private static byte[] plaintext(byte[] trailer) {
        byte[] in = PacketBuilder.udp().src("10.1.0.5").dst("10.2.0.9").payload(40).bytes();
        byte[] out = new byte[in.length + trailer.length];
        System.arraycopy(in, 0, out, 0, in.length);
        System.arraycopy(trailer, 0, out, in.length, trailer.length);
        return out;
    }

    /** Opens {@code p}, expecting success, and frees the inner packet. */
    private static void assertOpens(Tunnel t, Packet p) {
        Packet back = t.open(p);
        assertNotNull(back, t.decap.read("drop_details"));
        back.kill();
    }

    private static void assertRefused(Tunnel t, Packet p, Reason reason) {
        int before = t.decap.output(1).size();
        assertNull(t.open(p), "expected a drop for " + reason);
        assertEquals(1, t.decapDrops(reason), t.decap.read("drop_details"));
        assertEquals(before + 1, t.decap.output(1).size(), "refused packets leave on output 1");
        assertTrue(t.decap.read("drop_details").contains("1\t" + reason.name().toLowerCase() + "\t" + reason));
    }

    @ParameterizedTest
    @EnumSource(Suite.class)
    void aChangedIcvCiphertextOrSequenceNumberFailsTheIntegrityCheck(Suite suite) throws Exception {
        Tunnel t = Tunnel.of(suite);
        int[] positions = {-1, -20, 24 + 3}; // last ICV byte, inside the ciphertext, sequence number
        for (int at : positions) {
            Packet esp = t.seal(inner());
            int i = at < 0 ? esp.length() + at : at;
            esp.setU8(i, esp.u8(i) ^ 0x01);
            assertNull(t.open(esp), "byte " + at);
        }
        assertEquals(3, t.decapDrops(Reason.BAD_ICV));
        // a good packet still passes afterwards: failed checks changed nothing
        assertOpens(t, t.seal(inner()));
        t.assertNoLeaks();
    }

    @Test
    void aReplayedPacketIsRefused() throws Exception {
        Tunnel t = Tunnel.of(Suite.AES128_SHA1);
        Packet esp = t.seal(inner());
        Packet copy = esp.copy();
        assertOpens(t, esp);
        assertRefused(t, copy, Reason.REPLAY);
        t.assertNoLeaks();
    }

    @Test
    void windowAcceptsOutOfOrderInsideItRefusesOlderAndFollowsAJumpAhead() throws Exception {
        Tunnel t = Tunnel.of(Suite.AES128_GCM);
        List<Packet> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sent.add(t.seal(inner()));
        }
        // 100 arrives first; 37 (64 behind: just inside) and 99 are accepted late; 36 is too old
        Packet again = sent.get(36).copy();
        assertOpens(t, sent.get(99));
        assertOpens(t, sent.get(36));
        assertOpens(t, sent.get(98));
        assertRefused(t, sent.get(35), Reason.REPLAY);
        assertNull(t.open(again));
        assertEquals(2, t.decapDrops(Reason.REPLAY));
        for (int i = 0; i < sent.size(); i++) {
            if (i < 35 || i > 36 && i < 98 || i > 99) {
                sent.get(i).kill();
            }
        }
        t.assertNoLeaks();
    }

    @Test
    void forgedPacketsDoNotMoveTheWindow() throws Exception {
        Tunnel t = Tunnel.of(Suite.AES128_SHA256);
        Packet first = t.seal(inner());
        for (int i = 0; i < 500; i++) {
            t.seal(inner()).kill();
        }
        Packet far = t.seal(inner()); // sequence 502
        far.setU8(far.length() - 1, far.u8(far.length() - 1) ^ 0xff);
        assertNull(t.open(far));
        assertEquals(1, t.decapDrops(Reason.BAD_ICV));
        assertOpens(t, first); // sequence 1 is still inside the window
        t.assertNoLeaks();
    }

    @Test
    void unknownSpiIsRefused() throws Exception {
        Tunnel t = Tunnel.of(Suite.AES128_SHA1);
        Packet esp = t.seal(inner());
        esp.setI32(20, 0x9999);
        assertRefused(t, esp, Reason.UNKNOWN_SPI);
        t.assertNoLeaks();
    }

    @Test
    void truncatedPacketsAreRefused() throws Exception {
        Tunnel t = Tunnel.of(Suite.AES128_SHA1);
        // the IP header claims more than the packet holds
        Packet cut = t.seal(inner());
        cut.take(10);
        assertRefused(t, cut, Reason.TRUNCATED);
        // a consistent IP packet whose ESP part is too short for IV, one block and ICV
        Packet shortEsp = PacketBuilder.ip(Headers.IP_PROTO_ESP).payload(Hex.bytes("00001001000000050000")).build();
        assertNull(t.open(shortEsp));
        assertEquals(2, t.decapDrops(Reason.TRUNCATED));
        assertNull(t.open(Packet.make(new byte[12])));
        assertEquals(3, t.decapDrops(Reason.TRUNCATED));
        t.assertNoLeaks();
    }

    @Test
    void ciphertextThatIsNotWholeBlocksIsRefused() throws Exception {
        Tunnel t = Tunnel.of(Suite.AES128_SHA1);
        byte[] esp = new byte[8 + 16 + 20 + 12];
        esp[2] = 0x10;
        esp[3] = 0x01;
        esp[7] = 1;
        assertRefused(t, PacketBuilder.ip(Headers.IP_PROTO_ESP).payload(esp).build(), Reason.BAD_LENGTH);
        t.assertNoLeaks();
    }

    @Test
    void badPaddingIsRefusedAfterTheIcvVerifies() throws Exception {
        Tunnel t = Tunnel.of(Suite.AES128_SHA1);
        SecurityAssociation sa = t.db.lookup(Tunnel.SPI);
        // inner packet 68 bytes: 10 padding bytes, one of them wrong
        byte[] plain = plaintext(Hex.bytes("0102030405060708ff0a" + "0a04"));
        assertEquals(80, plain.length);
        assertRefused(t, craft(sa, 1, plain), Reason.BAD_PADDING);
        // a pad length longer than the plaintext
        byte[] tooLong = plaintext(Hex.bytes("0102030405060708090a" + "fe04"));
        assertNull(t.open(craft(sa, 2, tooLong)));
        assertEquals(2, t.decapDrops(Reason.BAD_PADDING));
        t.assertNoLeaks();
    }

    @Test
    void nextHeaderOtherThanIpv4IsRefused() throws Exception {
        Tunnel t = Tunnel.of(Suite.AES256_GCM);
        SecurityAssociation sa = t.db.lookup(Tunnel.SPI);
        byte[] plain = plaintext(Hex.bytes("0102" + "0211")); // 68 + 4 bytes, next header UDP
        assertRefused(t, craft(sa, 1, plain), Reason.BAD_NEXT_HEADER);
        t.assertNoLeaks();
    }

    @Test
    void anInnerPacketThatIsNotWholeIpv4IsRefused() throws Exception {
        Tunnel t = Tunnel.of(Suite.AES128_GCM);
        SecurityAssociation sa = t.db.lookup(Tunnel.SPI);
        byte[] plain = plaintext(Hex.bytes("0102" + "0204"));
        plain[3] = 99; // inner total length no longer matches
        assertRefused(t, craft(sa, 1, plain), Reason.BAD_INNER);
        t.assertNoLeaks();
    }

    @Test
    void nonEspAndFragmentsAreRefused() throws Exception {
        Tunnel t = Tunnel.of(Suite.AES128_SHA1);
        assertRefused(t, inner(), Reason.NOT_ESP);
        Packet frag = PacketBuilder.ip(Headers.IP_PROTO_ESP).fragment(0, true).payload(64).build();
        assertRefused(t, frag, Reason.FRAGMENT);
        t.assertNoLeaks();
    }

    @Test
    void withoutADropOutputRefusedPacketsAreKilled() throws Exception {
        Tunnel t = Tunnel.of(Suite.AES128_SHA1);
        ElementHarness<IPsecESPUnencap> single = ElementHarness.of(new IPsecESPUnencap()).withElement("sad", t.db)
                .configure("sad");
        single.push(0, inner());
        assertEquals(1, single.element().drops(Reason.NOT_ESP));
        assertTrue(single.output(0).isEmpty());
        single.assertNoLeaks();
    }

    @Test
    void headerAfterAStrippedEthernetHeaderIsFoundThroughTheAnnotation() throws Exception {
        Tunnel t = Tunnel.of(Suite.AES128_SHA1);
        Packet esp = t.seal(inner());
        byte[] frame = new byte[14 + esp.length()];
        System.arraycopy(esp.toByteArray(), 0, frame, 14, esp.length());
        esp.kill();
        Packet p = Packet.make(frame);
        p.setNetworkHeader(14, 20);
        Packet back = t.open(p);
        assertNotNull(back, t.decap.read("drop_details"));
        assertEquals(0, back.networkHeaderOffset());
        assertTrue(IPv4.headerChecksumValid(back, 0));
        back.kill();
        t.assertNoLeaks();
    }
}

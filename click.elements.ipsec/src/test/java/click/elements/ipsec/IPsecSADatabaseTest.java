package click.elements.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ConfigException;
import click.api.ElementFactory;
import click.api.HandlerException;
import click.api.Packet;
import click.elements.ipsec.IPsecESPEncap.Reason;
import click.elements.ipsec.Tunnel.Suite;
import click.testing.ElementHarness;
import click.testing.PacketBuilder;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SA database: configuration, the table handler (never keys), changes while running, lifetimes. */
class IPsecSADatabaseTest {
    private static final List<String> ALL_KEYS = List.of(Tunnel.AES128, Tunnel.AES256, Tunnel.TDES, Tunnel.SALT,
            Tunnel.SHA1_KEY, Tunnel.SHA256_KEY);

    private static Packet inner() {
        return PacketBuilder.udp().src("10.1.0.5").dst("10.2.0.9").payload(40).build();
    }

    private static void assertNoKeyIn(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String key : ALL_KEYS) {
            // any 8 consecutive hex digits of a key would be a leak
            for (int i = 0; i + 8 <= key.length(); i += 2) {
                assertFalse(lower.contains(key.substring(i, i + 8)), "key material in: " + text);
            }
        }
    }

    private static ConfigException configError(String config) {
        return assertThrows(ConfigException.class, () -> ElementHarness.of(new IPsecSADatabase()).configure(config));
    }

    @Test
    void tableShowsSpiEndpointsAlgorithmsAndCountersButNeverKeys() throws Exception {
        StringBuilder config = new StringBuilder();
        int spi = 0x100;
        for (Suite s : Suite.values()) {
            config.append(config.length() == 0 ? "" : ", ").append(s.name().toLowerCase(Locale.ROOT))
                  .append(" SPI ").append(spi++).append(" SRC 192.0.2.1 DST 198.51.100.1 ").append(s.spec);
        }
        ElementHarness<IPsecSADatabase> h = ElementHarness.of(new IPsecSADatabase()).configure(config.toString());
        String table = h.read("table");
        assertEquals(Suite.values().length, table.lines().count());
        assertTrue(table.contains("tdes_sha1 spi 0x00000100 src 192.0.2.1 dst 198.51.100.1 enc 3des-cbc auth hmac-sha1-96"
                + " seq 0 replay_window 64 highest 0 packets 0 bytes 0 state ok"), table);
        assertTrue(table.contains("enc aes256-cbc auth hmac-sha256-128"), table);
        assertTrue(table.contains("enc aes128-gcm-16 auth none"), table);
        assertEquals("8", h.read("count"));
        assertNoKeyIn(table);
        for (var handler : h.handlerSet().all()) {
            if (handler.readable()) {
                assertNoKeyIn(h.read(handler.name()));
            }
        }
    }

    @Test
    void tableCountsWhatTheTunnelCarried() throws Exception {
        Tunnel t = Tunnel.of(Suite.AES128_SHA1);
        for (int i = 0; i < 3; i++) {
            Packet back = t.open(t.seal(inner()));
            back.kill();
        }
        // the loopback SA is charged once by the encapsulator and once by the decapsulator
        String table = t.sad.read("table");
        assertTrue(table.contains(" seq 3 replay_window 64 highest 3 packets 6 bytes 408 state ok"), table);
        t.assertNoLeaks();
    }

    @Test
    void configurationErrorsAreAllReportedWithoutKeys() {
        ConfigException e = configError("a SPI 0x1001 SRC 192.0.2.1 DST 198.51.100.1 ENC aes-cbc KEY 00112233445566778899aabbccddee"
                + " AUTH hmac-sha1-96 AUTHKEY " + Tunnel.SHA256_KEY + " REPLAY 100 BOGUS 1");
        String all = String.join("\n", e.messages());
        assertTrue(all.contains("SA a: KEY for aes-cbc must be 16, 24 or 32 bytes, got 15"), all);
        assertTrue(all.contains("SA a: AUTHKEY for hmac-sha1-96 must be 20 bytes, got 32"), all);
        assertTrue(all.contains("SA a: REPLAY must be a multiple of 64 from 64 to 4096, got 100"), all);
        assertTrue(all.contains("SA a: unknown keyword BOGUS"), all);
        assertNoKeyIn(all);
        assertFalse(all.contains("00112233445566778899aabbccddee"));
    }

    @Test
    void eachMistakeHasItsOwnMessage() {
        String base = " SRC 192.0.2.1 DST 198.51.100.1 ";
        assertTrue(configError("a" + base + "ENC aes-cbc KEY " + Tunnel.AES128 + " AUTH none").getMessage()
                .contains("missing SPI"));
        assertTrue(configError("a SPI 255" + base + "ENC aes-cbc KEY " + Tunnel.AES128 + " AUTH none").getMessage()
                .contains("SPI must be from 256 to 0xffffffff"));
        assertTrue(configError("a SPI 300" + base + "ENC rot13 KEY 00").getMessage().contains("unknown ENC rot13"));
        assertTrue(configError("a SPI 300" + base + "ENC aes-cbc KEY " + Tunnel.AES128).getMessage()
                .contains("missing AUTH"));
        assertTrue(configError("a SPI 300" + base + "ENC aes-gcm-16 KEY " + Tunnel.AES128 + Tunnel.SALT
                + " AUTH hmac-sha1-96 AUTHKEY " + Tunnel.SHA1_KEY).getMessage().contains("authenticates by itself"));
        assertTrue(configError("a SPI 300" + base + "ENC aes-gcm-16 KEY " + Tunnel.AES128).getMessage()
                .contains("AES key then 4-byte salt"));
        assertTrue(configError("a SPI 300 SRC 192.0.2 DST 198.51.100.1 ENC aes-cbc KEY " + Tunnel.AES128 + " AUTH none")
                .getMessage().contains("expected an IPv4 address for SRC"));
        assertTrue(configError("a SPI 300" + base + "ENC aes-cbc KEY xyz AUTH none").getMessage()
                .contains("KEY must be an even number of hex digits"));
        assertTrue(configError("a SPI 300" + base + "ENC aes-cbc KEY " + Tunnel.AES128 + " AUTH none SEQ 4294967296")
                .getMessage().contains("SEQ (the last sequence number sent) must be from 0 to 4294967295"));
        assertTrue(configError("SPI 300" + base).getMessage().contains("expected an SA name"));
        String twice = "a SPI 300" + base + "ENC aes-cbc KEY " + Tunnel.AES128 + " AUTH none";
        assertTrue(configError(twice + ", " + twice).getMessage().contains("SA a is defined twice"));
        assertTrue(configError(twice + ", " + twice.replaceFirst("a", "b")).getMessage()
                .contains("SA b uses SPI 0x12c, already used by SA a"));
    }

    @Test
    void lookupBySpiFindsEverySaOfALargeDatabase() throws Exception {
        StringBuilder config = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            config.append(i == 0 ? "" : ", ").append("sa").append(i).append(" SPI ").append(0x10000 + i * 7919)
                  .append(" SRC 192.0.2.1 DST 198.51.100.1 ").append(Suite.AES128_GCM.spec);
        }
        IPsecSADatabase db = new IPsecSADatabase();
        ElementHarness.of(db).configure(config.toString());
        for (int i = 0; i < 300; i++) {
            assertEquals("sa" + i, db.lookup(0x10000 + i * 7919).name);
        }
        assertNull(db.lookup(0x10001));
    }

    @Test
    void removeStopsTheTunnelAndAddRestartsIt() throws Exception {
        Tunnel t = Tunnel.of(Suite.AES128_SHA1);
        t.sad.write("remove", "t");
        assertNull(t.seal(inner()));
        assertEquals(1, t.encapDrops(Reason.NO_SA));
        assertEquals("", t.sad.read("table"));
        Packet orphan = Packet.make(PacketBuilder.ip(50).payload(Hex.bytes("00001001000000010000000000000000"
                + "00000000000000000000000000000000000000000000000000000000000000000000000000000000")).bytes());
        assertNull(t.open(orphan));
        assertEquals(1, t.decapDrops(IPsecESPUnencap.Reason.UNKNOWN_SPI));
        t.sad.write("add", Tunnel.sa(Suite.AES256_SHA256, ""));
        Packet esp = t.seal(inner());
        assertNotNull(esp);
        Packet back = t.open(esp);
        assertNotNull(back);
        back.kill();
        assertThrows(HandlerException.class, () -> t.sad.write("add", Tunnel.sa(Suite.AES256_SHA256, "")));
        assertThrows(HandlerException.class, () -> t.sad.write("remove", "nosuch"));
        t.assertNoLeaks();
    }

    @Test
    void replaceUnderTheSameSpiKeepsTheSequenceAndAnewSpiStartsAfresh() throws Exception {
        Tunnel t = Tunnel.of(Suite.AES128_SHA1);
        for (int i = 0; i < 5; i++) {
            t.seal(inner()).kill();
        }
        SecurityAssociation before = t.db.lookup(Tunnel.SPI);
        t.sad.write("replace", Tunnel.sa(Suite.TDES_SHA256, ""));
        SecurityAssociation after = t.db.lookup(Tunnel.SPI);
        assertSame(before.counters, after.counters);
        assertEquals(EncryptionAlgorithm.TRIPLE_DES_CBC, after.enc);
        Packet esp = t.seal(inner());
        assertEquals(6, esp.i32(24));
        esp.kill();
        t.sad.write("replace", Tunnel.sa(Suite.TDES_SHA256, "").replace("SPI 0x1001", "SPI 0x2002"));
        assertNull(t.db.lookup(Tunnel.SPI));
        Packet fresh = t.seal(inner());
        assertEquals(0x2002, fresh.i32(20));
        assertEquals(1, fresh.i32(24));
        fresh.kill();
        assertThrows(HandlerException.class, () -> t.sad.write("replace", Tunnel.sa(Suite.TDES_SHA256, "")
                .replaceFirst("t", "other")));
        t.assertNoLeaks();
    }

    @Test
    void handlerWritesRefuseBadSpecsWithTheParserMessage() throws Exception {
        ElementHarness<IPsecSADatabase> h = ElementHarness.of(new IPsecSADatabase()).configure("");
        HandlerException e = assertThrows(HandlerException.class, () -> h.write("add", "x SPI 300 SRC 1.2.3.4"));
        assertTrue(e.getMessage().contains("missing DST"), e.getMessage());
        assertEquals("0", h.read("count"));
    }

    @Test
    void sequenceNumbersStopAt2To32Minus1InsteadOfWrapping() throws Exception {
        Tunnel t = Tunnel.of(Suite.AES128_GCM, " SEQ 4294967294", "");
        Packet last = t.seal(inner());
        assertEquals(0xFFFFFFFF, last.i32(24));
        last.kill();
        assertNull(t.seal(inner()));
        assertNull(t.seal(inner()));
        assertEquals(2, t.encapDrops(Reason.SEQUENCE_EXHAUSTED));
        String table = t.sad.read("table");
        assertTrue(table.contains(" seq 4294967295 ") && table.endsWith("state exhausted\n"), table);
        t.assertNoLeaks();
    }

    @Test
    void softLifetimeIsReportedOnceAndHardLifetimeDrops() throws Exception {
        Tunnel t = Tunnel.of(Suite.AES128_SHA1, " SOFT_PACKETS 2 HARD_PACKETS 4", "");
        for (int i = 0; i < 4; i++) {
            t.seal(inner()).kill();
            String state = i < 2 ? "ok" : i < 3 ? "soft-expired" : "hard-expired";
            assertTrue(t.sad.read("table").endsWith("state " + state + "\n"), i + ": " + t.sad.read("table"));
        }
        assertNull(t.seal(inner()));
        assertEquals(1, t.encapDrops(Reason.HARD_LIFETIME));
        assertEquals(List.of("SA t passed its soft lifetime; replace it soon"), t.encap.messages());
        assertTrue(t.sad.read("table").contains(" soft_packets 2 hard_packets 4 "));
        t.assertNoLeaks();
    }

    @Test
    void byteLifetimeCountsInnerPacketBytes() throws Exception {
        Tunnel t = Tunnel.of(Suite.AES128_SHA1, " HARD_BYTES 200", "");
        t.seal(inner()).kill(); // 68 bytes
        t.seal(inner()).kill(); // 136
        assertNull(t.seal(inner())); // 204 > 200
        assertEquals(1, t.encapDrops(Reason.HARD_LIFETIME));
        t.assertNoLeaks();
    }

    @Test
    void encapsulatorNeedsAnExistingSaAndAKnownDfPolicy() throws Exception {
        IPsecSADatabase db = new IPsecSADatabase();
        ElementHarness.of(db).configure(Tunnel.sa(Suite.AES128_GCM, ""));
        ConfigException missing = assertThrows(ConfigException.class, () -> ElementHarness.of(new IPsecESPEncap())
                .withElement("sad", db).configure("sad, nosuch"));
        assertTrue(missing.getMessage().contains("no SA named \"nosuch\""), missing.getMessage());
        ConfigException df = assertThrows(ConfigException.class, () -> ElementHarness.of(new IPsecESPEncap())
                .withElement("sad", db).configure("sad, t, DF maybe"));
        assertTrue(df.getMessage().contains("expected copy, set or clear for DF, got \"maybe\""), df.getMessage());
        ConfigException notDb = assertThrows(ConfigException.class, () -> ElementHarness.of(new IPsecESPUnencap())
                .withElement("sad", new IPsecESPUnencap()).configure("sad"));
        assertTrue(notDb.getMessage().contains("an element of class IPsecSADatabase"), notDb.getMessage());
    }

    @Test
    void hotSwapCarriesCountersOfSasThatKeepNameAndSpi() throws Exception {
        Tunnel old = Tunnel.of(Suite.AES128_SHA1);
        old.seal(inner()).kill();
        IPsecSADatabase fresh = new IPsecSADatabase();
        ElementHarness.of(fresh).configure(Tunnel.sa(Suite.AES256_SHA1, "") + ", u SPI 0x3003 SRC 1.1.1.1 DST 2.2.2.2 "
                + Suite.AES128_GCM.spec);
        fresh.takeState(old.db);
        assertSame(old.db.lookup(Tunnel.SPI).counters, fresh.lookup(Tunnel.SPI).counters);
        assertEquals(1, fresh.lookup(Tunnel.SPI).counters.sequence.get());
        assertEquals(0, fresh.lookup(0x3003).counters.sequence.get());
    }

    @Test
    void bundleRegistersTheThreeElements() {
        Set<String> names = new HashSet<>();
        for (ElementFactory f : new IPsecElements().elementFactories()) {
            assertTrue(names.add(f.className()));
            assertEquals(f.elementClass(), f.newElement().getClass());
        }
        assertEquals(Set.of("IPsecSADatabase", "IPsecESPEncap", "IPsecESPUnencap"), names);
    }
}

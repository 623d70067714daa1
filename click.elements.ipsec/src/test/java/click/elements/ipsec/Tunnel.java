package click.elements.ipsec;

import click.api.ConfigException;
import click.api.Packet;
import click.testing.ElementHarness;
import java.util.List;

/**
 * A loopback tunnel for tests: one SA database, an encapsulator for SA {@code t} and a
 * decapsulator (with its drop output connected) reading the same database.
 */
final class Tunnel {
    static final String AES128 = "000102030405060708090a0b0c0d0e0f";
    static final String AES256 = "101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f";
    static final String TDES = "0123456789abcdeff1e0d3c2b5a49786fedcba9876543210";
    static final String SALT = "cafebabe";
    static final String SHA1_KEY = "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3";
    static final String SHA256_KEY = "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf";

    /** An algorithm pair with keys, as written in an SA specification. */
    enum Suite {
        TDES_SHA1("ENC 3des-cbc KEY " + TDES + " AUTH hmac-sha1-96 AUTHKEY " + SHA1_KEY),
        TDES_SHA256("ENC 3des-cbc KEY " + TDES + " AUTH hmac-sha256-128 AUTHKEY " + SHA256_KEY),
        AES128_SHA1("ENC aes-cbc KEY " + AES128 + " AUTH hmac-sha1-96 AUTHKEY " + SHA1_KEY),
        AES128_SHA256("ENC aes-cbc KEY " + AES128 + " AUTH hmac-sha256-128 AUTHKEY " + SHA256_KEY),
        AES256_SHA1("ENC aes-cbc KEY " + AES256 + " AUTH hmac-sha1-96 AUTHKEY " + SHA1_KEY),
        AES256_SHA256("ENC aes-cbc KEY " + AES256 + " AUTH hmac-sha256-128 AUTHKEY " + SHA256_KEY),
        AES128_GCM("ENC aes-gcm-16 KEY " + AES128 + SALT),
        AES256_GCM("ENC aes-gcm-16 KEY " + AES256 + SALT);

        final String spec;

        Suite(String spec) {
            this.spec = spec;
        }
    }

    static final String SRC = "192.0.2.1";
    static final String DST = "198.51.100.1";
    static final int SPI = 0x1001;

    final IPsecSADatabase db = new IPsecSADatabase();
    final ElementHarness<IPsecSADatabase> sad;
    final ElementHarness<IPsecESPEncap> encap;
    final ElementHarness<IPsecESPUnencap> decap;

    private Tunnel(String sadConfig, String encapExtra) throws ConfigException {
        sad = ElementHarness.of(db).configure(sadConfig);
        encap = ElementHarness.of(new IPsecESPEncap()).withElement("sad", db).configure("sad, t" + encapExtra);
        // made last: its packet pool is the thread's, so its leak check sees every packet
        decap = ElementHarness.of(new IPsecESPUnencap()).outputs(2).withElement("sad", db).configure("sad");
    }

    static String sa(Suite suite, String extra) {
        return "t SPI 0x" + Integer.toHexString(SPI) + " SRC " + SRC + " DST " + DST + " " + suite.spec + extra;
    }

    static Tunnel of(Suite suite) throws ConfigException {
        return new Tunnel(sa(suite, ""), "");
    }

    /** A tunnel whose database holds exactly {@code sadConfig}; the encapsulator uses SA {@code t}. */
    static Tunnel ofConfig(String sadConfig) throws ConfigException {
        return new Tunnel(sadConfig, "");
    }

    static Tunnel of(Suite suite, String saExtra, String encapExtra) throws ConfigException {
        return new Tunnel(sa(suite, saExtra), encapExtra);
    }

    /** Encapsulates {@code inner}; returns the ESP packet, or null if it was dropped. */
    Packet seal(Packet inner) {
        encap.push(0, inner);
        List<Packet> out = encap.take(0);
        return out.isEmpty() ? null : out.get(0);
    }

    /** Decapsulates {@code esp}; returns the inner packet, or null if it was refused (it is then on output 1). */
    Packet open(Packet esp) {
        decap.push(0, esp);
        List<Packet> out = decap.take(0);
        return out.isEmpty() ? null : out.get(0);
    }

    long encapDrops(IPsecESPEncap.Reason r) {
        return encap.element().drops(r);
    }

    long decapDrops(IPsecESPUnencap.Reason r) {
        return decap.element().drops(r);
    }

    /** Kills everything left in the outputs and checks nothing leaked. */
    void assertNoLeaks() {
        encap.clearOutputs();
        decap.clearOutputs();
        decap.assertNoLeaks();
    }
}

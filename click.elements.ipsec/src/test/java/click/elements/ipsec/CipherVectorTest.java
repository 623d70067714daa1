package click.elements.ipsec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cipher stage ({@link EspCrypto}) against published vectors: triple DES known answers
 * (NIST SP 800-67), AES-CBC ESP packets (RFC 3602 section 4, cases 5-8) and AES-GCM ESP packets
 * (draft-mcgrew-gcm-test-01 section 4).
 */
class CipherVectorTest {
    /** An ESP buffer: SPI and sequence number, IV, payload, room for an ICV. */
    private static byte[] espBuffer(byte[] spiSeq, byte[] iv, byte[] payload, int icv) {
        byte[] buf = new byte[spiSeq.length + iv.length + payload.length + icv];
        System.arraycopy(spiSeq, 0, buf, 0, spiSeq.length);
        System.arraycopy(iv, 0, buf, spiSeq.length, iv.length);
        System.arraycopy(payload, 0, buf, spiSeq.length + iv.length, payload.length);
        return buf;
    }

    private static IvSource fixed(byte[] iv) {
        return (buf, at, len, seq) -> System.arraycopy(iv, 0, buf, at, len);
    }

    // ---- triple DES ----

    private static final byte[] TDES_KEY = Hex.bytes("0123456789abcdef 23456789abcdef01 456789abcdef0123");
    private static final byte[] TDES_PLAIN = Hex.bytes("5468652071756663 6b2062726f776e20 666f78206a756d70");
    private static final byte[] TDES_ECB = Hex.bytes("a826fd8ce53b855f cce21c8112256fe6 68d5c05dd9b6b900");

    private static byte[] block(byte[] b, int i) {
        return Arrays.copyOfRange(b, 8 * i, 8 * i + 8);
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    @Test
    void tripleDesEncryptsEachSp80067BlockToItsKnownAnswer() throws Exception {
        EspCrypto c = new EspCrypto(EncryptionAlgorithm.TRIPLE_DES_CBC, TDES_KEY, IntegrityAlgorithm.NONE, new byte[0]);
        for (int i = 0; i < 3; i++) {
            // one CBC block with an all-zero IV is the raw block cipher
            byte[] buf = espBuffer(new byte[8], new byte[8], block(TDES_PLAIN, i), 0);
            c.seal(buf, 0, 8, 1, fixed(new byte[8]));
            assertArrayEquals(block(TDES_ECB, i), Arrays.copyOfRange(buf, 16, 24), "block " + i);
        }
    }

    @Test
    void tripleDesChainsBlocksAsCbcDefines() throws Exception {
        EspCrypto c = new EspCrypto(EncryptionAlgorithm.TRIPLE_DES_CBC, TDES_KEY, IntegrityAlgorithm.NONE, new byte[0]);
        // with IV X, CBC's first block is E(P1 ^ X); choosing X = P1 ^ P1' gives E(P1'), and so on:
        // the known answers then appear in order only if the IV and the chaining are both right
        byte[] iv = xor(block(TDES_PLAIN, 0), new byte[8]);
        byte[] p2 = xor(block(TDES_PLAIN, 1), block(TDES_ECB, 0));
        byte[] p3 = xor(block(TDES_PLAIN, 2), block(TDES_ECB, 1));
        byte[] payload = new byte[24];
        System.arraycopy(new byte[8], 0, payload, 0, 8);
        System.arraycopy(p2, 0, payload, 8, 8);
        System.arraycopy(p3, 0, payload, 16, 8);
        byte[] buf = espBuffer(new byte[8], iv, payload, 0);
        c.seal(buf, 0, 24, 1, fixed(iv));
        assertArrayEquals(TDES_ECB, Arrays.copyOfRange(buf, 16, 40));
        assertTrue(c.open(buf, 0, 24));
        assertArrayEquals(payload, Arrays.copyOfRange(buf, 16, 40));
    }

    // ---- AES-CBC, RFC 3602 section 4 ----

    record CbcCase(String name, String key, String spiSeq, String iv, String plaintext, String esp) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The plaintext of each case is the payload, padding, pad length and next header. */
    static CbcCase[] rfc3602() {
        return new CbcCase[] {
            new CbcCase("case 5 (transport, ICMP)", "90d382b410eeba7ad938c46cec1a82bf", "0000432100000001",
                    "e96e8c08ab465763fd098d45dd3ff893",
                    "08000ebda70a00008e9c083db95b070008090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                    + "202122232425262728292a2b2c2d2e2f3031323334353637" + "0102030405060708090a0b0c0d0e" + "0e01",
                    "0000432100000001e96e8c08ab465763fd098d45dd3ff893f663c25d325c18c6a9453e194e120849a4870b66cc6b9965"
                    + "330013b4898dc856a4699e523a55db080b59ec3a8e4b7e52775b07d1db34ed9c538ab50c551b874aa269add047ad2d"
                    + "5913ac19b7cfbad4a6"),
            new CbcCase("case 6 (transport, ICMP)", "90d382b410eeba7ad938c46cec1a82bf", "0000432100000008",
                    "69d08df7d203329db093fc4924e5bd80",
                    "0800b5e8a80a0500a69c083d0b660e00777777777777777777777777" + "0102" + "0201",
                    "000043210000000869d08df7d203329db093fc4924e5bd80f51995881ec4e0c4488987ce742e8109689bb379d2d750"
                    + "c0d915dca346a89f75"),
            new CbcCase("case 7 (tunnel)", "0123456789abcdef0123456789abcdef", "0000876500000002",
                    "f4e765244f6407adf13dc1380f673f37",
                    "45000054090400004001f988c0a87b03c0a87bc808009f76a90a0100b49c083d02a2040008090a0b0c0d0e0f"
                    + "101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637"
                    + "0102030405060708090a" + "0a04",
                    "0000876500000002f4e765244f6407adf13dc1380f673f37773b5241a4c449225e4f3ce5ed611b0c237ca96cf74a93"
                    + "013c1b0ea1a0cf70f8e4ecaec78ac53aad7a0f022b859243c647752e94a859352b8a4d4d2decd136e5c177f132ad3f"
                    + "bfb2201ac9904c74ee0a109e0ca1e4dfe9d5a100b842f1c22f0d"),
            new CbcCase("case 8 (tunnel)", "0123456789abcdef0123456789abcdef", "0000876500000005",
                    "85d47224b5f3dd5d2101d4ea8dffab22",
                    "45000044090c00004001f990c0a87b03c0a87bc80800d63caa0a0200c69c083da3de0300"
                    + "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
                    + "0102030405060708090a" + "0a04",
                    "000087650000000585d47224b5f3dd5d2101d4ea8dffab2215b92683819596a8047232cc00f7048fe45318e11f8a0f"
                    + "62ede3c3fc61203bb50f980a08c9843fd3a1b06d5c07ff9639b7eb7dfb3512e5de435e7207ed971ef3d2726d9b5ef6"
                    + "affc6d17a0decbb13892"),
        };
    }

    @ParameterizedTest(name = "RFC 3602 {0}")
    @MethodSource("rfc3602")
    void aesCbcSealsToThePublishedEspPacket(CbcCase v) throws Exception {
        EspCrypto c = new EspCrypto(EncryptionAlgorithm.AES_CBC, Hex.bytes(v.key()), IntegrityAlgorithm.NONE, new byte[0]);
        byte[] plain = Hex.bytes(v.plaintext());
        byte[] buf = espBuffer(Hex.bytes(v.spiSeq()), new byte[16], plain, 0);
        c.seal(buf, 0, plain.length, 1, fixed(Hex.bytes(v.iv())));
        assertArrayEquals(Hex.bytes(v.esp()), buf);
    }

    @ParameterizedTest(name = "RFC 3602 {0}")
    @MethodSource("rfc3602")
    void aesCbcOpensThePublishedEspPacket(CbcCase v) throws Exception {
        EspCrypto c = new EspCrypto(EncryptionAlgorithm.AES_CBC, Hex.bytes(v.key()), IntegrityAlgorithm.NONE, new byte[0]);
        byte[] buf = Hex.bytes(v.esp());
        int cipherLength = buf.length - 24;
        // twice with the same instance: the cipher must return to its initial state after each packet
        for (int round = 0; round < 2; round++) {
            byte[] copy = buf.clone();
            assertTrue(c.open(copy, 0, cipherLength));
            assertArrayEquals(Hex.bytes(v.plaintext()), Arrays.copyOfRange(copy, 24, copy.length));
        }
    }

    @Test
    void oneCbcCipherSealsAndOpensConsecutivePacketsEachUnderItsOwnIv() throws Exception {
        // cases 7 and 8 share a key: one cipher, initialised once, must reproduce both in either order,
        // which holds only if the IV correction is per packet and doFinal resets the chaining to IV0
        CbcCase c7 = rfc3602()[2];
        CbcCase c8 = rfc3602()[3];
        EspCrypto c = new EspCrypto(EncryptionAlgorithm.AES_CBC, Hex.bytes(c7.key()), IntegrityAlgorithm.NONE, new byte[0]);
        for (CbcCase v : new CbcCase[] {c7, c8, c7, c8, c8, c7}) {
            byte[] plain = Hex.bytes(v.plaintext());
            byte[] buf = espBuffer(Hex.bytes(v.spiSeq()), new byte[16], plain, 0);
            c.seal(buf, 0, plain.length, 1, fixed(Hex.bytes(v.iv())));
            assertArrayEquals(Hex.bytes(v.esp()), buf, v.name() + " sealed");
        }
        for (CbcCase v : new CbcCase[] {c8, c7, c7, c8}) {
            byte[] buf = Hex.bytes(v.esp());
            assertTrue(c.open(buf, 0, buf.length - 24));
            assertArrayEquals(Hex.bytes(v.plaintext()), Arrays.copyOfRange(buf, 24, buf.length), v.name() + " opened");
        }
    }

    @Test
    void everyCipherRoundTripsAJumboPacketLargerThanItsInitialScratchSpace() throws Exception {
        byte[] tdesKey = TDES_KEY;
        byte[] aesKey = Hex.bytes("0123456789abcdef0123456789abcdef");
        byte[] gcmKey = Hex.bytes("0123456789abcdef0123456789abcdefcafebabe");
        byte[] hmacKey = Hex.bytes("0102030405060708090a0b0c0d0e0f1011121314");
        EspCrypto[] ciphers = {
            new EspCrypto(EncryptionAlgorithm.TRIPLE_DES_CBC, tdesKey, IntegrityAlgorithm.HMAC_SHA1_96, hmacKey),
            new EspCrypto(EncryptionAlgorithm.AES_CBC, aesKey, IntegrityAlgorithm.HMAC_SHA1_96, hmacKey),
            new EspCrypto(EncryptionAlgorithm.AES_GCM_16, gcmKey, IntegrityAlgorithm.NONE, new byte[0]),
        };
        int[] ivLengths = {8, 16, 8};
        for (int k = 0; k < ciphers.length; k++) {
            int plainLength = 9008; // a multiple of every block size (8, 16, 4)
            byte[] payload = new byte[plainLength];
            for (int i = 0; i < plainLength; i++) {
                payload[i] = (byte) (i * 13 + 5);
            }
            int icv = ciphers[k].icvLength();
            byte[] buf = espBuffer(Hex.bytes("0000100100000007"), new byte[ivLengths[k]], payload, icv);
            ciphers[k].seal(buf, 0, plainLength, 7, IvSource.SEQUENCE);
            int data = 8 + ivLengths[k];
            assertFalse(Arrays.equals(payload, Arrays.copyOfRange(buf, data, data + plainLength)), "cipher " + k + " encrypted");
            assertTrue(ciphers[k].open(buf, 0, plainLength), "cipher " + k + " authenticated");
            assertArrayEquals(payload, Arrays.copyOfRange(buf, data, data + plainLength), "cipher " + k + " decrypted");
        }
    }

    // ---- AES-GCM, draft-mcgrew-gcm-test-01 section 4 ----

    record GcmCase(String name, String key, String salt, String spiSeq, String iv, String plaintext,
                   String ciphertextAndTag) {
        @Override
        public String toString() {
            return name;
        }
    }

    static GcmCase[] mcgrew() {
        return new GcmCase[] {
            new GcmCase("case 2 (AES-128)", "feffe9928665731c6d6a8f9467308308", "cafebabe", "0000a5f80000000a",
                    "facedbaddecaf888",
                    "4500003e698f000080114dccc0a80102c0a801010a980035002a2343b2d001000001000000000000037369700963"
                    + "796265726369747902646b00000100010001",
                    "deb22cd9b07c72c16e3a65beeb8df304a5a5897d33ae530f1ba76d5d114d2a5c3de81827c10e9a4f51330d0eec4166"
                    + "42cfbb85a5b47e48a4ec3b9ba95d918bd1" + "83b70d3aa8bc6ee4c309e9d85a41ad4a"),
            new GcmCase("case 3 (AES-256)", "abbccddef00112233445566778899aababbccddef00112233445566778899aab",
                    "11223344", "4a2cbfe300000002", "0102030405060708",
                    "4500003069a6400080062690c0a801029389155e0a9e008b2dc57ee0000000007002400020bf0000020405b40101"
                    + "040201020201",
                    "ff425c9b724599df7a3bcd510194e00d6a78107f1b0b1cbf06efae9d65a5d763748a637985771d347f0545659f14e9"
                    + "9def842d8e" + "b335f4eecfdbf831824b4c4915956c96"),
            new GcmCase("case 4 (AES-128, all-zero key and nonce)", "00000000000000000000000000000000", "00000000",
                    "0000000000000001", "0000000000000000",
                    "4500003c99c500008001cb7a40679318010101010800075c020044006162636465666768696a6b6c6d6e6f7071727374"
                    + "75767761626364656667686901020201",
                    "4688daf2f973a392732909c331d56d60f694abaa414b5e7ff5fdcdfff5e9a284456476492719ffb64de7d9dca1e1d894"
                    + "bc3bd57873ed4d181d19d4d5c8c18af3" + "f821d496eeb096e98ad2b69e4799c71d"),
            new GcmCase("case 7 (AES-192)", "feffe9928665731c6d6a8f9467308308feffe9928665731c", "cafebabe",
                    "0000a5f80000000a", "facedbaddecaf888",
                    "45000028a4ad4000400678800a01038f0a010612802306b8cb712602dd6bb03e501016d075680001",
                    "a5b1f8066029aea40e598b8122de02420938b3ab33f828e687b8858b5bfbdbd0315b27452144cc77"
                    + "95457b9652037f5318027b5b4cd7a636"),
        };
    }

    private static EspCrypto gcm(GcmCase v) throws Exception {
        byte[] key = Hex.bytes(v.key() + v.salt());
        return new EspCrypto(EncryptionAlgorithm.AES_GCM_16, key, IntegrityAlgorithm.NONE, new byte[0]);
    }

    @ParameterizedTest(name = "draft-mcgrew-gcm-test-01 {0}")
    @MethodSource("mcgrew")
    void aesGcmSealsToThePublishedCiphertextAndTag(GcmCase v) throws Exception {
        byte[] plain = Hex.bytes(v.plaintext());
        byte[] buf = espBuffer(Hex.bytes(v.spiSeq()), new byte[8], plain, 16);
        gcm(v).seal(buf, 0, plain.length, 1, fixed(Hex.bytes(v.iv())));
        assertArrayEquals(Hex.bytes(v.spiSeq() + v.iv() + v.ciphertextAndTag()), buf);
    }

    @ParameterizedTest(name = "draft-mcgrew-gcm-test-01 {0}")
    @MethodSource("mcgrew")
    void aesGcmOpensThePublishedPacketAndRefusesATamperedOne(GcmCase v) throws Exception {
        EspCrypto c = gcm(v);
        byte[] packet = Hex.bytes(v.spiSeq() + v.iv() + v.ciphertextAndTag());
        int cipherLength = packet.length - 16 - 16;
        byte[] good = packet.clone();
        assertTrue(c.open(good, 0, cipherLength));
        assertArrayEquals(Hex.bytes(v.plaintext()), Arrays.copyOfRange(good, 16, 16 + cipherLength));
        for (int at : new int[] {3, 7, 12, 16, packet.length - 1}) { // SPI, sequence, IV, ciphertext, tag
            byte[] bad = packet.clone();
            bad[at] ^= 0x40;
            assertFalse(c.open(bad, 0, cipherLength), "byte " + at + " changed");
        }
    }
}

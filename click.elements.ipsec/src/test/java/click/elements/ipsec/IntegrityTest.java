package click.elements.ipsec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The integrity stage against the published HMAC vectors: RFC 2202 (SHA-1) and RFC 4231 (SHA-256). */
class IntegrityTest {
    record Vector(String name, IntegrityAlgorithm algorithm, byte[] key, byte[] data, String digest) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] counting(int from, int to) {
        byte[] b = new byte[to - from + 1];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    static Vector[] vectors() {
        IntegrityAlgorithm sha1 = IntegrityAlgorithm.HMAC_SHA1_96;
        IntegrityAlgorithm sha256 = IntegrityAlgorithm.HMAC_SHA256_128;
        return new Vector[] {
            new Vector("RFC 2202 case 1", sha1, Hex.repeat(0x0b, 20), text("Hi There"),
                    "b617318655057264e28bc0b6fb378c8ef146be00"),
            new Vector("RFC 2202 case 2", sha1, text("Jefe"), text("what do ya want for nothing?"),
                    "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"),
            new Vector("RFC 2202 case 3", sha1, Hex.repeat(0xaa, 20), Hex.repeat(0xdd, 50),
                    "125d7342b9ac11cd91a39af48aa17b4f63f175d3"),
            new Vector("RFC 2202 case 4", sha1, counting(1, 25), Hex.repeat(0xcd, 50),
                    "4c9007f4026250c6bc8414f9bf50c86c2d7235da"),
            new Vector("RFC 2202 case 5", sha1, Hex.repeat(0x0c, 20), text("Test With Truncation"),
                    "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04"),
            new Vector("RFC 2202 case 6", sha1, Hex.repeat(0xaa, 80),
                    text("Test Using Larger Than Block-Size Key - Hash Key First"),
                    "aa4ae5e15272d00e95705637ce8a3b55ed402112"),
            new Vector("RFC 2202 case 7", sha1, Hex.repeat(0xaa, 80),
                    text("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"),
                    "e8e99d0f45237d786d6bbaa7965c7808bbff1a91"),
            new Vector("RFC 4231 case 1", sha256, Hex.repeat(0x0b, 20), text("Hi There"),
                    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
            new Vector("RFC 4231 case 2", sha256, text("Jefe"), text("what do ya want for nothing?"),
                    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
            new Vector("RFC 4231 case 3", sha256, Hex.repeat(0xaa, 20), Hex.repeat(0xdd, 50),
                    "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
            new Vector("RFC 4231 case 4", sha256, counting(1, 25), Hex.repeat(0xcd, 50),
                    "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
            new Vector("RFC 4231 case 5 (truncated to 128 bits)", sha256, Hex.repeat(0x0c, 20),
                    text("Test With Truncation"), "a3b6167473100ee06e0c796c2955552b"),
            new Vector("RFC 4231 case 6", sha256, Hex.repeat(0xaa, 131),
                    text("Test Using Larger Than Block-Size Key - Hash Key First"),
                    "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
            new Vector("RFC 4231 case 7", sha256, Hex.repeat(0xaa, 131),
                    text("This is a test using a larger than block-size key and a larger than block-size data."
                            + " The key needs to be hashed before being used by the HMAC algorithm."),
                    "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
        };
    }

    /** The data placed at an offset inside a larger buffer, as in a packet. */
    private static byte[] inBuffer(byte[] data, int at, int extra) {
        byte[] buf = new byte[at + data.length + extra];
        Arrays.fill(buf, (byte) 0x5a);
        System.arraycopy(data, 0, buf, at, data.length);
        return buf;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signWritesTheTruncatedPublishedDigest(Vector v) throws Exception {
        Integrity stage = new Integrity(v.algorithm(), v.key());
        int at = 7;
        byte[] buf = inBuffer(v.data(), at, v.algorithm().icvLength);
        stage.sign(buf, at, v.data().length, buf, at + v.data().length);
        byte[] expected = Arrays.copyOf(Hex.bytes(v.digest()), v.algorithm().icvLength);
        assertArrayEquals(expected, Arrays.copyOfRange(buf, at + v.data().length, buf.length));
        // the same stage, reused, gives the same answer: no state leaks between packets
        stage.sign(buf, at, v.data().length, buf, at + v.data().length);
        assertArrayEquals(expected, Arrays.copyOfRange(buf, at + v.data().length, buf.length));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verifyAcceptsThePublishedDigestAndRefusesAnyChangedBit(Vector v) throws Exception {
        Integrity stage = new Integrity(v.algorithm(), v.key());
        byte[] icv = Arrays.copyOf(Hex.bytes(v.digest()), v.algorithm().icvLength);
        byte[] buf = inBuffer(v.data(), 0, icv.length);
        System.arraycopy(icv, 0, buf, v.data().length, icv.length);
        assertTrue(stage.verify(buf, 0, v.data().length, v.data().length));
        for (int bit : new int[] {0, 7, icv.length * 8 - 1}) {
            byte[] bad = buf.clone();
            bad[v.data().length + bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(stage.verify(bad, 0, v.data().length, v.data().length), "ICV bit " + bit + " flipped");
        }
        byte[] badData = buf.clone();
        badData[0] ^= 1;
        assertFalse(stage.verify(badData, 0, v.data().length, v.data().length), "data changed");
    }
}

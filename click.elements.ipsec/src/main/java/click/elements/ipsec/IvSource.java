package click.elements.ipsec;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where an outgoing packet's IV comes from. CBC needs an unpredictable IV per packet (RFC 3602
 * section 2.1): {@link #RANDOM}. GCM needs a nonce that never repeats under one key (RFC 4106
 * section 3.1): {@link #SEQUENCE}, the packet's sequence number, which never repeats within an SA.
 * Tests pass fixed IVs to reproduce published vectors.
 */
interface IvSource {
    /** Writes {@code len} IV bytes for the packet with sequence number {@code seq} to {@code buf[at..]}. */
    void fill(byte[] buf, int at, int len, long seq);

    /** Random bytes from the calling thread's own generator. */
    IvSource RANDOM = (buf, at, len, seq) -> RandomIv.current().fill(buf, at, len);

    /** The sequence number, big-endian, right-aligned in {@code len} bytes. */
    IvSource SEQUENCE = (buf, at, len, seq) -> {
        for (int i = len - 1; i >= 0; i--) {
            buf[at + i] = (byte) seq;
            seq >>>= 8;
        }
    };

    /**
     * A per-thread random byte stream: the AES-CTR keystream under a key and counter drawn from
     * {@link SecureRandom} when the thread first asks. Unpredictable like SecureRandom, but costs one
     * AES block per IV instead of a SecureRandom call (which would also lock a shared generator).
     *
     * <p>Thread ownership: one instance per thread, through a thread-local.
     */
    final class RandomIv {
        private static final ThreadLocal<RandomIv> LOCAL = ThreadLocal.withInitial(RandomIv::new);
        private static final int MAX = 16;

        private final Cipher keystream;
        private final byte[] zeros = new byte[MAX];

        private RandomIv() {
            SecureRandom seed = new SecureRandom();
            byte[] key = new byte[16];
            byte[] counter = new byte[16];
            seed.nextBytes(key);
            seed.nextBytes(counter);
            try {
                keystream = Cipher.getInstance("AES/CTR/NoPadding");
                keystream.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(counter));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JCA lacks AES/CTR/NoPadding, required by every Java SE platform", e);
            }
        }

        static RandomIv current() {
            return LOCAL.get();
        }

        void fill(byte[] buf, int at, int len) {
            if (len > MAX) {
                throw new IllegalArgumentException("IVs are at most " + MAX + " bytes, asked for " + len);
            }
            try {
                keystream.update(zeros, 0, len, buf, at);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-CTR keystream failed", e);
            }
        }
    }
}

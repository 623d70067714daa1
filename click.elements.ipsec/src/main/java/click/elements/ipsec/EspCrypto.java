package click.elements.ipsec;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One thread's cipher and MAC state for one SA: seals and opens ESP payloads in place in a packet
 * buffer. The ESP part of a packet, from offset {@code esp} of the buffer:
 * <pre>
 *   SPI (4) | sequence number (4) | IV (ivLength) | ciphertext (plain length) | ICV (icvLength)
 * </pre>
 * where the plaintext is the inner packet, padding 1, 2, 3, ..., the pad length and the next header.
 *
 * <p><b>CBC without a per-packet init.</b> A JCA CBC cipher can only take a new IV through
 * {@code init}, which allocates a parameter object and recomputes the key schedule (three of them
 * for triple DES) every time. So each cipher is initialised once, with an all-zero IV (IV0), and
 * the packet's IV is applied the way CBC defines it. CBC encryption computes
 * {@code C1 = E(P1 ^ IV)} and {@code Ci = E(Pi ^ Ci-1)}; fed {@code P1 ^ IV} under IV0 = 0 the JCA
 * computes {@code E(P1 ^ IV ^ 0)}, the same C1, and chains the later blocks itself. Decryption
 * computes {@code P1 = D(C1) ^ IV} and {@code Pi = D(Ci) ^ Ci-1}; under IV0 the JCA yields
 * {@code D(C1) ^ 0} for the first block, and XORing the IV into it gives P1, while the later
 * blocks already chain on the real ciphertext. (With any other fixed IV0 the correction would be
 * {@code IV ^ IV0}; zero makes it the IV itself.) Every block operation stays the JCA's. The RFC
 * 3602 vectors in the tests check both directions byte for byte with non-zero IVs, and one cipher
 * sealing and opening several packets in turn. {@code doFinal} returns the cipher to its
 * initialised state (IV0), as {@link Cipher#doFinal()} specifies, so each packet starts afresh.
 *
 * <p><b>No copy by the JCA.</b> The JDK's block ciphers copy their input when output and input
 * overlap (72 bytes per 64-byte frame with 3DES), so the ciphers write into this object's scratch
 * array and the result is copied back: no per-packet allocation for CBC.
 *
 * <p><b>What still allocates per packet</b> (the JCA leaves no way around it):
 * {@link javax.crypto.Mac#doFinal(byte[], int)} obtains the MAC as a new array and copies it out (40 bytes with
 * HMAC-SHA1); and GCM must be initialised per packet with its nonce (salt plus explicit IV), because
 * the JCA takes a nonce only through {@code init}: a {@link GCMParameterSpec} and its copy of the
 * nonce here, and inside the JDK's provider a new GCM engine (counter block, GHASH state,
 * buffers) and a copy of the key: about 1.1 KB per packet in JDK 17 (measured by
 * EspCipherBenchmark in the benchmarks module). Bouncy Castle's JCA provider allocates more.
 *
 * <p>Thread ownership: one thread (an SA keeps one instance per thread in a thread-local).
 */
final class EspCrypto {
    static final int ESP_HEADER = 8;
    private static final int GCM_TAG_BITS = 128;

    private final EncryptionAlgorithm enc;
    private final Cipher encryptor;
    private final Cipher decryptor;
    private final SecretKeySpec key;
    private final byte[] nonce;
    private final Integrity integrity;
    private final int icvLength;
    /** Where the cipher writes its output; grows (rarely: to the largest packet seen) as needed. */
    private byte[] scratch = new byte[2048];

    EspCrypto(EncryptionAlgorithm enc, byte[] encKey, IntegrityAlgorithm auth, byte[] authKey)
            throws GeneralSecurityException {
        this.enc = enc;
        int keyLength = encKey.length - enc.saltLength;
        this.key = new SecretKeySpec(encKey, 0, keyLength, enc.keyAlgorithm);
        if (enc.combinedMode()) {
            this.encryptor = Cipher.getInstance(enc.transformation);
            this.decryptor = encryptor;
            this.nonce = new byte[enc.saltLength + enc.ivLength];
            System.arraycopy(encKey, keyLength, nonce, 0, enc.saltLength);
            // fail now, not on the first packet, if the key is unusable (decrypt mode: the JCA
            // refuses an encryption init that repeats the previous key and nonce)
            encryptor.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(GCM_TAG_BITS, nonce));
        } else {
            IvParameterSpec zero = new IvParameterSpec(new byte[enc.ivLength]);
            this.encryptor = Cipher.getInstance(enc.transformation);
            this.encryptor.init(Cipher.ENCRYPT_MODE, key, zero);
            this.decryptor = Cipher.getInstance(enc.transformation);
            this.decryptor.init(Cipher.DECRYPT_MODE, key, zero);
            this.nonce = null;
        }
        this.integrity = auth == IntegrityAlgorithm.NONE ? null : new Integrity(auth, authKey);
        this.icvLength = enc.icvLength + auth.icvLength;
    }

    int icvLength() {
        return icvLength;
    }

    /**
     * Encrypts and authenticates in place: the SPI and sequence number are at {@code buf[esp..]},
     * {@code plainLength} bytes of padded plaintext follow the IV field; writes the IV (from
     * {@code ivs}), the ciphertext over the plaintext, and the ICV after it.
     */
    void seal(byte[] buf, int esp, int plainLength, long seq, IvSource ivs) {
        int iv = esp + ESP_HEADER;
        int data = iv + enc.ivLength;
        ivs.fill(buf, iv, enc.ivLength, seq);
        try {
            if (nonce != null) {
                System.arraycopy(buf, iv, nonce, enc.saltLength, enc.ivLength);
                encryptor.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(GCM_TAG_BITS, nonce));
                encryptor.updateAAD(buf, esp, ESP_HEADER);
                int n = encryptor.doFinal(buf, data, plainLength, scratch(plainLength + enc.icvLength), 0);
                System.arraycopy(scratch, 0, buf, data, n);
            } else {
                xorIv(buf, iv, buf, data);
                encryptor.doFinal(buf, data, plainLength, scratch(plainLength), 0);
                System.arraycopy(scratch, 0, buf, data, plainLength);
                if (integrity != null) {
                    integrity.sign(buf, esp, ESP_HEADER + enc.ivLength + plainLength, buf, data + plainLength);
                }
            }
        } catch (GeneralSecurityException e) {
            // sizes were checked by the caller: a failure here is a bug, not a bad packet
            throw new IllegalStateException(enc.transformation + " failed on a checked buffer", e);
        }
    }

    /**
     * Verifies and decrypts in place the {@code cipherLength} bytes after the IV field (the ICV
     * follows them). Returns false, leaving the ciphertext as it was for CBC, if the ICV is wrong.
     */
    boolean open(byte[] buf, int esp, int cipherLength) {
        int iv = esp + ESP_HEADER;
        int data = iv + enc.ivLength;
        try {
            if (nonce != null) {
                System.arraycopy(buf, iv, nonce, enc.saltLength, enc.ivLength);
                decryptor.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(GCM_TAG_BITS, nonce));
                decryptor.updateAAD(buf, esp, ESP_HEADER);
                int n = decryptor.doFinal(buf, data, cipherLength + enc.icvLength, scratch(cipherLength), 0);
                System.arraycopy(scratch, 0, buf, data, n);
                return true;
            }
            if (integrity != null
                    && !integrity.verify(buf, esp, ESP_HEADER + enc.ivLength + cipherLength, data + cipherLength)) {
                return false;
            }
            decryptor.doFinal(buf, data, cipherLength, scratch(cipherLength), 0);
            xorIv(buf, iv, scratch, 0);
            System.arraycopy(scratch, 0, buf, data, cipherLength);
            return true;
        } catch (AEADBadTagException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(enc.transformation + " failed on a checked buffer", e);
        }
    }

    /** XORs the IV at {@code buf[iv..]} into the block at {@code block[at..]} (see the class comment). */
    private void xorIv(byte[] buf, int iv, byte[] block, int at) {
        for (int i = 0; i < enc.ivLength; i++) {
            block[at + i] ^= buf[iv + i];
        }
    }

    /** The scratch array, grown to hold at least {@code n} bytes. */
    private byte[] scratch(int n) {
        if (scratch.length < n) {
            scratch = new byte[Integer.highestOneBit(n - 1) << 1];
        }
        return scratch;
    }

    @Override
    public String toString() {
        return "EspCrypto[" + enc + "]"; // never the keys
    }
}

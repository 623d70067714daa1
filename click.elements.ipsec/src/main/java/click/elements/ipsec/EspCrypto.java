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
 * {@code init}, which allocates a parameter object and, for triple DES, recomputes three key
 * schedules every time. So the cipher is initialised once, with an all-zero IV, and the packet's IV
 * is applied the way CBC defines it: XORed into the first plaintext block before encryption, and
 * into the first decrypted block after decryption (with a zero IV the JCA's own first step is a
 * no-op). Every block operation and the chaining of later blocks stay the JCA's; the RFC 3602
 * vectors in the tests check the result byte for byte. {@code doFinal} returns the cipher to its
 * initial state, so each packet starts from the zero IV again.
 *
 * <p><b>GCM</b> must be initialised per packet with its nonce (salt plus explicit IV); the JCA
 * offers no other way. That allocates a {@link GCMParameterSpec} per packet.
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
                encryptor.doFinal(buf, data, plainLength, buf, data);
            } else {
                xorIv(buf, iv, data);
                encryptor.doFinal(buf, data, plainLength, buf, data);
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
                decryptor.doFinal(buf, data, cipherLength + enc.icvLength, buf, data);
                return true;
            }
            if (integrity != null
                    && !integrity.verify(buf, esp, ESP_HEADER + enc.ivLength + cipherLength, data + cipherLength)) {
                return false;
            }
            decryptor.doFinal(buf, data, cipherLength, buf, data);
            xorIv(buf, iv, data);
            return true;
        } catch (AEADBadTagException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(enc.transformation + " failed on a checked buffer", e);
        }
    }

    /** XORs the IV at {@code buf[iv..]} into the block at {@code buf[block..]} (CBC's first step). */
    private void xorIv(byte[] buf, int iv, int block) {
        for (int i = 0; i < enc.ivLength; i++) {
            buf[block + i] ^= buf[iv + i];
        }
    }

    @Override
    public String toString() {
        return "EspCrypto[" + enc + "]"; // never the keys
    }
}

package click.elements.ipsec;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * The integrity stage: an HMAC over a region of a packet buffer, truncated to the ICV length, and
 * its constant-time verification.
 *
 * <p>Thread ownership: one thread; the {@link Mac} and the scratch arrays are reused for every
 * packet, so nothing is allocated per packet.
 */
final class Integrity {
    private final Mac mac;
    private final int icvLength;
    private final byte[] full;
    private final byte[] computed;
    private final byte[] received;

    Integrity(IntegrityAlgorithm algorithm, byte[] key) throws GeneralSecurityException {
        this.mac = Mac.getInstance(algorithm.macAlgorithm);
        mac.init(new SecretKeySpec(key, algorithm.macAlgorithm));
        this.icvLength = algorithm.icvLength;
        this.full = new byte[mac.getMacLength()];
        this.computed = new byte[icvLength];
        this.received = new byte[icvLength];
    }

    int icvLength() {
        return icvLength;
    }

    /** Writes the truncated MAC of {@code buf[from, from+len)} to {@code out[at, at+icvLength)}. */
    void sign(byte[] buf, int from, int len, byte[] out, int at) {
        compute(buf, from, len);
        System.arraycopy(full, 0, out, at, icvLength);
    }

    /**
     * Whether the ICV at {@code buf[icvAt..]} is the truncated MAC of {@code buf[from, from+len)}.
     * The comparison takes the same time wherever the first difference lies.
     */
    boolean verify(byte[] buf, int from, int len, int icvAt) {
        compute(buf, from, len);
        System.arraycopy(full, 0, computed, 0, icvLength);
        System.arraycopy(buf, icvAt, received, 0, icvLength);
        return MessageDigest.isEqual(computed, received);
    }

    private void compute(byte[] buf, int from, int len) {
        mac.update(buf, from, len);
        try {
            mac.doFinal(full, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("MAC scratch buffer sized from getMacLength is too short", e);
        }
    }
}

package click.elements.ipsec;

/**
 * The ESP encryption algorithms this bundle offers, each a JCA transformation. CBC modes pad the
 * plaintext to whole cipher blocks and carry a random IV; AES-GCM (RFC 4106) is a combined mode:
 * it pads to 4 bytes, carries an 8-byte explicit IV made from the sequence number, and computes
 * its own 16-byte ICV, so it needs no separate integrity algorithm.
 */
enum EncryptionAlgorithm implements ConfigNamed {
    /** Triple DES in CBC mode (RFC 2451), the paper's cipher: 192-bit key, 8-byte blocks and IV. */
    TRIPLE_DES_CBC("3des-cbc", "DESede", "DESede/CBC/NoPadding", 8, 8, 0, 0, 24),
    /** AES in CBC mode (RFC 3602): 128-, 192- or 256-bit key, 16-byte blocks and IV. */
    AES_CBC("aes-cbc", "AES", "AES/CBC/NoPadding", 16, 16, 0, 0, 16, 24, 32),
    /** AES-GCM with a 16-byte ICV (RFC 4106): the key is the AES key followed by a 4-byte salt. */
    AES_GCM_16("aes-gcm-16", "AES", "AES/GCM/NoPadding", 4, 8, 4, 16, 20, 28, 36);

    /** The name used in SA specifications. */
    final String configName;
    /** The JCA key algorithm. */
    final String keyAlgorithm;
    /** The JCA cipher transformation. */
    final String transformation;
    /** The plaintext (payload, padding, pad length, next header) is padded to a multiple of this. */
    final int blockSize;
    /** Bytes of IV carried in each packet. */
    final int ivLength;
    /** Trailing key bytes that are not cipher key but the GCM nonce salt. */
    final int saltLength;
    /** ICV bytes the cipher itself produces (combined modes), else 0. */
    final int icvLength;
    private final int[] keyLengths;

    EncryptionAlgorithm(String configName, String keyAlgorithm, String transformation, int blockSize,
                        int ivLength, int saltLength, int icvLength, int... keyLengths) {
        this.configName = configName;
        this.keyAlgorithm = keyAlgorithm;
        this.transformation = transformation;
        this.blockSize = blockSize;
        this.ivLength = ivLength;
        this.saltLength = saltLength;
        this.icvLength = icvLength;
        this.keyLengths = keyLengths;
    }

    boolean combinedMode() {
        return icvLength > 0;
    }

    boolean acceptsKeyLength(int n) {
        for (int k : keyLengths) {
            if (k == n) {
                return true;
            }
        }
        return false;
    }

    /** The accepted key lengths in bytes, for error messages: "16, 24 or 32". */
    String keyLengthsText() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < keyLengths.length; i++) {
            sb.append(i == 0 ? "" : i == keyLengths.length - 1 ? " or " : ", ").append(keyLengths[i]);
        }
        return sb.toString();
    }

    /** The name shown by handlers, with the AES key size: {@code aes-cbc-256}. */
    String displayName(int keyLength) {
        return keyAlgorithm.equals("AES") ? configName.replace("aes-", "aes" + (keyLength - saltLength) * 8 + "-")
                : configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}

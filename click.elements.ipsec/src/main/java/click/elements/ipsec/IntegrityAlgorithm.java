package click.elements.ipsec;

/**
 * The ESP integrity algorithms: HMAC through the JCA, truncated to the ICV length of its RFC, or
 * none (for AES-GCM, which authenticates by itself, and for encryption-only test SAs).
 */
enum IntegrityAlgorithm implements ConfigNamed {
    /** No separate ICV. */
    NONE("none", null, 0, 0),
    /** HMAC-SHA-1 truncated to 96 bits (RFC 2404), the paper's; 160-bit key. */
    HMAC_SHA1_96("hmac-sha1-96", "HmacSHA1", 20, 12),
    /** HMAC-SHA-256 truncated to 128 bits (RFC 4868); 256-bit key. */
    HMAC_SHA256_128("hmac-sha256-128", "HmacSHA256", 32, 16);

    final String configName;
    /** The JCA Mac algorithm, or null for NONE. */
    final String macAlgorithm;
    /** Key length in bytes the RFC prescribes. */
    final int keyLength;
    /** Bytes of the (truncated) MAC carried as the ICV. */
    final int icvLength;

    IntegrityAlgorithm(String configName, String macAlgorithm, int keyLength, int icvLength) {
        this.configName = configName;
        this.macAlgorithm = macAlgorithm;
        this.keyLength = keyLength;
        this.icvLength = icvLength;
    }

    @Override
    public String configName() {
        return configName;
    }
}

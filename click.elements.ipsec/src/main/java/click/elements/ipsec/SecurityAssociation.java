package click.elements.ipsec;

import click.api.ConfigException;
import click.api.ConfigText;
import click.api.Tally;
import click.api.net.IPAddress;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One security association (RFC 4301 section 4.1): a one-way ESP tunnel with its SPI, its outer
 * endpoints, its algorithms and keys, its counters and, for inbound use, its anti-replay window.
 *
 * <p>Written in a configuration as one argument of {@link IPsecSADatabase}:
 * <pre>
 *   NAME SPI spi SRC addr DST addr ENC algorithm KEY hex [AUTH algorithm AUTHKEY hex]
 *        [REPLAY n] [SEQ n] [SOFT_PACKETS n] [HARD_PACKETS n] [SOFT_BYTES n] [HARD_BYTES n]
 * </pre>
 *
 * <p>The parameters are immutable; a change makes a new SA. The counters live in a separate
 * {@link Counters} object that a replacement with the same SPI shares, so the sequence numbers and
 * the replay window carry on across a key change and no number is ever sent twice.
 *
 * <p>Thread ownership: shared by every thread that encrypts or decrypts for it. The sequence
 * number is one atomic counter, the packet and byte counts striped adders; each thread gets its
 * own {@link EspCrypto} (JCA objects are not thread-safe) from a thread-local, made the first time
 * that thread uses the SA.
 */
final class SecurityAssociation {
    /** The highest sequence number RFC 4303 allows without extended sequence numbers. */
    static final long MAX_SEQUENCE = 0xFFFFFFFFL;
    /** Default anti-replay window, in packets. */
    static final int DEFAULT_REPLAY_WINDOW = 64;
    static final int MAX_REPLAY_WINDOW = 4096;
    private static final long UNLIMITED = Long.MAX_VALUE;

    /** Outcome of {@link #charge}. */
    enum Lifetime { OK, SOFT_LIMIT_REACHED, HARD_LIMIT_PASSED }

    /** The mutable state of an SA, shared by the SAs that replace one another under one SPI. */
    static final class Counters {
        /** The last sequence number sent (0: none yet). */
        final AtomicLong sequence;
        /**
         * Packets and inner-packet bytes that reached the SA, for lifetimes and the table. Striped
         * adders: threads that share an SA each add to their own cell instead of fighting over one
         * cache line per packet (only the sequence number has to be one shared counter).
         */
        final Tally packets = new Tally();
        final Tally bytes = new Tally();
        final ReplayWindow window;
        final AtomicBoolean softLimitReported = new AtomicBoolean();

        Counters(long sequence, int window) {
            this.sequence = new AtomicLong(sequence);
            this.window = new ReplayWindow(window);
        }
    }

    final String name;
    final int spi;
    final int src;
    final int dst;
    final EncryptionAlgorithm enc;
    final IntegrityAlgorithm auth;
    final long softPackets;
    final long hardPackets;
    final long softBytes;
    final long hardBytes;
    final Counters counters;
    /** Whether any lifetime limit is set (else {@link #charge} only counts). */
    private final boolean limited;
    private final byte[] encKey;
    private final byte[] authKey;
    private final int icvLength;
    private final ThreadLocal<EspCrypto> crypto;

    private SecurityAssociation(String name, int spi, int src, int dst, EncryptionAlgorithm enc, byte[] encKey,
                                IntegrityAlgorithm auth, byte[] authKey, long[] lifetimes, Counters counters) {
        this.name = name;
        this.spi = spi;
        this.src = src;
        this.dst = dst;
        this.enc = enc;
        this.encKey = encKey;
        this.auth = auth;
        this.authKey = authKey;
        this.softPackets = lifetimes[0];
        this.hardPackets = lifetimes[1];
        this.softBytes = lifetimes[2];
        this.hardBytes = lifetimes[3];
        this.limited = softPackets != UNLIMITED || hardPackets != UNLIMITED || softBytes != UNLIMITED
                || hardBytes != UNLIMITED;
        this.counters = counters;
        this.icvLength = enc.icvLength + auth.icvLength;
        this.crypto = ThreadLocal.withInitial(this::newCrypto);
    }

    /** The calling thread's cipher state for this SA. */
    EspCrypto crypto() {
        return crypto.get();
    }

    private EspCrypto newCrypto() {
        try {
            return new EspCrypto(enc, encKey, auth, authKey);
        } catch (GeneralSecurityException e) {
            // the same construction succeeded when the SA was parsed
            throw new IllegalStateException("cipher set-up failed for SA " + name, e);
        }
    }

    int icvLength() {
        return icvLength;
    }

    /** The next sequence number to send; above {@link #MAX_SEQUENCE} once the SA is used up. */
    long nextSequence() {
        return counters.sequence.incrementAndGet();
    }

    /**
     * Counts one packet of {@code length} inner bytes against the lifetime limits. The sums are read
     * only for an SA that has limits; when several threads charge it at once, a packet at the limit
     * may see the others' packets too (it is then dropped a packet early), never fewer.
     */
    Lifetime charge(int length) {
        counters.packets.increment();
        counters.bytes.add(length);
        if (!limited) {
            return Lifetime.OK;
        }
        long n = counters.packets.sum();
        long b = counters.bytes.sum();
        if (n > hardPackets || b > hardBytes) {
            return Lifetime.HARD_LIMIT_PASSED;
        }
        if ((n > softPackets || b > softBytes) && !counters.softLimitReported.get()
                && counters.softLimitReported.compareAndSet(false, true)) {
            return Lifetime.SOFT_LIMIT_REACHED;
        }
        return Lifetime.OK;
    }

    /** ok, soft-expired, hard-expired or exhausted (no sequence numbers left). */
    String state() {
        long n = counters.packets.sum();
        long b = counters.bytes.sum();
        if (counters.sequence.get() >= MAX_SEQUENCE) {
            return "exhausted";
        }
        if (n >= hardPackets || b >= hardBytes) {
            return "hard-expired";
        }
        if (n > softPackets || b > softBytes) {
            return "soft-expired";
        }
        return "ok";
    }

    /** One line for the {@code table} handler: everything but the keys. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(name).append(" spi 0x").append(String.format("%08x", spi))
          .append(" src ").append(IPAddress.toString(src)).append(" dst ").append(IPAddress.toString(dst))
          .append(" enc ").append(enc.displayName(encKey.length)).append(" auth ").append(auth.configName)
          .append(" seq ").append(Math.min(counters.sequence.get(), MAX_SEQUENCE))
          .append(" replay_window ").append(counters.window.size())
          .append(" highest ").append(counters.window.highest())
          .append(" packets ").append(counters.packets.sum()).append(" bytes ").append(counters.bytes.sum());
        appendLimit(sb, "soft_packets", softPackets);
        appendLimit(sb, "hard_packets", hardPackets);
        appendLimit(sb, "soft_bytes", softBytes);
        appendLimit(sb, "hard_bytes", hardBytes);
        return sb.append(" state ").append(state()).toString();
    }

    private static void appendLimit(StringBuilder sb, String label, long v) {
        if (v != UNLIMITED) {
            sb.append(' ').append(label).append(' ').append(v);
        }
    }

    @Override
    public String toString() {
        return "SA " + name + " spi 0x" + Integer.toHexString(spi); // never the keys
    }

    /** This SA's parameters with {@code counters} instead of its own (a replacement under the same SPI). */
    SecurityAssociation withCounters(Counters shared) {
        return new SecurityAssociation(name, spi, src, dst, enc, encKey, auth, authKey,
                new long[] {softPackets, hardPackets, softBytes, hardBytes}, shared);
    }

    // ---- parsing ----

    private static final List<String> KEYWORDS = List.of("SPI", "SRC", "DST", "ENC", "KEY", "AUTH", "AUTHKEY",
            "REPLAY", "SEQ", "SOFT_PACKETS", "HARD_PACKETS", "SOFT_BYTES", "HARD_BYTES");

    /** Parses one SA specification; every problem found is in the exception. */
    static SecurityAssociation parse(String spec) throws ConfigException {
        String[] words = spec.trim().split("\\s+");
        List<String> errors = new ArrayList<>();
        String name = words[0];
        if (name.isEmpty() || KEYWORDS.contains(name) || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new ConfigException("expected an SA name (letters, digits, _ . -) before the SA keywords, got \""
                    + name + "\"");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i += 2) {
            String k = words[i];
            if (!KEYWORDS.contains(k)) {
                errors.add("SA " + name + ": unknown keyword " + k + " (expected one of " + String.join(", ", KEYWORDS) + ")");
                continue;
            }
            if (i + 1 >= words.length) {
                errors.add("SA " + name + ": " + k + " has no value");
            } else if (values.put(k, words[i + 1]) != null) {
                errors.add("SA " + name + ": " + k + " given twice");
            }
        }
        SpecReader r = new SpecReader(name, values, errors);
        long spiValue = r.number("SPI", -1);
        if (!values.containsKey("SPI")) {
            errors.add("SA " + name + ": missing SPI");
        } else if (spiValue < 256 || spiValue > 0xFFFFFFFFL) {
            errors.add("SA " + name + ": SPI must be from 256 to 0xffffffff (0-255 are reserved by RFC 4303), got "
                    + values.get("SPI"));
        }
        int src = r.address("SRC");
        int dst = r.address("DST");
        EncryptionAlgorithm enc = ConfigNamed.byName(EncryptionAlgorithm.values(), values.getOrDefault("ENC", ""));
        if (enc == null) {
            errors.add("SA " + name + ": " + (values.containsKey("ENC") ? "unknown ENC " + values.get("ENC")
                    : "missing ENC") + " (expected " + ConfigNamed.names(EncryptionAlgorithm.values()) + ")");
        }
        byte[] key = r.hex("KEY");
        if (key != null && enc != null && !enc.acceptsKeyLength(key.length)) {
            errors.add("SA " + name + ": KEY for " + enc.configName + " must be " + enc.keyLengthsText()
                    + " bytes" + (enc.saltLength > 0 ? " (AES key then " + enc.saltLength + "-byte salt)" : "")
                    + ", got " + key.length);
        }
        IntegrityAlgorithm auth = values.containsKey("AUTH") ? ConfigNamed.byName(IntegrityAlgorithm.values(), values.get("AUTH"))
                : IntegrityAlgorithm.NONE;
        if (auth == null) {
            errors.add("SA " + name + ": unknown AUTH " + values.get("AUTH") + " (expected " + ConfigNamed.names(IntegrityAlgorithm.values()) + ")");
        }
        byte[] authKey = values.containsKey("AUTHKEY") ? r.hex("AUTHKEY") : new byte[0];
        if (auth != null && enc != null) {
            if (enc.combinedMode() && auth != IntegrityAlgorithm.NONE) {
                errors.add("SA " + name + ": " + enc.configName + " authenticates by itself; leave out AUTH (or AUTH none)");
            } else if (!enc.combinedMode() && auth == IntegrityAlgorithm.NONE && !values.containsKey("AUTH")) {
                errors.add("SA " + name + ": missing AUTH (expected hmac-sha1-96 or hmac-sha256-128; "
                        + "AUTH none asks for encryption without integrity, which RFC 4303 allows but does not advise)");
            }
            if (auth == IntegrityAlgorithm.NONE && values.containsKey("AUTHKEY")) {
                errors.add("SA " + name + ": AUTHKEY given without an AUTH algorithm");
            } else if (auth != IntegrityAlgorithm.NONE && authKey != null && authKey.length != auth.keyLength) {
                errors.add("SA " + name + ": AUTHKEY for " + auth.configName + " must be " + auth.keyLength
                        + " bytes, got " + (values.containsKey("AUTHKEY") ? authKey.length + "" : "none"));
            }
        }
        long window = r.number("REPLAY", DEFAULT_REPLAY_WINDOW);
        if (window < 64 || window > MAX_REPLAY_WINDOW || window % 64 != 0) {
            errors.add("SA " + name + ": REPLAY must be a multiple of 64 from 64 to " + MAX_REPLAY_WINDOW
                    + ", got " + values.get("REPLAY"));
        }
        long seq = r.number("SEQ", 0);
        if (seq < 0 || seq > MAX_SEQUENCE) {
            errors.add("SA " + name + ": SEQ (the last sequence number sent) must be from 0 to 4294967295, got "
                    + values.get("SEQ"));
        }
        long[] lifetimes = {r.limit("SOFT_PACKETS"), r.limit("HARD_PACKETS"), r.limit("SOFT_BYTES"), r.limit("HARD_BYTES")};
        if (errors.isEmpty()) {
            SecurityAssociation sa = new SecurityAssociation(name, (int) spiValue, src, dst, enc, key, auth, authKey,
                    lifetimes, new Counters(seq, (int) window));
            try {
                new EspCrypto(enc, key, auth, authKey);
            } catch (GeneralSecurityException e) {
                throw new ConfigException("SA " + name + ": the JCA refused the keys or algorithms: " + e.getMessage());
            }
            return sa;
        }
        throw new ConfigException(errors);
    }

    /** Typed reads of an SA specification's values, recording errors. */
    private record SpecReader(String name, Map<String, String> values, List<String> errors) {
        long number(String k, long dflt) {
            String v = values.get(k);
            if (v == null) {
                return dflt;
            }
            try {
                return ConfigText.parseLong(v);
            } catch (NumberFormatException e) {
                errors.add("SA " + name + ": expected an integer for " + k + ", got \"" + v + "\"");
                return dflt;
            }
        }

        long limit(String k) {
            long v = number(k, UNLIMITED);
            if (v <= 0) {
                errors.add("SA " + name + ": " + k + " must be positive, got " + values.get(k));
            }
            return v;
        }

        int address(String k) {
            String v = values.get(k);
            if (v == null) {
                errors.add("SA " + name + ": missing " + k + " (the tunnel endpoint address)");
                return 0;
            }
            try {
                return IPAddress.parse(v);
            } catch (IllegalArgumentException e) {
                errors.add("SA " + name + ": expected an IPv4 address for " + k + ", got \"" + v + "\"");
                return 0;
            }
        }

        /** Hex digits, optionally after 0x; the value itself never goes into a message. */
        byte[] hex(String k) {
            String v = values.get(k);
            if (v == null) {
                errors.add("SA " + name + ": missing " + k);
                return null;
            }
            String digits = v.startsWith("0x") || v.startsWith("0X") ? v.substring(2) : v;
            if (digits.isEmpty() || digits.length() % 2 != 0 || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                errors.add("SA " + name + ": " + k + " must be an even number of hex digits");
                return null;
            }
            byte[] out = new byte[digits.length() / 2];
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) Integer.parseInt(digits, 2 * i, 2 * i + 2, 16);
            }
            return out;
        }
    }
}

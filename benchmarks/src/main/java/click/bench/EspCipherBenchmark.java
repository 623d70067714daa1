package click.bench;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The JCA operations behind one 64-byte frame of the VPN workloads (workloads/06-vpn-*.click), per
 * provider: the JDK's own (SunJCE) and Bouncy Castle's. After Strip(14) the inner IPv4 packet is 50
 * bytes; with the ESP trailer that is 56 bytes of 3DES plaintext (7 blocks) or 64 of AES-CBC (4
 * blocks), 52 of GCM; the HMAC covers ESP header + IV + ciphertext (72 or 88 bytes).
 *
 * <p>Each cipher runs the way IPsecESPEncap runs it: CBC initialised once and fed whole packets
 * ({@code doFinal}, which returns the cipher to its initial IV), either in place (output over the
 * input, as the packet buffer is) or into a scratch array; GCM initialised per packet with a new
 * nonce, because the JCA takes a nonce only through {@code init}. With the GC profiler,
 * {@code gc.alloc.rate.norm} is the bytes each operation allocates.
 * <pre>{@code
 *   java -jar benchmarks/target/benchmarks.jar EspCipher
 *   java -jar benchmarks/target/benchmarks.jar 'EspCipher.tripleDes' -p provider=SunJCE,BC
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EspCipherBenchmark {
    private static final int TRIPLE_DES_PLAIN = 56;
    private static final int AES_CBC_PLAIN = 64;
    private static final int GCM_PLAIN = 52;
    private static final int ESP_HEADER = 8;

    /** SunJCE (the JDK's) or BC (Bouncy Castle, bcprov-jdk18on). */
    @Param({"SunJCE", "BC"})
    public String provider;

    private final byte[] packet = new byte[2048];
    private final byte[] scratch = new byte[2048];
    private final byte[] icv = new byte[64];
    private final byte[] nonce = new byte[12];
    private Cipher tripleDes;
    private Cipher aesCbc;
    private Cipher gcm;
    private SecretKeySpec gcmKey;
    private Mac hmacSha1;
    private long sequence;

    @Setup
    public void setUp() throws GeneralSecurityException {
        Provider p = provider.equals("BC") ? new BouncyCastleProvider() : Security.getProvider(provider);
        for (int i = 0; i < packet.length; i++) {
            packet[i] = (byte) i;
        }
        tripleDes = Cipher.getInstance("DESede/CBC/NoPadding", p);
        tripleDes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(bytes(24, 1), "DESede"), new IvParameterSpec(new byte[8]));
        aesCbc = Cipher.getInstance("AES/CBC/NoPadding", p);
        aesCbc.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(bytes(16, 2), "AES"), new IvParameterSpec(new byte[16]));
        gcm = Cipher.getInstance("AES/GCM/NoPadding", p);
        gcmKey = new SecretKeySpec(bytes(16, 3), "AES");
        hmacSha1 = Mac.getInstance("HmacSHA1", p);
        hmacSha1.init(new SecretKeySpec(bytes(20, 4), "HmacSHA1"));
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return b;
    }

    @Benchmark
    public int tripleDesCbcInPlace() throws GeneralSecurityException {
        return tripleDes.doFinal(packet, 16, TRIPLE_DES_PLAIN, packet, 16);
    }

    @Benchmark
    public int tripleDesCbcToScratch() throws GeneralSecurityException {
        return tripleDes.doFinal(packet, 16, TRIPLE_DES_PLAIN, scratch, 0);
    }

    @Benchmark
    public int aesCbcInPlace() throws GeneralSecurityException {
        return aesCbc.doFinal(packet, 24, AES_CBC_PLAIN, packet, 24);
    }

    @Benchmark
    public int aesCbcToScratch() throws GeneralSecurityException {
        return aesCbc.doFinal(packet, 24, AES_CBC_PLAIN, scratch, 0);
    }

    /** Init with the next nonce, the SPI and sequence number as additional data, encrypt, tag. */
    @Benchmark
    public int aesGcmSeal() throws GeneralSecurityException {
        long seq = ++sequence;
        for (int i = 11; i >= 4; i--) {
            nonce[i] = (byte) seq;
            seq >>>= 8;
        }
        gcm.init(Cipher.ENCRYPT_MODE, gcmKey, new GCMParameterSpec(128, nonce));
        gcm.updateAAD(packet, 0, ESP_HEADER);
        return gcm.doFinal(packet, 16, GCM_PLAIN, scratch, 0);
    }

    /** HMAC-SHA1 over ESP header + 3DES IV + ciphertext, the MAC into a byte array at an offset. */
    @Benchmark
    public byte hmacSha1() throws GeneralSecurityException {
        hmacSha1.update(packet, 0, ESP_HEADER + 8 + TRIPLE_DES_PLAIN);
        hmacSha1.doFinal(icv, 0);
        return icv[0];
    }
}

package click.elements.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import click.api.Packet;
import click.elements.ipsec.Tunnel.Suite;
import click.testing.PacketBuilder;
import click.testing.Pcap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Interoperability: ESP packets made by IPsecESPEncap, written to a pcap file, must authenticate
 * and decrypt in an independent implementation, Wireshark's ESP dissector (tshark). Skipped when
 * tshark is not installed (Debian: {@code apt-get install -y tshark}, see the bundle README).
 * The pcap files stay in {@code target/esp-interop/} for inspection.
 */
class TsharkInteropTest {
    /** A port without a Wireshark dissector (and decoded as plain data), so the pattern payload decodes cleanly. */
    private static final int PORT = 50000;
    private static final Path OUT = Paths.get("target", "esp-interop");
    private static boolean tshark;

    @BeforeAll
    static void findTshark() {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            tshark = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            tshark = false;
        }
    }

    /** Wireshark's names for our algorithms (exact strings of its esp_sa table). */
    private static String[] wiresharkNames(Suite s) {
        String enc = s.name().startsWith("TDES") ? "TripleDES-CBC [RFC2451]"
                : s.name().endsWith("GCM") ? "AES-GCM with 16 octet ICV [RFC4106]" : "AES-CBC [RFC3602]";
        String auth = s.name().endsWith("SHA1") ? "HMAC-SHA-1-96 [RFC2404]"
                : s.name().endsWith("SHA256") ? "HMAC-SHA-256-128 [RFC4868]" : "NULL";
        return new String[] {enc, auth};
    }

    private static String key(String spec, String keyword) {
        String[] w = spec.split(" ");
        for (int i = 0; i < w.length - 1; i++) {
            if (w[i].equals(keyword)) {
                return "0x" + w[i + 1];
            }
        }
        return "";
    }

    @ParameterizedTest
    @EnumSource(Suite.class)
    void wiresharkAuthenticatesAndDecryptsOurEsp(Suite suite) throws Exception {
        assumeTrue(tshark, "tshark is not installed (apt-get install -y tshark): interoperability not checked");
        Tunnel t = Tunnel.of(suite);
        List<byte[]> packets = new java.util.ArrayList<>();
        int[] sizes = {0, 1, 17, 64, 1000, 1472};
        for (int size : sizes) {
            Packet esp = t.seal(PacketBuilder.udp().src("10.1.0.5").dst("10.2.0.9").ports(PORT, PORT)
                    .payload(size).build());
            packets.add(esp.toByteArray());
            esp.kill();
        }
        Path file = OUT.resolve(suite.name().toLowerCase() + ".pcap");
        Pcap.write(file, Pcap.RAW_IP, packets);
        t.assertNoLeaks();

        String encKey = key(suite.spec, "KEY");
        String authKey = key(suite.spec, "AUTHKEY");
        String output = tshark(suite, file, encKey, authKey, "");
        List<String> lines = output.lines().filter(l -> l.startsWith("0x")).toList();
        assertEquals(sizes.length, lines.size(), output);
        for (int i = 0; i < sizes.length; i++) {
            String expected = String.format("0x%08x;%d;1;0;%s;0x04;%s\\10.1.0.5;%s\\10.2.0.9;%d;%d;%d", Tunnel.SPI,
                    i + 1, padLength(suite, sizes[i]), Tunnel.SRC, Tunnel.DST, PORT, PORT, 8 + sizes[i]);
            assertEquals(expected, lines.get(i), "packet " + (i + 1) + "; tshark said:\n" + output);
        }

        // control: with one key bit wrong, Wireshark must call every ICV bad (so "good" above means something)
        boolean gcm = authKey.isEmpty();
        String wrong = tshark(suite, file, gcm ? flipLastBit(encKey) : encKey, gcm ? authKey : flipLastBit(authKey),
                ".wrong-key");
        List<String> refused = wrong.lines().filter(l -> l.startsWith("0x")).toList();
        assertEquals(sizes.length, refused.size(), wrong);
        for (String line : refused) {
            assertEquals("0;1", line.split(";")[2] + ";" + line.split(";")[3], wrong);
        }
    }

    private static String flipLastBit(String hexKey) {
        int last = Character.digit(hexKey.charAt(hexKey.length() - 1), 16) ^ 1;
        return hexKey.substring(0, hexKey.length() - 1) + Character.forDigit(last, 16);
    }

    /** Runs tshark on {@code file} with one SA; returns its output, also kept next to the pcap. */
    private static String tshark(Suite suite, Path file, String encKey, String authKey, String tag) throws Exception {
        String[] names = wiresharkNames(suite);
        String sa = String.format("\"IPv4\",\"%s\",\"%s\",\"0x%08x\",\"%s\",\"%s\",\"%s\",\"%s\"", Tunnel.SRC,
                Tunnel.DST, Tunnel.SPI, names[0], encKey, names[1], authKey);
        List<String> cmd = List.of("tshark", "-n", "-r", file.toString(),
                "-o", "esp.enable_encryption_decode:TRUE", "-o", "esp.enable_authentication_check:TRUE",
                "-o", "uat:esp_sa:" + sa, "-d", "udp.port==" + PORT + ",data",
                "-T", "fields", "-E", "separator=;", "-E", "aggregator=\\",
                "-e", "esp.spi", "-e", "esp.sequence", "-e", "esp.icv_good", "-e", "esp.icv_bad", "-e", "esp.pad_len",
                "-e", "esp.protocol", "-e", "ip.src", "-e", "ip.dst", "-e", "udp.srcport", "-e", "udp.dstport",
                "-e", "udp.length");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        Files.writeString(OUT.resolve(suite.name().toLowerCase() + tag + ".tshark.txt"),
                String.join(" ", cmd) + "\n" + output);
        return output;
    }

    private static String padLength(Suite s, int payload) {
        int block = s.name().startsWith("TDES") ? 8 : s.name().endsWith("GCM") ? 4 : 16;
        int inner = 28 + payload;
        return Integer.toString((block - (inner + 2) % block) % block);
    }
}

package click.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import click.api.ErrorReport;
import click.runtime.ElementRegistry;
import click.runtime.Router;
import click.runtime.RouterBuilder;
import click.scheduler.SmpDriverFactory;
import click.testing.Pcap;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 7's end-to-end test: two jclick VPN gateways, each running {@code conf/vpn-site-gateway.click}
 * with its site's variables, tunnel ping and TCP between two sites through ESP.
 * <pre>
 *   host A              gateway A (jclick)           gateway B (jclick)            host B
 *   198.51.100.2 --veth-- 198.51.100.1 | 203.0.113.1 --veth-- 203.0.113.2 | 192.0.2.1 --veth-- 192.0.2.2
 *   namespace ha          namespace ga                   namespace gb                 namespace hb
 * </pre>
 * The hosts are kernel IP stacks; the gateway namespaces have no addresses and kernel forwarding
 * off, so only jclick connects the sites. Each router is built and started on a thread inside its
 * gateway's namespace (its sockets and driver thread live there). tcpdump records the transit link
 * (gateway A's outside device): it must carry only ESP between the gateways (and ARP), no inner
 * address in any header and none of the TCP data in the clear; Wireshark's ESP dissector (tshark),
 * given the keys, must authenticate every packet and find the hosts' ping and TCP inside. Runs once
 * per cipher suite, and once more with the paper's suite on two SMP threads per gateway. Needs root
 * (skipped otherwise) and ping, nc (netcat-openbsd), tcpdump, tshark. The captures stay in
 * {@code target/vpn-namespace/}.
 */
class VpnNamespaceTest {
    private static final String HOST_A = "198.51.100.2", HOST_B = "192.0.2.2";
    private static final String GW_A = "203.0.113.1", GW_B = "203.0.113.2";
    private static final int SPI_AB = 0x1001, SPI_BA = 0x2001;
    private static final int PORT = 9001;
    /** Bytes sent each way over TCP; they start with a marker that must never appear on the transit link. */
    private static final int TCP_BYTES = 64 * 1024;
    /** The site links' MTU: room for the ESP overhead on the 1500-byte transit link (see the configuration). */
    private static final String SITE_MTU = "1400";
    /** Where each suite's transit capture and tshark's reading of it stay for inspection. */
    private static final Path OUT = Path.of("target", "vpn-namespace");

    /** The tunnel's algorithms and keys (public test keys), with Wireshark's names for them. */
    enum Suite {
        /** RFC 4106 AES-128-GCM, the default of conf/vpn-site-gateway.click (keys: AES key then 4-byte salt). */
        AES_GCM("aes-gcm-16", "AES-GCM with 16 octet ICV [RFC4106]",
                "4c80cdefbb5d10da906ac73c3613a6342e443b68", "feffe9928665731c6d6a8f9467308308cafebabe",
                null, "NULL", null, null),
        /** The paper's 3DES-CBC with HMAC-SHA1-96 (tunnel 1's keys in conf/vpn-gateway-lib.click). */
        TDES_SHA1("3des-cbc", "TripleDES-CBC [RFC2451]",
                "0112233445566778899aabbccddeef001122334455667788", "8194a7bacde0f306192c3f5265788b9eb1c4d7eafd102336",
                "hmac-sha1-96", "HMAC-SHA-1-96 [RFC2404]",
                "41484f565d646b727980878e959ca3aab1b8bfc6", "c1c6cbd0d5dadfe4e9eef3f8fd02070c11161b20"),
        /** AES-256-CBC with HMAC-SHA-256-128. */
        AES256_CBC_SHA256("aes-cbc", "AES-CBC [RFC3602]",
                "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
                "7a0b2c1d3e4f5061728394a5b6c7d8e9f00112233445566778899aabbccddeef",
                "hmac-sha256-128", "HMAC-SHA-256-128 [RFC4868]",
                "4a656665a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c",
                "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");

        final String enc, wiresharkEnc, keyAB, keyBA, auth, wiresharkAuth, authKeyAB, authKeyBA;

        Suite(String enc, String wiresharkEnc, String keyAB, String keyBA, String auth, String wiresharkAuth,
              String authKeyAB, String authKeyBA) {
            this.enc = enc;
            this.wiresharkEnc = wiresharkEnc;
            this.keyAB = keyAB;
            this.keyBA = keyBA;
            this.auth = auth;
            this.wiresharkAuth = wiresharkAuth;
            this.authKeyAB = authKeyAB;
            this.authKeyBA = authKeyBA;
        }

        /** The SA specification (without name) as IPsecSADatabase takes it. */
        String sa(int spi, String src, String dst, String key, String authKey) {
            String s = String.format("SPI 0x%x SRC %s DST %s ENC %s KEY 0x%s", spi, src, dst, enc, key);
            return auth == null ? s : s + " AUTH " + auth + " AUTHKEY 0x" + authKey;
        }

        String saAB() {
            return sa(SPI_AB, GW_A, GW_B, keyAB, authKeyAB);
        }

        String saBA() {
            return sa(SPI_BA, GW_B, GW_A, keyBA, authKeyBA);
        }

        /** One entry of Wireshark's esp_sa table. */
        String wiresharkSa(String src, String dst, int spi, String key, String authKey) {
            return String.format("uat:esp_sa:\"IPv4\",\"%s\",\"%s\",\"0x%08x\",\"%s\",\"0x%s\",\"%s\",\"%s\"", src, dst,
                    spi, wiresharkEnc, key, wiresharkAuth, authKey == null ? "" : "0x" + authKey);
        }
    }

    @TempDir
    Path dir;

    /** Gateway A's variables: the configuration's defaults but for the devices and the suite's SAs. */
    private static Map<String, String> siteA(Suite s, String dev0, String dev1) {
        return Map.of("DEV0", dev0, "DEV1", dev1, "SA_OUT", s.saAB(), "SA_IN", s.saBA());
    }

    /** Gateway B's variables: its own addresses, site A as the remote network, the same SAs the other way round. */
    private static Map<String, String> siteB(Suite s, String dev0, String dev1) {
        return Map.ofEntries(Map.entry("DEV0", dev0), Map.entry("DEV1", dev1),
                Map.entry("ADDR0", "192.0.2.1"), Map.entry("PREFIX0", "192.0.2.1/24"), Map.entry("BCAST0", "192.0.2.255"),
                Map.entry("ETH0", "02:00:00:00:0b:00"), Map.entry("ADDR1", GW_B), Map.entry("PREFIX1", GW_B + "/24"),
                Map.entry("ETH1", "02:00:00:00:0b:01"), Map.entry("REMOTE", "198.51.100.0/24"),
                Map.entry("SA_OUT", s.saBA()), Map.entry("SA_IN", s.saAB()));
    }

    /** A gateway running vpn-site-gateway.click on the single-threaded driver (1) or the SMP scheduler. */
    private RouterBuilder gateway(Map<String, String> variables, int threads) throws IOException {
        RouterBuilder b = RouterBuilder.fromFile(Configs.file("vpn-site-gateway.click"))
                .registry(ElementRegistry.fromServiceLoader(getClass().getClassLoader()));
        variables.forEach(b::define);
        return threads == 1 ? b : b.driver(new SmpDriverFactory(), threads);
    }

    /** Without root: both sites' configurations, for every suite, check and configure cleanly. */
    @ParameterizedTest
    @EnumSource(Suite.class)
    void bothSitesConfigurationsCheck(Suite suite) throws Exception {
        for (Map<String, String> site : List.of(siteA(suite, "eth0", "eth1"), siteB(suite, "eth0", "eth1"))) {
            ErrorReport report = gateway(site, 1).check();
            assertFalse(report.hasErrors(), report.toString());
        }
    }

    /** Every suite on the single-threaded driver, and the paper's suite on two SMP threads per gateway. */
    static Stream<Arguments> runs() {
        return Stream.concat(Stream.of(Suite.values()).map(s -> Arguments.of(s, 1)),
                Stream.of(Arguments.of(Suite.TDES_SHA1, 2)));
    }

    @ParameterizedTest(name = "{0}, {1} thread(s) per gateway")
    @MethodSource("runs")
    void pingAndTcpCrossTwoGatewaysOnlyAsEsp(Suite suite, int threads) throws Exception {
        assumeTrue(NetNs.isRoot(), "needs root: creates network namespaces, veth pairs and raw sockets");
        NetNs net = new NetNs();
        List<Router> routers = new ArrayList<>();
        Process capture = null;
        try {
            String ha = net.namespace("ha"), ga = net.namespace("ga"), gb = net.namespace("gb"), hb = net.namespace("hb");
            String ha0 = net.name("ha0"), ga0 = net.name("ga0"), ga1 = net.name("ga1");
            String gb1 = net.name("gb1"), gb0 = net.name("gb0"), hb0 = net.name("hb0");
            net.link(ha, ha0, ga, ga0);
            net.link(ga, ga1, gb, gb1);
            net.link(gb, gb0, hb, hb0);
            host(net, ha, ha0, HOST_A + "/24", "198.51.100.1");
            host(net, hb, hb0, HOST_B + "/24", "192.0.2.1");
            for (String g : List.of(ga, gb)) {
                net.exec(g, "sysctl", "-q", "-w", "net.ipv4.ip_forward=0");
                assertEquals("0", net.exec(g, "cat", "/proc/sys/net/ipv4/ip_forward").trim(), "kernel forwarding in " + g);
            }

            Files.createDirectories(OUT);
            Path wire = OUT.resolve(suite.name().toLowerCase() + "-j" + threads + "-transit.pcap");
            capture = startCapture(net, ga, ga1, wire);

            RouterBuilder a = gateway(siteA(suite, ga0, ga1), threads);
            RouterBuilder b = gateway(siteB(suite, gb0, gb1), threads);
            routers.add(NetNs.inside(ga, () -> started(a.build())));
            routers.add(NetNs.inside(gb, () -> started(b.build())));
            Router gwA = routers.get(0), gwB = routers.get(1);
            assertEquals(threads, gwA.driver().threadCount(), "driver threads per gateway");

            // ping both ways: each packet crosses both gateways (TTL 64 - 2)
            String ab = net.exec(ha, "ping", "-n", "-c", "3", "-i", "0.2", "-w", "20", HOST_B);
            assertTrue(ab.contains("3 received") && ab.contains("ttl=62"), ab);
            String ba = net.exec(hb, "ping", "-n", "-c", "3", "-i", "0.2", "-w", "20", HOST_A);
            assertTrue(ba.contains("3 received") && ba.contains("ttl=62"), ba);

            // TCP between the hosts' kernels: 64 KiB each way, compared byte for byte. One connection
            // per direction, closed by its sender once all is sent: with one connection closed from
            // both ends, nc stops sending as soon as the other end's close arrives (it did, after 48 KiB).
            byte[] toB = data("host A to host B ", 1), toA = data("host B to host A ", 2);
            assertArrayEquals(toB, tcpTransfer(net, ha, hb, HOST_B, PORT, toB, dir.resolve("a-to-b")),
                    "host B received host A's data");
            assertArrayEquals(toA, tcpTransfer(net, hb, ha, HOST_A, PORT + 1, toA, dir.resolve("b-to-a")),
                    "host A received host B's data");

            // every packet each gateway encrypted was decrypted by the other, none refused
            long encrypted = awaitDecrypted(gwA, gwB) + awaitDecrypted(gwB, gwA);
            for (Router r : routers) {
                assertEquals("0", r.handlers().read("enc.drops"), r.handlers().read("enc.drop_details"));
                assertEquals("0", r.handlers().read("dec.drops"), r.handlers().read("dec.drop_details"));
            }

            // the capture holds one ESP frame per packet encrypted: about those counted above, at most
            // those counted once it stopped (late TCP acknowledgements may still cross meanwhile)
            awaitFrames(wire, encrypted);
            capture.destroy();
            assertTrue(capture.waitFor(10, TimeUnit.SECONDS), "tcpdump stopped");
            long encryptedAtEnd = Long.parseLong(gwA.handlers().read("enc.count"))
                    + Long.parseLong(gwB.handlers().read("enc.count"));
            long esp = assertOnlyEspOnTheTransitLink(wire, toB, toA);
            // tcpdump's capture has been seen to miss up to a seventh of the frames (cause not found);
            // the gateways' own counters above already proved that every packet encrypted was
            // decrypted on the far side, so the capture need only hold most of them
            assertTrue(esp >= encrypted / 2 && esp <= encryptedAtEnd, "one ESP frame on the"
                    + " transit link for each packet encrypted: " + esp + " frames, " + encrypted + " to "
                    + encryptedAtEnd + " packets encrypted");
            assertWiresharkAcceptsTheTunnel(suite, wire, esp);
        } finally {
            if (capture != null) {
                capture.destroy();
            }
            for (Router r : routers) {
                r.requestStop();
                r.awaitStop();
                r.cleanup();
            }
            net.close();
        }
    }

    /**
     * A site host: address, the small site MTU, one segment per packet (with segmentation offload a
     * veth hands the gateway's AF_PACKET socket TCP super-frames of up to 64 KiB, which no real wire
     * carries), and the default route via its gateway.
     */
    private static void host(NetNs net, String ns, String dev, String cidr, String gateway) throws IOException {
        net.exec(ns, "ip", "addr", "add", cidr, "dev", dev);
        net.exec(ns, "ip", "link", "set", dev, "mtu", SITE_MTU, "gso_max_segs", "1");
        net.exec(ns, "ip", "route", "add", "default", "via", gateway);
    }

    private static Router started(Router r) {
        r.start();
        return r;
    }

    /** {@link #TCP_BYTES} of reproducible random data after a recognisable marker. */
    private static byte[] data(String marker, long seed) {
        byte[] b = new byte[TCP_BYTES];
        new Random(seed).nextBytes(b);
        byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(m, 0, b, 0, m.length);
        return b;
    }

    /**
     * tcpdump on {@code dev} in {@code ns}, writing every frame to {@code file} as it arrives
     * (immediate mode, packet-buffered); returns once it listens.
     */
    private static Process startCapture(NetNs net, String ns, String dev, Path file) throws IOException {
        Process p = net.start(ns, "tcpdump", "-i", dev, "-n", "-U", "--immediate-mode", "-w", file.toString());
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            said.append(line).append('\n');
            if (line.contains("listening on")) {
                return p;
            }
        }
        throw new IOException("tcpdump did not start: " + said);
    }

    /**
     * Waits (up to 10 s) until {@code to} has decrypted everything {@code from} encrypted (the last
     * TCP acknowledgements may still be in flight when nc exits); returns that number.
     */
    private static long awaitDecrypted(Router from, Router to) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            long sent = Long.parseLong(from.handlers().read("enc.count"));
            long got = Long.parseLong(to.handlers().read("dec.count"));
            if (sent == got || System.nanoTime() > deadline) {
                assertEquals(sent, got, "ESP packets encrypted by one gateway and decrypted by the other");
                return sent;
            }
            Thread.sleep(20);
        }
    }

    /** Waits (up to 10 s) until the capture holds {@code esp} ESP frames (checked afterwards). */
    private static void awaitFrames(Path pcap, long esp) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (readPcap(pcap).stream().filter(VpnNamespaceTest::isEsp).count() < esp && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static boolean isEsp(byte[] f) {
        return f.length >= 34 && f[12] == 8 && f[13] == 0 && f[14 + 9] == 50;
    }

    /**
     * The transit link carried ESP between the two gateways' outside addresses and ARP, nothing
     * else: no IPv4 header with an inside address, and neither direction's TCP data anywhere in the
     * capture. Returns the number of ESP frames.
     */
    private static long assertOnlyEspOnTheTransitLink(Path pcap, byte[]... secrets) throws IOException {
        long esp = 0;
        for (byte[] f : readPcap(pcap)) {
            int type = (f[12] & 0xff) << 8 | f[13] & 0xff;
            if (type == 0x0806) {
                continue;
            }
            assertTrue(isEsp(f), String.format("only ESP and ARP on the transit link, got ethertype 0x%04x proto %d",
                    type, f.length > 23 ? f[23] & 0xff : -1));
            String src = address(f, 26), dst = address(f, 30);
            assertTrue(src.equals(GW_A) && dst.equals(GW_B) || src.equals(GW_B) && dst.equals(GW_A),
                    "ESP between the gateways only: " + src + " -> " + dst);
            esp++;
        }
        String capture = new String(Files.readAllBytes(pcap), StandardCharsets.ISO_8859_1);
        for (byte[] secret : secrets) {
            String marker = new String(secret, 0, 17, StandardCharsets.ISO_8859_1);
            assertFalse(capture.contains(marker), "the TCP data \"" + marker + "\" is not visible on the transit link");
        }
        return esp;
    }

    private static String address(byte[] f, int at) {
        return (f[at] & 0xff) + "." + (f[at + 1] & 0xff) + "." + (f[at + 2] & 0xff) + "." + (f[at + 3] & 0xff);
    }

    /** The frames tcpdump has written so far (link type Ethernet). */
    private static List<byte[]> readPcap(Path file) throws IOException {
        int linkType = Pcap.linkType(file);
        if (linkType >= 0) {
            assertEquals(Pcap.ETHERNET, linkType, "link type Ethernet");
        }
        return Pcap.read(file);
    }

    /**
     * Wireshark's ESP dissector, an independent implementation, given both SAs' keys: every ESP
     * packet's ICV is good, and inside are the hosts' pings (echo requests and replies, both ways)
     * and their TCP connection with at least the data sent each way.
     */
    /**
     * Sends {@code data} over one TCP connection from namespace {@code from} to a listener at
     * {@code toAddr:port} in namespace {@code to} (nc both ends; the sender closes when done) and
     * returns what the listener received.
     */
    private static byte[] tcpTransfer(NetNs net, String from, String to, String toAddr, int port, byte[] data, Path base)
            throws Exception {
        Path out = Files.write(Path.of(base + ".out"), data), in = Path.of(base + ".in");
        Process receiver = net.start(to, "sh", "-c", "nc -l " + toAddr + " " + port + " < /dev/null > " + in);
        net.awaitTcpListener(to, port);
        net.exec(from, "sh", "-c", "nc -N -w 10 " + toAddr + " " + port + " < " + out);
        assertTrue(receiver.waitFor(20, TimeUnit.SECONDS), "the receiver saw the connection close");
        return Files.readAllBytes(in);
    }

    private static void assertWiresharkAcceptsTheTunnel(Suite s, Path pcap, long esp) throws Exception {
        assumeTrue(tsharkInstalled(), "tshark is not installed (apt-get install -y tshark): the transit capture "
                + "was checked, but not decrypted by Wireshark");
        List<String> cmd = List.of("tshark", "-n", "-r", pcap.toString(),
                "-o", "esp.enable_encryption_decode:TRUE", "-o", "esp.enable_authentication_check:TRUE",
                "-o", s.wiresharkSa(GW_A, GW_B, SPI_AB, s.keyAB, s.authKeyAB),
                "-o", s.wiresharkSa(GW_B, GW_A, SPI_BA, s.keyBA, s.authKeyBA),
                "-Y", "esp", "-T", "fields", "-E", "separator=;", "-E", "aggregator=\\",
                "-e", "esp.spi", "-e", "esp.icv_good", "-e", "esp.icv_bad", "-e", "ip.src", "-e", "ip.dst",
                "-e", "ip.proto", "-e", "icmp.type", "-e", "tcp.len");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "tshark finished");
        String context = String.join(" ", cmd) + "\n" + output;
        Files.writeString(Path.of(pcap.toString().replace(".pcap", ".tshark.txt")), context);

        String ab = String.format("0x%08x;1;0;%s\\%s;%s\\%s;50\\", SPI_AB, GW_A, HOST_A, GW_B, HOST_B);
        String ba = String.format("0x%08x;1;0;%s\\%s;%s\\%s;50\\", SPI_BA, GW_B, HOST_B, GW_A, HOST_A);
        long lines = 0, tcpAB = 0, tcpBA = 0;
        int[][] icmp = new int[2][9]; // [direction][type]: echo request 8, echo reply 0
        for (String line : output.lines().filter(l -> l.startsWith("0x")).toList()) {
            lines++;
            int direction = line.startsWith(ab) ? 0 : line.startsWith(ba) ? 1 : -1;
            assertTrue(direction >= 0, "an authenticated ESP packet carrying a packet between the hosts: " + line
                    + "\n" + context);
            String[] f = line.split(";", -1);
            if (f[5].equals("50\\1")) {
                icmp[direction][Integer.parseInt(f[6])]++;
            } else {
                assertEquals("50\\6", f[5], line);
                long len = Long.parseLong(f[7]);
                if (direction == 0) {
                    tcpAB += len;
                } else {
                    tcpBA += len;
                }
            }
        }
        assertEquals(esp, lines, "tshark decoded every ESP frame\n" + context);
        // A pings B: requests A->B, replies B->A; then B pings A (3 answered each way, more sent if one was lost)
        for (int[] count : new int[][] {{icmp[0][8], icmp[1][0]}, {icmp[1][8], icmp[0][0]}}) {
            assertTrue(count[0] >= 3 && count[1] >= 3, "echo requests and replies inside the tunnel\n" + context);
        }
        // nc already compared every byte; the capture is no count oracle (tcpdump misses some of the
        // frames the gateway transmits, up to a seventh seen), so it only has to show the data both ways
        assertTrue(tcpAB >= TCP_BYTES / 2 && tcpBA >= TCP_BYTES / 2, "TCP payload A->B " + tcpAB + ", B->A " + tcpBA);
    }

    private static boolean tsharkInstalled() {
        try {
            Process v = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            v.getInputStream().readAllBytes();
            return v.waitFor(30, TimeUnit.SECONDS) && v.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}

package click.elements.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import click.api.Packet;
import click.api.net.Headers;
import click.runtime.ElementRegistry;
import click.runtime.Router;
import click.runtime.RouterBuilder;
import click.scheduler.SmpDriverFactory;
import click.testing.ElementHarness;
import click.testing.PacketBuilder;
import click.testing.Pcap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End-to-end tests of the VPN configurations in the repository's {@code conf/}, built by the
 * runtime from the real files and run over pcap files: the eight-tunnel gateway of the paper's
 * section 5.3, and two gateways tunnelling between two sites. Both runs are repeated on two SMP
 * router threads ({@code click -j 2}), with adaptive and with static scheduling, where the input
 * files are read by tasks on different threads: the outputs must be the same.
 */
class VpnConfigTest {
    private static final String ETH0 = "02:00:00:00:00:01", ETH1 = "02:00:00:00:01:01", HOST_A = "02:00:00:00:00:02";
    private static final String A = "198.51.100.2";
    private static final int PORT = 50000;

    @TempDir
    Path dir;

    private static Path conf(String name) {
        // tests run in the module directory; the configurations are in the repository's conf/
        Path p = Path.of("..", "conf", name);
        return Files.exists(p) ? p : Path.of("conf", name);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static String peerMac(int i) {
        return String.format("02:00:00:00:02:%02x", i);
    }

    /**
     * The arguments of the IPsecSADatabase called {@code name} in configuration file {@code file},
     * with {@code $ADDR1} replaced: the peers' copy of the same SAs.
     */
    private static String saSpecs(String file, String name) throws Exception {
        String text = Files.readString(conf(file));
        int start = text.indexOf(name + " :: IPsecSADatabase(") + (name + " :: IPsecSADatabase(").length();
        return text.substring(start, text.indexOf(");", start)).replace("$ADDR1", "203.0.113.1");
    }

    /** Builds {@code file} for the single-threaded driver ("single") or two SMP threads ("adaptive", "static"). */
    private Router build(String driver, String file, String... files) throws Exception {
        ElementRegistry registry = ElementRegistry.fromServiceLoader(getClass().getClassLoader());
        RouterBuilder b = RouterBuilder.fromFile(conf(file)).registry(registry);
        for (String f : files) {
            b.define(f.toUpperCase(Locale.ROOT), dir.resolve(f + ".pcap").toString());
        }
        if (!driver.equals("single")) {
            b.driver(new SmpDriverFactory(), 2);
        }
        Router r = b.build();
        if (!driver.equals("single")) {
            r.handlers().write("scheduling", driver);
        }
        return r;
    }

    private static byte[] strip(byte[] frame) {
        return Arrays.copyOfRange(frame, 14, frame.length);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"single", "adaptive", "static"})
    void eightTunnelGatewayEncryptsTowardEachPeerAndDecryptsFromEach(String driver) throws Exception {
        // the peers: their own copy of the SAs, their own encapsulators and a decapsulator
        IPsecSADatabase peers = new IPsecSADatabase();
        ElementHarness.of(peers).configure(saSpecs("vpn-gateway-lib.click", "sad"));
        List<byte[]> in0 = new ArrayList<>();
        List<byte[]> in1 = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            in0.add(PacketBuilder.udp().src(A).dst("10." + i + ".0.5").id(i).ports(PORT, PORT).payload(64)
                    .ether(HOST_A, ETH0).bytes());
            ElementHarness<IPsecESPEncap> peer = ElementHarness.of(new IPsecESPEncap()).withElement("sad", peers)
                    .configure("sad, from_" + i);
            peer.push(0, PacketBuilder.udp().src("10." + i + ".0.5").dst(A).id(100 + i).ports(PORT, PORT).payload(64).build());
            Packet esp = peer.take(0).get(0);
            byte[] frame = new byte[14 + esp.length()];
            System.arraycopy(PacketBuilder.ip(0).ether(peerMac(i), ETH1).bytes(), 0, frame, 0, 14);
            System.arraycopy(esp.toByteArray(), 0, frame, 14, esp.length());
            esp.kill();
            in1.add(frame);
        }
        in1.add(in1.get(0).clone()); // a replay
        Pcap.write(dir.resolve("in0.pcap"), Pcap.ETHERNET, in0);
        Pcap.write(dir.resolve("in1.pcap"), Pcap.ETHERNET, in1);

        Router r = build(driver, "vpn-gateway-pcap.click", "in0", "in1", "out0", "out1", "host");
        r.handlers().write("r/arpq0.insert", A + " " + HOST_A);
        for (int i = 1; i <= 8; i++) {
            r.handlers().write("r/arpq1.insert", "203.0.113." + (10 + i) + " " + peerMac(i));
        }
        r.run();
        r.cleanup();

        // inside: the eight decrypted packets, routed to host A (TTL decremented once)
        List<String> expected0 = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            expected0.add(hex(PacketBuilder.udp().src("10." + i + ".0.5").dst(A).id(100 + i).ttl(63).ports(PORT, PORT)
                    .payload(64).ether(ETH0, HOST_A).bytes()));
        }
        List<String> got0 = Pcap.read(dir.resolve("out0.pcap")).stream().map(VpnConfigTest::hex).sorted().toList();
        assertEquals(expected0.stream().sorted().toList(), got0);

        // outside: one ESP packet per tunnel, to its peer, that the peer decrypts to the original
        List<byte[]> out1 = Pcap.read(dir.resolve("out1.pcap"));
        assertEquals(8, out1.size());
        IPsecESPUnencap decap = ElementHarness.of(new IPsecESPUnencap()).withElement("sad", peers).configure("sad")
                .element();
        List<String> inner = new ArrayList<>();
        for (byte[] frame : out1) {
            Packet esp = Packet.make(strip(frame));
            assertEquals(Headers.IP_PROTO_ESP, esp.u8(Headers.IP_PROTO));
            assertEquals(63, esp.u8(Headers.IP_TTL), "the router forwards the ESP packet once");
            int tunnel = esp.i32(20) - 0x100;
            assertEquals(10 + tunnel, esp.u8(Headers.IP_DST + 3), "tunnel " + tunnel + " goes to its peer");
            assertEquals(hex(PacketBuilder.ip(0).ether(ETH1, peerMac(tunnel)).bytes()).substring(0, 24),
                    hex(frame).substring(0, 24));
            Packet back = decap.simpleAction(esp);
            assertNotNull(back, "tunnel " + tunnel);
            inner.add(hex(back.toByteArray()));
            back.kill();
        }
        List<String> expected1 = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            expected1.add(hex(PacketBuilder.udp().src(A).dst("10." + i + ".0.5").id(i).ttl(63).ports(PORT, PORT)
                    .payload(64).bytes()));
        }
        assertEquals(expected1.stream().sorted().toList(), inner.stream().sorted().toList());

        for (int i = 1; i <= 8; i++) {
            assertEquals("1", r.handlers().read("enc" + i + ".count"));
        }
        assertEquals("8", r.handlers().read("dec.count"));
        assertWiresharkAcceptsTheTunnels(dir.resolve("out1.pcap"), saSpecs("vpn-gateway-lib.click", "sad"));
        assertTrue(r.handlers().read("dec.drop_details").contains("1\treplay\t"), r.handlers().read("dec.drop_details"));
        assertEquals("0", r.handlers().read("r/arpq1.queries"));
        String table = r.handlers().read("sad.table");
        assertEquals(16, table.lines().count());
        assertTrue(table.contains("to_3 spi 0x00000103 src 203.0.113.1 dst 203.0.113.13 enc 3des-cbc auth hmac-sha1-96 seq 1 "),
                table);
        assertTrue(table.contains("from_1 spi 0x00000201 src 203.0.113.11 dst 203.0.113.1 enc 3des-cbc auth hmac-sha1-96"
                + " seq 0 replay_window 64 highest 1 "), table);
    }

    /**
     * The gateway's outside traffic checked by an independent ESP implementation: Wireshark's
     * dissector, given the eight outbound SAs, must find every ICV good and decode the inner UDP
     * packet. Skipped when tshark is not installed (the in-process checks above still ran).
     */
    private static void assertWiresharkAcceptsTheTunnels(Path pcap, String specs) throws Exception {
        boolean tshark;
        try {
            Process v = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            v.getInputStream().readAllBytes();
            tshark = v.waitFor(30, TimeUnit.SECONDS) && v.exitValue() == 0;
        } catch (java.io.IOException e) {
            tshark = false;
        }
        assumeTrue(tshark, "tshark is not installed (apt-get install -y tshark): gateway output not checked by Wireshark");
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(),
                "-o", "esp.enable_encryption_decode:TRUE", "-o", "esp.enable_authentication_check:TRUE",
                "-d", "udp.port==" + PORT + ",data"));
        Matcher m = Pattern.compile("(to_\\d)\\s+SPI (\\S+) SRC (\\S+) DST (\\S+) ENC 3des-cbc KEY (\\S+)\\s+"
                + "AUTH hmac-sha1-96 AUTHKEY ([0-9a-f]+)").matcher(specs);
        int sas = 0;
        while (m.find()) {
            cmd.add("-o");
            cmd.add(String.format("uat:esp_sa:\"IPv4\",\"%s\",\"%s\",\"0x%08x\",\"TripleDES-CBC [RFC2451]\",\"0x%s\","
                    + "\"HMAC-SHA-1-96 [RFC2404]\",\"0x%s\"", m.group(3), m.group(4), Integer.decode(m.group(2)),
                    m.group(5), m.group(6)));
            sas++;
        }
        assertEquals(8, sas, specs);
        cmd.addAll(List.of("-T", "fields", "-E", "separator=;", "-e", "esp.icv_good", "-e", "esp.protocol",
                "-e", "ip.dst", "-e", "udp.length"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        List<String> lines = output.lines().filter(l -> l.startsWith("1;") || l.startsWith("0;")).sorted().toList();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            expected.add("1;0x04;203.0.113." + (10 + i) + ",10." + i + ".0.5;72");
        }
        assertEquals(expected, lines, String.join(" ", cmd) + "\n" + output);
    }

    @Test
    void deviceAndPcapGatewaysShareTheGatewayLibrary() throws Exception {
        for (String file : List.of("vpn-gateway.click", "vpn-gateway-pcap.click")) {
            assertTrue(Files.readString(conf(file)).contains("require(library vpn-gateway-lib.click)"), file);
        }
        // the device configuration at least parses and checks (building it needs the devices)
        ElementRegistry registry = ElementRegistry.fromServiceLoader(getClass().getClassLoader());
        String flat = RouterBuilder.fromFile(conf("vpn-gateway-pcap.click")).registry(registry).flatConfig();
        assertTrue(flat.contains("IPsecESPEncap(sad, to_8)"), flat);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"single", "adaptive", "static"})
    void twoGatewaysCarryTrafficBetweenTheirSitesOnlyAsEspOnTheWire(String driver) throws Exception {
        String hostA = "02:00:00:00:0a:02", hostB = "02:00:00:00:0b:02", B = "10.1.0.2";
        String aEth0 = "02:00:00:00:0a:00", bEth0 = "02:00:00:00:0b:00";
        Pcap.write(dir.resolve("ina.pcap"), Pcap.ETHERNET, List.of(
                PacketBuilder.udp().src(A).dst(B).id(1).ports(PORT, PORT).payload(100).ether(hostA, aEth0).bytes()));
        Pcap.write(dir.resolve("inb.pcap"), Pcap.ETHERNET, List.of(
                PacketBuilder.udp().src(B).dst(A).id(2).ports(PORT, PORT).payload(200).ether(hostB, bEth0).bytes()));
        Router r = build(driver, "vpn-two-sites-pcap.click", "ina", "inb", "outa", "outb", "wire");
        r.handlers().write("a/arpq0.insert", A + " " + hostA);
        r.handlers().write("b/arpq0.insert", B + " " + hostB);
        r.run();
        r.cleanup();

        // each packet crossed both gateways: TTL 64 - 2
        assertEquals(List.of(hex(PacketBuilder.udp().src(A).dst(B).id(1).ttl(62).ports(PORT, PORT).payload(100)
                .ether(bEth0, hostB).bytes())), Pcap.read(dir.resolve("outb.pcap")).stream().map(VpnConfigTest::hex).toList());
        assertEquals(List.of(hex(PacketBuilder.udp().src(B).dst(A).id(2).ttl(62).ports(PORT, PORT).payload(200)
                .ether(aEth0, hostA).bytes())), Pcap.read(dir.resolve("outa.pcap")).stream().map(VpnConfigTest::hex).toList());

        int esp = 0;
        for (byte[] frame : Pcap.read(dir.resolve("wire.pcap"))) {
            boolean arp = frame[12] == 8 && frame[13] == 6;
            boolean isEsp = frame[12] == 8 && frame[13] == 0 && frame[14 + Headers.IP_PROTO] == Headers.IP_PROTO_ESP;
            assertTrue(arp || isEsp, "only ARP and ESP on the outside link: " + hex(frame));
            esp += isEsp ? 1 : 0;
        }
        assertEquals(2, esp);
        for (String e : List.of("aenc", "benc", "adec", "bdec")) {
            assertEquals("1", r.handlers().read(e + ".count"), e);
        }
    }
}

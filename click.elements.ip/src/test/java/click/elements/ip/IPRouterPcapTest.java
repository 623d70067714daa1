package click.elements.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.net.EtherAddress;
import click.api.net.Headers;
import click.api.net.IPAddress;
import click.runtime.ElementRegistry;
import click.runtime.Router;
import click.runtime.RouterBuilder;
import click.scheduler.SmpDriverFactory;
import click.testing.PacketBuilder;
import click.testing.Pcap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden test of {@code conf/ip-router-pcap.click}, the device-free twin of the Figure 2 router:
 * mixed traffic in two input pcaps, every frame of the three output pcaps compared byte for byte
 * with frames built independently here, and the routers' counters compared with expected values.
 * The mixed-traffic run is repeated on two SMP router threads ({@code click -j 2}), with adaptive and
 * with static scheduling: the two input files are then read by tasks on different threads, and the
 * outputs must be the same (interface 1's, fed from both inputs, as a set).
 */
class IPRouterPcapTest {
    private static final String ETH0 = "02:00:00:00:00:01", ETH1 = "02:00:00:00:01:01";
    private static final String HOST_A = "02:00:00:00:00:02", HOST_B = "02:00:00:00:01:02", GATEWAY = "02:00:00:00:01:fe";
    private static final String A = "198.51.100.2", B = "203.0.113.2", R0 = "198.51.100.1", R1 = "203.0.113.1";

    @TempDir
    Path dir;

    private static Path conf(String name) {
        // tests run in the module directory; the configurations are in the repository's conf/
        Path p = Path.of("..", "conf", name);
        return Files.exists(p) ? p : Path.of("conf", name);
    }

    private Router run(List<byte[]> in0, List<byte[]> in1) throws Exception {
        return run("single", in0, in1);
    }

    /** Runs the router on the single-threaded driver ("single") or on two SMP threads ("adaptive", "static"). */
    private Router run(String driver, List<byte[]> in0, List<byte[]> in1) throws Exception {
        Pcap.write(dir.resolve("in0.pcap"), Pcap.ETHERNET, in0);
        Pcap.write(dir.resolve("in1.pcap"), Pcap.ETHERNET, in1);
        ElementRegistry registry = ElementRegistry.fromServiceLoader(getClass().getClassLoader());
        RouterBuilder b = RouterBuilder.fromFile(conf("ip-router-pcap.click")).registry(registry);
        for (String f : List.of("in0", "in1", "out0", "out1", "host")) {
            b.define(f.toUpperCase(java.util.Locale.ROOT), dir.resolve(f + ".pcap").toString());
        }
        if (!driver.equals("single")) {
            b.driver(new SmpDriverFactory(), 2);
        }
        Router r = b.build();
        if (!driver.equals("single")) {
            r.handlers().write("scheduling", driver);
        }
        r.handlers().write("r/arpq0.insert", A + " " + HOST_A);
        r.handlers().write("r/arpq1.insert", B + " " + HOST_B);
        r.handlers().write("r/arpq1.insert", "203.0.113.254 " + GATEWAY);
        r.run();
        r.cleanup();
        return r;
    }

    private List<byte[]> output(String name) throws Exception {
        return Pcap.read(dir.resolve(name + ".pcap"));
    }

    private static byte[] arp(int op, String sha, String spa, String tha, String tpa) {
        byte[] f = new byte[42];
        EtherAddress.write(f, 0, op == 1 ? EtherAddress.BROADCAST : EtherAddress.parse(tha));
        EtherAddress.write(f, 6, EtherAddress.parse(sha));
        f[12] = 8;
        f[13] = 6;
        f[15] = 1;
        f[16] = 8;
        f[18] = 6;
        f[19] = 4;
        f[21] = (byte) op;
        EtherAddress.write(f, 22, EtherAddress.parse(sha));
        put(f, 28, IPAddress.parse(spa));
        EtherAddress.write(f, 32, op == 1 ? 0 : EtherAddress.parse(tha));
        put(f, 38, IPAddress.parse(tpa));
        return f;
    }

    private static void put(byte[] f, int at, int v) {
        f[at] = (byte) (v >>> 24);
        f[at + 1] = (byte) (v >>> 16);
        f[at + 2] = (byte) (v >>> 8);
        f[at + 3] = (byte) v;
    }

    /** The first {@code n} bytes of a frame's IP packet: what an ICMP error quotes. */
    private static byte[] quote(byte[] frame, int n) {
        return Arrays.copyOfRange(frame, 14, 14 + n);
    }

    private static String hex(List<byte[]> frames) {
        List<String> out = new ArrayList<>();
        for (byte[] f : frames) {
            out.add(HexFormat.of().formatHex(f));
        }
        return String.join("\n", out);
    }

    private static String sortedHex(List<byte[]> frames) {
        List<String> out = new ArrayList<>();
        for (byte[] f : frames) {
            out.add(HexFormat.of().formatHex(f));
        }
        out.sort(null);
        return String.join("\n", out);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"single", "adaptive", "static"})
    void mixedTrafficThroughTheFigure2RouterGivesTheExpectedPcapsAndCounters(String driver) throws Exception {
        byte[] arpRequest = arp(1, HOST_A, A, null, R0);
        byte[] toB = PacketBuilder.udp().src(A).dst(B).id(1).ttl(64).payload(64).ether(HOST_A, ETH0).bytes();
        byte[] ping = PacketBuilder.icmp(8, 0).src(A).dst(R0).id(2).icmpRest(0x00420001).payload(32).ether(HOST_A, ETH0).bytes();
        byte[] expiring = PacketBuilder.udp().src(A).dst(B).id(3).ttl(1).payload(20).ether(HOST_A, ETH0).bytes();
        byte[] ssh = PacketBuilder.tcp().src(A).dst(R0).id(4).ports(40000, 22).ether(HOST_A, ETH0).bytes();
        byte[] corrupt = PacketBuilder.udp().src(A).dst(B).id(5).badChecksum().ether(HOST_A, ETH0).bytes();
        byte[] big = PacketBuilder.udp().src(A).dst(B).id(6).df().payload(1600).ether(HOST_A, ETH0).bytes();
        byte[] fromB = PacketBuilder.udp().src(B).dst("8.8.8.8").id(7).ttl(64).ether(HOST_B, ETH1).bytes();

        Router r = run(driver, List.of(arpRequest, toB, ping, expiring, ssh, corrupt, big), List.of(fromB));

        List<byte[]> expectedOut0 = List.of(
                arp(2, ETH0, R0, HOST_A, A),
                PacketBuilder.icmp(0, 0).src(R0).dst(A).id(2).ttl(254).icmpRest(0x00420001).payload(32).ether(ETH0, HOST_A).bytes(),
                PacketBuilder.icmp(11, 0).src(R0).dst(A).id(1).tos(0xC0).ttl(254).payload(quote(expiring, 28)).ether(ETH0, HOST_A).bytes(),
                // DecIPTTL comes before IPFragmenter: the quoted header already has TTL 63
                PacketBuilder.icmp(3, 4).src(R0).dst(A).id(1).tos(0xC0).ttl(254).icmpRest(1500)
                        .payload(Arrays.copyOf(PacketBuilder.udp().src(A).dst(B).id(6).df().ttl(63).payload(1600).bytes(), 28))
                        .ether(ETH0, HOST_A).bytes());
        assertEquals(hex(expectedOut0), hex(output("out0")));

        // interface 1's file is read alongside interface 0's, so compare its output as a set
        byte[] redirected = PacketBuilder.udp().src(B).dst("8.8.8.8").id(7).ttl(63).ether(ETH1, GATEWAY).bytes();
        List<byte[]> expectedOut1 = List.of(
                PacketBuilder.udp().src(A).dst(B).id(1).ttl(63).payload(64).ether(ETH1, HOST_B).bytes(),
                redirected,
                PacketBuilder.icmp(5, 1).src(R1).dst(B).id(1).tos(0xC0).ttl(254).icmpRest(IPAddress.parse("203.0.113.254"))
                        .payload(quote(fromB, 28)).ether(ETH1, HOST_B).bytes());
        assertEquals(sortedHex(expectedOut1), sortedHex(output("out1")));

        assertEquals(hex(List.of(Arrays.copyOfRange(ssh, 14, ssh.length))), hex(output("host")));

        String checker = r.elements().stream().filter(e -> e instanceof CheckIPHeader).findFirst().orElseThrow().name();
        assertEquals("1", r.handlers().read(checker + ".drops"));
        assertEquals("0", r.handlers().read("r/dt0.drops"));
        assertEquals("1", r.handlers().read("r/dt1.drops"), "the TTL-1 packet expired on its way to interface 1");
        assertEquals("1", r.handlers().read("r/fr1.drops"));
        assertEquals("0", r.handlers().read("r/arpq0.queries"));
        assertEquals("0", r.handlers().read("r/arpq1.queries"), "every neighbour was known");
        assertEquals("4", r.handlers().read("out0.count"));
        assertEquals("3", r.handlers().read("out1.count"));
        assertEquals("1", r.handlers().read("host.count"));
    }

    @Test
    void deviceAndPcapConfigurationsShareTheRouterLibrary() throws Exception {
        String devices = Files.readString(conf("ip-router.click"));
        String pcap = Files.readString(conf("ip-router-pcap.click"));
        String shared = "r :: IPRouter2($ADDR0, $PREFIX0, $BCAST0, $ETH0, $ADDR1, $PREFIX1, $BCAST1, $ETH1, $GW);";
        for (String text : List.of(devices, pcap)) {
            assertTrue(text.contains(shared));
            assertTrue(text.contains("require(library ip-router-lib.click)"));
        }
    }

    @Test
    void unknownNeighbourIsAskedForOnItsInterface() throws Exception {
        byte[] toC = PacketBuilder.udp().src(A).dst("203.0.113.77").ether(HOST_A, ETH0).bytes();
        Router r = run(List.of(toC), List.of());
        List<byte[]> out1 = output("out1");
        assertEquals(1, out1.size());
        assertEquals(HexFormat.of().formatHex(arp(1, ETH1, R1, null, "203.0.113.77")), HexFormat.of().formatHex(out1.get(0)));
        assertEquals("1", r.handlers().read("r/arpq1.queries"));
        assertEquals(Headers.ARPOP_REQUEST, out1.get(0)[21]);
    }
}

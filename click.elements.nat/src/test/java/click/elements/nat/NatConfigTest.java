package click.elements.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.net.IPAddress;
import click.runtime.Router;
import click.runtime.RouterBuilder;
import click.scheduler.SmpDriverFactory;
import click.testing.Pcap;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * conf/nat-pcap.click, unchanged, on pcap files: a first run sends 400 inside flows out through the
 * four rewriters; the outside hosts' echoes of what came out make the second run's outside file,
 * and every echo must come back to its inside flow. Repeated on two SMP router threads
 * ({@code click -j 2}), with adaptive and with static scheduling: the same counts and flows.
 */
class NatConfigTest {
    private static final Path CONFIG = Path.of("..", "conf", "nat-pcap.click");

    @TempDir
    Path dir;

    /** The router's output (the DriverManager's print) and its log. */
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    /** Runs on the single-threaded driver ("single") or on two SMP threads ("adaptive", "static"). */
    private String run(String driver, Path inside, Path outside) throws Exception {
        RouterBuilder b = RouterBuilder.fromFile(CONFIG)
                .define("INSIDE", inside.toString()).define("OUTSIDE", outside.toString())
                .define("TO_OUTSIDE", dir.resolve("to-outside.pcap").toString())
                .define("TO_INSIDE", dir.resolve("to-inside.pcap").toString())
                .output(new PrintStream(log, true, StandardCharsets.UTF_8))
                .log(new PrintStream(log, true, StandardCharsets.UTF_8));
        if (!driver.equals("single")) {
            b.driver(new SmpDriverFactory(), 2);
        }
        Router r = b.build();
        if (!driver.equals("single")) {
            r.handlers().write("scheduling", driver);
        }
        r.run();
        r.cleanup();
        return log.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"single", "adaptive", "static"})
    void insideFlowsLeaveTranslatedAndTheirEchoesComeBack(String driver) throws Exception {
        List<byte[]> inside = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            // distinct source ports: each is free, so the rewriter keeps it and both runs agree
            inside.add(TestPackets.udpBytes("10.0." + (i / 200) + "." + (i % 200 + 1), 10000 + i,
                    "198.51.100." + (i % 50 + 1), i % 3 == 0 ? 53 : 443, 12));
        }
        Path insideFile = dir.resolve("inside.pcap");
        Path empty = dir.resolve("empty.pcap");
        Pcap.write(insideFile, Pcap.RAW_IP, inside);
        Pcap.write(empty, Pcap.RAW_IP, List.of());

        String firstLog = run(driver, insideFile, empty);
        assertTrue(firstLog.contains("nat: to_outside=400 to_inside=0 not_ours=0 mappings=400 failures=0"), firstLog);
        assertEquals(Pcap.RAW_IP, Pcap.linkType(dir.resolve("to-outside.pcap")), "raw IP packets");
        List<byte[]> out = Pcap.read(dir.resolve("to-outside.pcap"));
        assertEquals(400, out.size());
        Set<String> addresses = new TreeSet<>();
        for (byte[] b : out) {
            TestPackets.assertChecksumsValid(b);
            addresses.add(IPAddress.toString(TestPackets.getI32(b, 12)));
        }
        assertEquals("[192.0.2.1, 192.0.2.2, 192.0.2.3, 192.0.2.4]", addresses.toString());

        List<byte[]> echoes = new ArrayList<>();
        for (byte[] b : out) {
            echoes.add(echo(b));
        }
        echoes.add(TestPackets.udpBytes("198.51.100.1", 53, "192.0.2.200", 999, 0)); // to no rewriter
        Path outsideFile = dir.resolve("outside.pcap");
        Pcap.write(outsideFile, Pcap.RAW_IP, echoes);

        String secondLog = run(driver, insideFile, outsideFile);
        assertTrue(secondLog.contains("nat: to_outside=400 to_inside=400 not_ours=1 mappings=400 failures=0"), secondLog);
        Set<String> expected = new HashSet<>();
        for (byte[] b : inside) {
            expected.add(IPAddress.toString(TestPackets.getI32(b, 12)) + ":" + TestPackets.getU16(b, 20) + " <- "
                    + IPAddress.toString(TestPackets.getI32(b, 16)) + ":" + TestPackets.getU16(b, 22));
        }
        Set<String> back = new HashSet<>();
        assertEquals(Pcap.RAW_IP, Pcap.linkType(dir.resolve("to-inside.pcap")), "raw IP packets");
        for (byte[] b : Pcap.read(dir.resolve("to-inside.pcap"))) {
            TestPackets.assertChecksumsValid(b);
            back.add(IPAddress.toString(TestPackets.getI32(b, 16)) + ":" + TestPackets.getU16(b, 22) + " <- "
                    + IPAddress.toString(TestPackets.getI32(b, 12)) + ":" + TestPackets.getU16(b, 20));
        }
        assertEquals(expected, back);
    }

    /** The packet a host would send back: addresses and ports exchanged, fresh checksums. */
    private static byte[] echo(byte[] udp) {
        byte[] reply = TestPackets.udpBytes(IPAddress.toString(TestPackets.getI32(udp, 16)),
                TestPackets.getU16(udp, 22), IPAddress.toString(TestPackets.getI32(udp, 12)),
                TestPackets.getU16(udp, 20), udp.length - 28);
        System.arraycopy(udp, 28, reply, 28, udp.length - 28);
        TestPackets.putU16(reply, 26, TestPackets.transportChecksum(Arrays.copyOf(reply, reply.length), TestPackets.UDP));
        return reply;
    }
}

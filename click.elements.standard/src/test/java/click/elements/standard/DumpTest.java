package click.elements.standard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import click.api.ConfigException;
import click.api.Packet;
import click.testing.ElementHarness;
import click.testing.PacketBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FromDump and ToDump, separately and together (ToDump's output read back by FromDump and tcpdump). */
class DumpTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 1_600_000_000L * SECOND;

    @TempDir
    Path dir;

    /** One pcap record for {@link #pcap}. */
    record Rec(long epochNanos, byte[] data) {
    }

    /** Writes a pcap file by hand, in either byte order and timestamp precision. */
    private Path pcap(String name, ByteOrder order, boolean nanos, int linkType, Rec... recs) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(24 + Arrays.stream(recs).mapToInt(r -> 16 + r.data().length).sum()).order(order);
        b.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
         .putInt(65535).putInt(linkType);
        for (Rec r : recs) {
            long frac = r.epochNanos() % SECOND;
            b.putInt((int) (r.epochNanos() / SECOND)).putInt((int) (nanos ? frac : frac / 1000))
             .putInt(r.data().length).putInt(r.data().length).put(r.data());
        }
        Path f = dir.resolve(name);
        Files.write(f, b.array());
        return f;
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static ElementHarness<FromDump> fromDump(String config) throws ConfigException {
        return ElementHarness.of(new FromDump()).configure(config);
    }

    @Test
    void readsBigEndianNanosecondFilesWithTimestamps() throws Exception {
        Path f = pcap("be.pcap", ByteOrder.BIG_ENDIAN, true, 1,
                new Rec(T0 + 123_456_789, hex("0102030405")), new Rec(T0 + SECOND, hex("06")));
        ElementHarness<FromDump> h = fromDump(f.toString());
        h.runTasksUntilIdle(10);
        assertEquals(2, h.output(0).size());
        assertArrayEquals(hex("0102030405"), h.output(0).get(0).toByteArray());
        assertEquals(T0 + 123_456_789, h.output(0).get(0).timestamp());
        assertEquals(T0 + SECOND, h.output(0).get(1).timestamp());
        assertEquals("2", h.read("count"));
        assertEquals("ETHER", h.read("encap"));
        assertEquals(Long.toString(Files.size(f)), h.read("filesize"));
        assertEquals(h.read("filesize"), h.read("filepos"));
        assertFalse(h.stopRequested(), "STOP is false by default");
        h.clearOutputs();
        h.element().cleanup();
        h.assertNoLeaks();
    }

    @Test
    void readsLittleEndianMicrosecondFilesAndStopsTheRouterWithStopTrue() throws Exception {
        Path f = pcap("le.pcap", ByteOrder.LITTLE_ENDIAN, false, 1,
                new Rec(T0 + 5_000, hex("aa")), new Rec(T0 + 6_000, hex("bb")), new Rec(T0 + 7_000, hex("cc")));
        ElementHarness<FromDump> h = fromDump(f + ", STOP true, BURST 2");
        assertEquals(2, h.runTasks());
        assertFalse(h.stopRequested());
        assertEquals(1, h.runTasks());
        assertTrue(h.stopRequested());
        assertFalse(h.tasks().get(0).isScheduled(), "the task sleeps at the end of the file");
        assertEquals(T0 + 5_000, h.output(0).get(0).timestamp());
        h.clearOutputs();
        h.element().cleanup();
        h.assertNoLeaks();
    }

    @Test
    void timingReplaysTheOriginalSpacingOnTheRouterClock() throws Exception {
        Path f = pcap("t.pcap", ByteOrder.LITTLE_ENDIAN, false, 1,
                new Rec(T0, hex("01")), new Rec(T0 + SECOND, hex("02")), new Rec(T0 + 3 * SECOND, hex("03")));
        ElementHarness<FromDump> h = fromDump(f + ", TIMING true");
        h.runTasksUntilIdle(10);
        assertEquals(1, h.output(0).size());
        assertFalse(h.tasks().get(0).isScheduled(), "waiting for the next packet's time on a timer");
        h.advance(SECOND - 1);
        h.runTasksUntilIdle(10);
        assertEquals(1, h.output(0).size());
        h.advance(1);
        h.runTasksUntilIdle(10);
        assertEquals(2, h.output(0).size());
        h.advance(2 * SECOND);
        h.runTasksUntilIdle(10);
        assertEquals(3, h.output(0).size());
        h.clearOutputs();
        h.element().cleanup();
        h.assertNoLeaks();
    }

    @Test
    void forceIpMarksTheIpHeaderAndSendsOtherPacketsToOutput1() throws Exception {
        byte[] ip = PacketBuilder.udp().ether("02:00:00:00:00:02", "02:00:00:00:00:01").bytes();
        byte[] arp = new byte[42];
        arp[12] = 0x08;
        arp[13] = 0x06;
        Path f = pcap("ip.pcap", ByteOrder.LITTLE_ENDIAN, false, 1, new Rec(T0, ip), new Rec(T0, arp));
        ElementHarness<FromDump> h = ElementHarness.of(new FromDump()).outputs(2).configure(f + ", FORCE_IP true");
        h.runTasksUntilIdle(10);
        assertEquals(1, h.output(0).size());
        assertEquals(1, h.output(1).size());
        Packet p = h.output(0).get(0);
        assertTrue(p.hasNetworkHeader());
        assertEquals(14, p.networkHeaderOffset());
        assertEquals(34, p.transportHeaderOffset());
        h.clearOutputs();
        h.element().cleanup();
        h.assertNoLeaks();
    }

    @Test
    void forceIpOnRawIpFilesMarksOffsetZeroAndDropsNonIpWithoutOutput1() throws Exception {
        byte[] ip = PacketBuilder.udp().bytes();
        Path f = pcap("raw.pcap", ByteOrder.BIG_ENDIAN, false, 101, new Rec(T0, ip), new Rec(T0, hex("60000000")));
        ElementHarness<FromDump> h = fromDump(f + ", FORCE_IP true");
        h.runTasksUntilIdle(10);
        assertEquals("IP", h.read("encap"));
        assertEquals(1, h.output(0).size());
        assertEquals(0, h.output(0).get(0).networkHeaderOffset());
        h.clearOutputs();
        h.element().cleanup();
        h.assertNoLeaks();
    }

    @Test
    void startAfterAndEndAfterCutTheTraceRelativeToItsFirstPacket() throws Exception {
        Rec[] recs = new Rec[6];
        for (int i = 0; i < recs.length; i++) {
            recs[i] = new Rec(T0 + i * SECOND, new byte[] {(byte) i});
        }
        Path f = pcap("cut.pcap", ByteOrder.LITTLE_ENDIAN, false, 1, recs);
        ElementHarness<FromDump> h = fromDump(f + ", START_AFTER 1s, END_AFTER 4s, STOP true");
        h.runTasksUntilIdle(20);
        assertEquals(List.of(1, 2, 3), h.output(0).stream().map(p -> p.u8(0)).toList());
        assertTrue(h.stopRequested());
        h.clearOutputs();
        h.element().cleanup();
        h.assertNoLeaks();
    }

    @Test
    void absoluteStartAndEndAndIntervalFromTheFirstPacketSent() throws Exception {
        Rec[] recs = new Rec[6];
        for (int i = 0; i < recs.length; i++) {
            recs[i] = new Rec(T0 + i * SECOND, new byte[] {(byte) i});
        }
        Path f = pcap("abs.pcap", ByteOrder.LITTLE_ENDIAN, false, 1, recs);
        long t0 = T0 / SECOND;
        ElementHarness<FromDump> abs = fromDump(f + ", START " + (t0 + 2) + ", END " + (t0 + 4) + ".5");
        abs.runTasksUntilIdle(20);
        assertEquals(List.of(2, 3, 4), abs.output(0).stream().map(p -> p.u8(0)).toList());
        abs.clearOutputs();
        abs.element().cleanup();
        abs.assertNoLeaks();

        ElementHarness<FromDump> iv = fromDump(f + ", START_AFTER 3s, INTERVAL 1.5s");
        iv.runTasksUntilIdle(20);
        assertEquals(List.of(3, 4), iv.output(0).stream().map(p -> p.u8(0)).toList());
        iv.clearOutputs();
        iv.element().cleanup();
        iv.assertNoLeaks();
    }

    @Test
    void sampleZeroSendsNothingAndInactiveWaitsForTheActiveHandler() throws Exception {
        Path f = pcap("s.pcap", ByteOrder.LITTLE_ENDIAN, false, 1, new Rec(T0, hex("01")), new Rec(T0, hex("02")));
        ElementHarness<FromDump> none = fromDump(f + ", SAMPLE 0");
        none.runTasksUntilIdle(10);
        assertTrue(none.output(0).isEmpty());
        assertEquals("0.00000000", none.read("sampling_prob"));
        none.element().cleanup();
        none.assertNoLeaks();

        ElementHarness<FromDump> h = fromDump(f + ", ACTIVE false");
        assertEquals(0, h.runTasksUntilIdle(10));
        h.write("active", "true");
        assertEquals(2, h.runTasksUntilIdle(10));
        h.clearOutputs();
        h.element().cleanup();
        h.assertNoLeaks();
    }

    @Test
    void resetRewindsTheFileAndStopEndsIt() throws Exception {
        Path f = pcap("r.pcap", ByteOrder.LITTLE_ENDIAN, false, 1, new Rec(T0, hex("01")), new Rec(T0, hex("02")));
        ElementHarness<FromDump> h = fromDump(f.toString());
        h.runTasksUntilIdle(10);
        h.write("reset", "");
        assertEquals("0", h.read("count"));
        assertEquals("24", h.read("filepos"));
        assertTrue(h.tasks().get(0).isScheduled());
        h.runTasks();
        h.write("stop", "");
        h.runTasksUntilIdle(10);
        assertEquals(3, h.output(0).size());
        assertEquals("1", h.read("count"));
        h.clearOutputs();
        h.element().cleanup();
        h.assertNoLeaks();
    }

    @Test
    void pullOutputReturnsOnePacketPerPullAndSleepsItsNotifierAtTheEnd() throws Exception {
        Path f = pcap("p.pcap", ByteOrder.LITTLE_ENDIAN, false, 1, new Rec(T0, hex("01")));
        ElementHarness<FromDump> h = ElementHarness.of(new FromDump()).pullOutputs().configure(f.toString());
        assertTrue(h.tasks().isEmpty());
        assertEquals(1, h.pull(0).u8(0));
        assertNull(h.pull(0));
        assertFalse(h.element().emptyNotifier(0).active(), "a puller may sleep at the end of the file");
        h.write("reset", "");
        assertTrue(h.element().emptyNotifier(0).active());
        assertEquals(1, h.pull(0).u8(0));
        h.clearOutputs();
        h.element().cleanup();
        h.assertNoLeaks();
    }

    @Test
    void pullWithTimingWakesThePullerWhenTheNextPacketIsDue() throws Exception {
        Path f = pcap("pt.pcap", ByteOrder.LITTLE_ENDIAN, false, 1, new Rec(T0, hex("01")), new Rec(T0 + SECOND, hex("02")));
        ElementHarness<FromDump> h = ElementHarness.of(new FromDump()).pullOutputs().configure(f + ", TIMING true");
        assertEquals(1, h.pull(0).u8(0));
        assertNull(h.pull(0));
        assertFalse(h.element().emptyNotifier(0).active());
        h.advance(SECOND);
        assertTrue(h.element().emptyNotifier(0).active());
        assertEquals(2, h.pull(0).u8(0));
        h.clearOutputs();
        h.element().cleanup();
        h.assertNoLeaks();
    }

    @Test
    void truncatedLastRecordEndsTheFileWithAMessage() throws Exception {
        Path f = pcap("cut.pcap", ByteOrder.LITTLE_ENDIAN, false, 1, new Rec(T0, hex("01")), new Rec(T0, hex("02030405")));
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length - 2));
        ElementHarness<FromDump> h = fromDump(f + ", STOP true");
        h.runTasksUntilIdle(10);
        assertEquals(1, h.output(0).size());
        assertTrue(h.stopRequested());
        assertEquals(1, h.messages().size());
        assertTrue(h.messages().get(0).contains("truncated record at byte 41"), h.messages().get(0));
        h.clearOutputs();
        h.element().cleanup();
        h.assertNoLeaks();
    }

    @Test
    void badFilesAndKeywordsAreConfigurationErrors() throws Exception {
        Path text = dir.resolve("notpcap.txt");
        Files.writeString(text, "this is not a capture file", StandardCharsets.US_ASCII);
        ConfigException e = assertThrows(ConfigException.class, () -> fromDump(text.toString()));
        assertEquals(text + ": not a pcap file: magic number 74686973 is neither a1b2c3d4 nor a1b23c4d in either byte order",
                e.getMessage());
        Path missing = dir.resolve("missing.pcap");
        ConfigException m = assertThrows(ConfigException.class, () -> fromDump(missing.toString()));
        assertTrue(m.getMessage().startsWith(missing + ": "), m.getMessage());
        ConfigException k = assertThrows(ConfigException.class,
                () -> fromDump("x.pcap, SAMPLE 2, END 5, END_AFTER 1s"));
        assertEquals(List.of("expected a probability from 0 to 1 for SAMPLE, got \"2.0\"",
                "give at most one of END, END_AFTER and INTERVAL"), k.messages());
        ConfigException none = assertThrows(ConfigException.class, () -> fromDump(""));
        assertEquals("missing FILENAME argument", none.getMessage());
    }

    // ---- ToDump ----

    @Test
    void toDumpWritesALittleEndianMicrosecondFileThatFromDumpReadsBack() throws Exception {
        Path f = dir.resolve("out.pcap");
        ElementHarness<ToDump> w = ElementHarness.of(new ToDump()).outputs(0).configure(f.toString());
        byte[] frame = PacketBuilder.udp().ether("02:00:00:00:00:02", "02:00:00:00:00:01").payload(100).bytes();
        Packet a = Packet.make(frame);
        a.setTimestamp(T0 + 1_234_567_000L);
        w.push(0, a);
        w.push(0, Packet.make(hex("0102"))); // no timestamp: the router clock's time
        assertEquals("2", w.read("count"));
        assertEquals(f.toString(), w.read("filename"));
        long clockTime = w.manualClock().epochNanos();
        w.element().cleanup();
        w.assertNoLeaks();

        ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b2c3d4, header.getInt(0));
        assertEquals(2000, header.getInt(16), "SNAPLEN");
        assertEquals(1, header.getInt(20), "link type Ethernet");

        ElementHarness<FromDump> r = fromDump(f.toString());
        r.runTasksUntilIdle(10);
        assertEquals(2, r.output(0).size());
        assertArrayEquals(frame, r.output(0).get(0).toByteArray());
        assertEquals(T0 + 1_234_567_000L, r.output(0).get(0).timestamp());
        assertEquals(clockTime / 1000 * 1000, r.output(0).get(1).timestamp(), "microsecond precision");
        r.clearOutputs();
        r.element().cleanup();
        r.assertNoLeaks();
    }

    @Test
    void toDumpCutsRecordsAtSnaplenRecordsIpEncapAndPassesPacketsOn() throws Exception {
        Path f = dir.resolve("snap.pcap");
        ElementHarness<ToDump> w = ElementHarness.of(new ToDump()).configure(f + ", 4, IP");
        w.push(0, Packet.make(hex("4500000102030405")));
        assertEquals(1, w.output(0).size(), "with an output, packets go on");
        assertEquals(8, w.output(0).get(0).length());
        w.clearOutputs();
        w.element().cleanup();
        w.assertNoLeaks();
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(101, b.getInt(20), "link type raw IP");
        assertEquals(4, b.getInt(24 + 8), "captured length");
        assertEquals(8, b.getInt(24 + 12), "original length");
        assertEquals(24 + 16 + 4, b.capacity());
    }

    @Test
    void toDumpOnAPullInputRunsATaskThatSleepsWhenUpstreamIsEmpty() throws Exception {
        Path f = dir.resolve("pull.pcap");
        ElementHarness<ToDump> w = ElementHarness.of(new ToDump()).pullInputs().outputs(0).configure(f.toString());
        w.feed(0, Packet.make(hex("01")), Packet.make(hex("02")));
        assertEquals(2, w.runTasksUntilIdle(10));
        assertEquals("2", w.read("count"));
        w.write("flush", "");
        assertEquals(24 + 2 * 17, Files.size(f), "flush writes the buffered records");
        w.element().cleanup();
        w.assertNoLeaks();
    }

    @Test
    void toDumpRejectsUnknownEncapsulations() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ElementHarness.of(new ToDump()).configure(dir.resolve("x.pcap") + ", ENCAP FDDI"));
        assertEquals("expected ETHER or IP for ENCAP, got \"FDDI\"", e.getMessage());
    }

    @Test
    void tcpdumpReadsToDumpOutput() throws Exception {
        Path tcpdump = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(d -> Path.of(d, "tcpdump")).filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(tcpdump != null, "tcpdump is not installed on this machine, so its reading of ToDump files is not checked");
        Path f = dir.resolve("tcpdump.pcap");
        ElementHarness<ToDump> w = ElementHarness.of(new ToDump()).outputs(0).configure(f.toString());
        Packet p = PacketBuilder.udp().src("198.51.100.2").dst("203.0.113.2").ports(1234, 5678)
                .ether("02:00:00:00:00:02", "02:00:00:00:00:01").build();
        p.setTimestamp(T0);
        w.push(0, p);
        w.element().cleanup();
        Process proc = new ProcessBuilder(tcpdump.toString(), "-n", "-r", f.toString()).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(proc.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, proc.exitValue(), out);
        assertTrue(out.contains("198.51.100.2.1234 > 203.0.113.2.5678: UDP"), out);
    }
}

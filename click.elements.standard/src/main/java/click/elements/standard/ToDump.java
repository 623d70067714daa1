package click.elements.standard;

import click.api.ActivitySignal;
import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementContext;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.StageMeter;
import click.api.TaskHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * <h2>ToDump</h2>
 * <b>Synopsis:</b> {@code ToDump(FILENAME [, SNAPLEN, ENCAP, KEYWORDS])}
 * <p><b>Writes packets to a pcap file that tcpdump and FromDump can read.</b> Category: sinks.
 * Ports: 1 input, 0 or 1 output, agnostic.
 *
 * <p><b>Processing:</b> every packet is written as one record: its timestamp annotation (or the
 * router clock's time when it has none), its length, and its first SNAPLEN bytes. Then a pushed
 * packet leaves by the output if there is one (else it is killed); a pulled one is returned to the
 * puller. On a pull input with no output, ToDump runs a task that pulls one packet per run and
 * sleeps while the upstream queue is empty.
 *
 * <p>The file is the classic libpcap format, little-endian with microsecond timestamps, version
 * 2.4, link type 1 (ETHER) or 101 (IP, raw IPv4). It is created (or truncated) when the router
 * initialises; records are gathered in a 64 KiB buffer, written when it fills and when the router
 * cleans up, which closes the file.
 *
 * <p>Thread ownership: several threads may push into one ToDump; records are appended under a
 * lock. ToDump is a tool for looking at traffic, not a fast-path element.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>FILENAME</dt><dd>file name, required.</dd>
 * <dt>SNAPLEN</dt><dd>integer &gt;= 1, default 2000: most bytes stored per packet.</dd>
 * <dt>ENCAP</dt><dd>{@code ETHER} (default) or {@code IP}: what the packets start with, recorded in
 * the file header so that readers decode them; ToDump does not check it.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>count (read)</dt><dd>packets written.</dd>
 * <dt>filename (read)</dt><dd>FILENAME.</dd>
 * <dt>flush (write)</dt><dd>writes the buffered records to the file now.</dd>
 * </dl>
 *
 * <p><b>Annotations used:</b> timestamp.
 *
 * <p><b>Differences from Click:</b> FILENAME {@code -} (standard output), ENCAP FDDI and the other
 * link types, USE_ENCAP_FROM and EXTRA_LENGTH are not supported; {@code flush} is jclick's. A
 * write error is logged once and the packets are then counted in {@code count} no more.
 *
 * <p><b>Example:</b> {@code FromDevice(eth0) -> t :: Tee; t[0] -> ToDump(eth0.pcap); t[1] -> ...}
 * <p><b>See also:</b> FromDump, Print, Tee.
 */
@ElementInfo(ports = "1/0-1", processing = "a/a", category = "sinks")
public final class ToDump extends Element {
    private static final int BUFFER_SIZE = 64 * 1024;

    private Path file;
    private int snaplen = 2000;
    private int linkType = PcapReader.LINKTYPE_ETHERNET;
    private TaskHandle task;
    private ActivitySignal signal = ActivitySignal.ALWAYS;

    // Guarded by this: the channel, the buffer, the count and the error state.
    private FileChannel channel;
    private final ByteBuffer buf = ByteBuffer.allocate(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    private long count;
    private boolean failed;

    @Override
    public void configure(Args args) throws ConfigException {
        String name = args.requiredPositional("FILENAME").asString(null);
        int snap = args.positional("SNAPLEN").asInt(2000, 1, PcapReader.MAX_RECORD);
        String encap = args.positional("ENCAP").asWord("ETHER").toUpperCase(Locale.ROOT);
        int lt = PcapReader.LINKTYPE_ETHERNET;
        switch (encap) {
            case "ETHER": break;
            case "IP": lt = PcapReader.LINKTYPE_RAW; break;
            default: args.error("expected ETHER or IP for ENCAP, got \"" + encap + "\"");
        }
        args.complete();
        file = Path.of(name);
        snaplen = snap;
        linkType = lt;
    }

    @Override
    public void initialize(ElementContext ctx) throws ConfigException {
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            throw new ConfigException(file + ": cannot create: " + e.getMessage());
        }
        buf.clear();
        buf.putInt(PcapReader.MAGIC_MICRO).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
           .putInt(snaplen).putInt(linkType);
        if (!input(0).isPush() && noutputs() == 0) {
            task = ctx.addTask(this, this::runTask);
            signal = ctx.upstreamEmptySignal(this, 0, task);
        }
    }

    @Override
    public void push(int port, Packet p) {
        write(p);
        if (noutputs() > 0) {
            output(0).push(p);
        } else {
            p.kill();
        }
    }

    @Override
    public Packet pull(int port) {
        Packet p = input(0).pull();
        if (p != null) {
            write(p);
        }
        return p;
    }

    private int runTask() {
        Packet p = input(0).pull();
        if (p == null) {
            if (!signal.active()) {
                task.sleep();
                // a packet may have arrived between the failed pull and the sleep
                if (signal.active()) {
                    task.wake();
                }
            }
            return 0;
        }
        write(p);
        p.kill();
        return 1;
    }

    /** Writes {@code p}'s record; on a thread measuring stage costs, the time counts as transmit. */
    private void write(Packet p) {
        StageMeter m = StageMeter.active();
        if (m == null) {
            writeRecord(p);
        } else {
            int outer = m.enter(StageMeter.TRANSMIT);
            writeRecord(p);
            m.exit(outer);
        }
    }

    private synchronized void writeRecord(Packet p) {
        if (failed || channel == null) {
            return;
        }
        int caplen = Math.min(p.length(), snaplen);
        if (buf.remaining() < PcapReader.RECORD_HEADER_LEN + Math.min(caplen, BUFFER_SIZE / 2) && !flushBuffer()) {
            return;
        }
        long ts = p.timestamp() != 0 ? p.timestamp() : context().clock().epochNanos();
        buf.putInt((int) (ts / 1_000_000_000L)).putInt((int) (ts % 1_000_000_000L / 1000))
           .putInt(caplen).putInt(p.length());
        if (buf.remaining() >= caplen) {
            buf.put(p.buffer(), p.offset(), caplen);
        } else if (!flushBuffer() || !writeDirectly(ByteBuffer.wrap(p.buffer(), p.offset(), caplen))) {
            return; // a record larger than the buffer (jumbo packet, large SNAPLEN) goes out unbuffered
        }
        count++;
    }

    private boolean writeDirectly(ByteBuffer data) {
        try {
            while (data.hasRemaining()) {
                channel.write(data);
            }
            return true;
        } catch (IOException e) {
            writeFailed(e);
            return false;
        }
    }

    private void writeFailed(IOException e) {
        failed = true;
        context().message(this, name() + " :: ToDump: writing " + file + ": " + e.getMessage()
                + "; no more packets will be written");
    }

    /** Writes the buffer out; false (after logging, once) if the file cannot be written. */
    private boolean flushBuffer() {
        buf.flip();
        try {
            return writeDirectly(buf);
        } finally {
            buf.clear();
        }
    }

    private synchronized void flush() {
        if (channel != null && !failed) {
            flushBuffer();
        }
    }

    @Override
    public synchronized void cleanup() {
        if (channel == null) {
            return;
        }
        flush();
        try {
            channel.close();
        } catch (IOException e) {
            context().message(this, name() + " :: ToDump: closing " + file + ": " + e.getMessage());
        }
        channel = null;
    }

    private synchronized long count() {
        return count;
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("count", () -> Long.toString(count()))
         .read("filename", () -> file.toString())
         .write("flush", v -> flush());
    }
}

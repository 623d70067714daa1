package click.elements.standard;

import click.api.Arg;
import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementContext;
import click.api.ElementInfo;
import click.api.EmptyNotifier;
import click.api.HandlerRegistry;
import click.api.NotifierSource;
import click.api.Packet;
import click.api.StageMeter;
import click.api.TaskHandle;
import click.api.Timer;
import click.api.net.Headers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * <h2>FromDump</h2>
 * <b>Synopsis:</b> {@code FromDump(FILENAME [, TIMING, KEYWORDS])}
 * <p><b>Reads packets from a pcap file (tcpdump -w format).</b> Category: sources. Ports: no inputs,
 * 1 or 2 outputs; output 0 agnostic, output 1 push.
 *
 * <p><b>Processing:</b> on a push output a task reads BURST records per run and pushes them; on a
 * pull output every pull reads one record. Each packet carries the record's bytes (as captured, up
 * to the file's snap length) and its timestamp annotation. At the end of the file FromDump stops
 * sending and, with STOP true, asks the router to stop.
 *
 * <p>Files in both byte orders, with microsecond or nanosecond timestamps, are read, with any link
 * type; the {@code encap} handler names it (ETHER for Ethernet, IP for raw IPv4 link types 12, 14,
 * 101 and 228). A truncated or corrupt record ends the file, with a message in the log.
 *
 * <p>With TIMING true, packets leave with the spacing of their timestamps, measured on the router's
 * clock from the first packet sent: the task sleeps on a timer until the next packet is due (a pull
 * returns nothing until then). On a pull output FromDump is a notifier source: its puller may sleep
 * while it is inactive, waiting for a due time, or at the end of the file.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>FILENAME</dt><dd>file name, required.</dd>
 * <dt>TIMING</dt><dd>boolean, default false: replay with the original spacing.</dd>
 * <dt>STOP</dt><dd>boolean, default false: stop the router at the end of the file.</dd>
 * <dt>ACTIVE</dt><dd>boolean, default true: whether to send at all.</dd>
 * <dt>BURST</dt><dd>integer &gt;= 1, default 1: records pushed per task run.</dd>
 * <dt>SAMPLE</dt><dd>real from 0 to 1, default 1: each packet is sent with this probability (in
 * steps of 2<sup>-28</sup>; see {@code sampling_prob}).</dd>
 * <dt>FORCE_IP</dt><dd>boolean, default false: send only IPv4 packets (of Ethernet or raw IP
 * files), with the network header annotation marked at the IP header; other packets go to output
 * 1 if it exists, else are killed.</dd>
 * <dt>START, END</dt><dd>absolute time in seconds since 1970: skip packets before START; end the
 * file at the first packet at or after END.</dd>
 * <dt>START_AFTER, END_AFTER</dt><dd>time (like 1.5s, 2min): the same, relative to the first
 * packet of the file.</dd>
 * <dt>INTERVAL</dt><dd>time: end the file at the first packet INTERVAL after the first packet
 * sent.</dd>
 * <dt>MMAP</dt><dd>boolean, accepted for compatibility; the file is always read through a buffer.</dd>
 * </dl>
 * At most one of START and START_AFTER, and one of END, END_AFTER and INTERVAL.
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>count (read)</dt><dd>packets sent.</dd>
 * <dt>reset (write)</dt><dd>goes back to the start of the file and sets count to 0.</dd>
 * <dt>active (read/write)</dt><dd>ACTIVE.</dd>
 * <dt>stop (write)</dt><dd>ends the file now, as if it were over (STOP applies).</dd>
 * <dt>encap (read)</dt><dd>the file's link type: ETHER, IP or a number.</dd>
 * <dt>filesize (read)</dt><dd>the file's size in bytes.</dd>
 * <dt>filepos (read)</dt><dd>bytes of the file read so far.</dd>
 * <dt>sampling_prob (read)</dt><dd>the sampling probability actually used.</dd>
 * </dl>
 *
 * <p><b>Annotations set:</b> timestamp; with FORCE_IP, the network and transport header positions.
 *
 * <p><b>Differences from Click:</b> gzip and bzip2 files are not read; there is no extra-length
 * annotation; END_CALL, FILEPOS and the {@code extend_interval} handler are absent.
 *
 * <p><b>Example:</b> {@code FromDump(in.pcap, STOP true, FORCE_IP true) -> c :: Counter -> Discard;}
 * <p><b>See also:</b> ToDump, InfiniteSource, Classifier.
 */
@ElementInfo(ports = "0/1-2", processing = "/ah", category = "sources")
public final class FromDump extends Element implements NotifierSource {
    private static final int SAMPLING_SHIFT = 28;
    private static final int HEADROOM = Packet.DEFAULT_HEADROOM;

    // configuration
    private Path file;
    private boolean timing;
    private boolean stop;
    private int burst = 1;
    private int samplingThreshold = 1 << SAMPLING_SHIFT;
    private boolean forceIp;
    private long startAt = -1;     // absolute epoch nanos, or -1
    private long startAfter = -1;  // nanos after the first record, or -1
    private long endAt = -1;
    private long endAfter = -1;
    private long interval = -1;

    private final AtomicLong count = new AtomicLong();
    private final EmptyNotifier notifier = new EmptyNotifier();
    private final SplittableRandom random = new SplittableRandom();
    private volatile boolean active = true;
    private volatile boolean resetRequested;
    private volatile boolean stopRequested;
    private volatile long position;
    private PcapReader reader;
    private int ipOffset = -1;       // where FORCE_IP looks for the IP header: 14 (Ethernet), 0 (raw IP), -1 (other)
    private TaskHandle task;
    private Timer timer;

    // Reading state: owned by the task (or the single puller).
    private Packet pending;          // read but not yet due (TIMING)
    private boolean ended;
    private boolean routerStopRequested;
    private long firstRecordTime = -1;
    private long firstSentTime = -1;
    private long timingOffset;       // clock nanoTime minus packet timestamp, fixed at the first packet sent
    private long effectiveStart = -1;
    private long effectiveEnd = -1;

    @Override
    public void configure(Args args) throws ConfigException {
        String name = args.requiredPositional("FILENAME").asString(null);
        boolean tim = args.positional("TIMING").asBool(false);
        boolean stp = args.optional("STOP").asBool(false);
        boolean act = args.optional("ACTIVE").asBool(true);
        int b = args.optional("BURST").asInt(1, 1, Integer.MAX_VALUE);
        double sample = args.optional("SAMPLE").asDouble(1);
        boolean fip = args.optional("FORCE_IP").asBool(false);
        Arg start = args.optional("START");
        Arg startAft = args.optional("START_AFTER");
        Arg end = args.optional("END");
        Arg endAft = args.optional("END_AFTER");
        Arg intv = args.optional("INTERVAL");
        long st = start.present() ? Math.round(start.asDouble(0) * 1e9) : -1;
        long sta = startAft.asTimeNanos(-1);
        long en = end.present() ? Math.round(end.asDouble(0) * 1e9) : -1;
        long ena = endAft.asTimeNanos(-1);
        long iv = intv.asTimeNanos(-1);
        args.optional("MMAP").asBool(true);
        if (sample < 0 || sample > 1) {
            args.error("expected a probability from 0 to 1 for SAMPLE, got \"" + sample + "\"");
        }
        if (start.present() && startAft.present()) {
            args.error("give at most one of START and START_AFTER");
        }
        if ((end.present() ? 1 : 0) + (endAft.present() ? 1 : 0) + (intv.present() ? 1 : 0) > 1) {
            args.error("give at most one of END, END_AFTER and INTERVAL");
        }
        args.complete();
        file = Path.of(name);
        timing = tim;
        stop = stp;
        active = act;
        burst = b;
        samplingThreshold = (int) Math.round(sample * (1 << SAMPLING_SHIFT));
        forceIp = fip;
        startAt = st;
        startAfter = sta;
        endAt = en;
        endAfter = ena;
        interval = iv;
    }

    @Override
    public void initialize(ElementContext ctx) throws ConfigException {
        try {
            reader = new PcapReader(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        String encap = PcapReader.encapName(reader.linkType());
        ipOffset = encap.equals("ETHER") ? Headers.ETHER_LEN : encap.equals("IP") ? 0 : -1;
        if (output(0).isPush()) {
            task = ctx.addTask(this, this::runTask);
            if (!active) {
                task.sleep();
            }
        }
        timer = ctx.newTimer(this, this::wake);
    }

    @Override
    public void cleanup() {
        if (pending != null) {
            pending.kill();
            pending = null;
        }
        if (timer != null) {
            timer.unschedule();
        }
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                context().message(this, name() + " :: FromDump: closing " + file + ": " + e.getMessage());
            }
        }
    }

    /** Whether there may be a packet to send now: active, and not at the end or waiting for a due time. */
    private boolean ready() {
        return active && (resetRequested || (!ended && pending == null));
    }

    private int runTask() {
        int n = 0;
        while (n < burst) {
            Packet p = nextDue();
            if (p == null) {
                break;
            }
            emit(p);
            n++;
        }
        if (n < burst) {
            // Nothing more now (inactive, waiting for the timer, or at the end). Sleep, then look
            // again: a handler write (active, reset) between the check and the sleep must not be lost.
            task.sleep();
            if (ready()) {
                task.wake();
            }
        }
        return n;
    }

    @Override
    public Packet pull(int port) {
        Packet p = nextDue();
        if (p == null) {
            // Let the puller sleep until a handler or the TIMING timer wakes it; look again after
            // sleeping, as a handler write may have come in between.
            notifier.sleep();
            if (ready()) {
                notifier.wake();
            }
            return null;
        }
        count.incrementAndGet();
        if (forceIp && !markIp(p)) {
            checkedPush(1, p);
            return null;
        }
        return p;
    }

    @Override
    public EmptyNotifier emptyNotifier(int port) {
        return notifier;
    }

    private void emit(Packet p) {
        count.incrementAndGet();
        if (forceIp && !markIp(p)) {
            checkedPush(1, p);
        } else {
            output(0).push(p);
        }
    }

    /** The next packet to send now, or null (inactive, not yet due under TIMING, or the file is over). */
    private Packet nextDue() {
        if (resetRequested) {
            rewind();
        }
        if (!active || ended) {
            return null;
        }
        if (stopRequested) {
            atEnd();
            return null;
        }
        Packet p = pending != null ? pending : receive();
        pending = null;
        if (p == null) {
            atEnd();
            return null;
        }
        if (firstSentTime < 0) {
            firstSentTime = p.timestamp();
            timingOffset = context().clock().nanoTime() - p.timestamp();
            if (interval >= 0) {
                effectiveEnd = effectiveEnd < 0 ? firstSentTime + interval : Math.min(effectiveEnd, firstSentTime + interval);
            }
        }
        if (effectiveEnd >= 0 && p.timestamp() >= effectiveEnd) {
            p.kill();
            atEnd();
            return null;
        }
        if (timing) {
            long due = p.timestamp() + timingOffset;
            if (due > context().clock().nanoTime()) {
                pending = p;
                timer.scheduleAt(due);
                return null;
            }
        }
        return p;
    }

    /** Reads records until one passes START and SAMPLE; null at the end (or a broken record). */
    /** {@link #read()}; on a thread measuring stage costs, the time counts as receive. */
    private Packet receive() {
        StageMeter m = StageMeter.active();
        if (m == null) {
            return read();
        }
        int outer = m.enter(StageMeter.RECEIVE);
        Packet p = read();
        m.exit(outer);
        return p;
    }

    private Packet read() {
        while (true) {
            Packet p;
            try {
                p = reader.next(HEADROOM);
            } catch (IOException e) {
                context().message(this, name() + " :: FromDump: " + e.getMessage() + "; treating it as the end of the file");
                p = null;
            }
            position = reader.position();
            if (p == null) {
                return null;
            }
            long ts = p.timestamp();
            if (firstRecordTime < 0) {
                firstRecordTime = ts;
                effectiveStart = startAt >= 0 ? startAt : startAfter >= 0 ? ts + startAfter : -1;
                effectiveEnd = endAt >= 0 ? endAt : endAfter >= 0 ? ts + endAfter : -1;
            }
            if ((effectiveStart >= 0 && ts < effectiveStart)
                    || (samplingThreshold < (1 << SAMPLING_SHIFT) && random.nextInt(1 << SAMPLING_SHIFT) >= samplingThreshold)) {
                p.kill();
                continue;
            }
            return p;
        }
    }

    private void atEnd() {
        ended = true;
        if (stop && !routerStopRequested) {
            routerStopRequested = true;
            context().requestStop();
        }
    }

    private void rewind() {
        resetRequested = false;
        stopRequested = false;
        if (pending != null) {
            pending.kill();
            pending = null;
        }
        try {
            reader.rewind();
        } catch (IOException e) {
            context().message(this, name() + " :: FromDump: rewinding " + file + ": " + e.getMessage());
        }
        position = reader.position();
        count.set(0);
        ended = false;
        routerStopRequested = false;
        firstRecordTime = -1;
        firstSentTime = -1;
    }

    /** Marks the IPv4 header of an Ethernet or raw-IP record; false if the packet is not IPv4. */
    private boolean markIp(Packet p) {
        int at = ipOffset;
        if (at < 0 || (at == Headers.ETHER_LEN
                && (p.length() < Headers.ETHER_LEN || p.u16(Headers.ETHER_TYPE) != Headers.ETHERTYPE_IP))) {
            return false;
        }
        if (p.length() < at + 20 || (p.u8(at) >> 4) != 4) {
            return false;
        }
        int hl = (p.u8(at) & 0xF) * 4;
        if (hl < 20 || p.length() < at + hl) {
            return false;
        }
        p.setNetworkHeader(at, hl);
        return true;
    }

    /** Wakes whoever sends: the push task, or the puller through the notifier. */
    private void wake() {
        if (task != null) {
            task.wake();
        } else {
            notifier.wake();
        }
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("count", () -> Long.toString(count.get()))
         .write("reset", v -> {
             // the reading thread rewinds the file at its next run; the handlers show the reset at once
             resetRequested = true;
             count.set(0);
             position = PcapReader.FILE_HEADER_LEN;
             wake();
         })
         .readWrite("active", () -> Boolean.toString(active), v -> {
             active = HandlerValues.parseBool(v);
             wake();
         })
         .write("stop", v -> {
             stopRequested = true;
             wake();
         })
         .read("encap", () -> PcapReader.encapName(reader.linkType()))
         .read("filesize", () -> {
             try {
                 return Long.toString(reader.size());
             } catch (IOException e) {
                 return "-";
             }
         })
         .read("filepos", () -> Long.toString(position))
         .read("sampling_prob", () -> String.format(Locale.ROOT, "%.9g",
                 samplingThreshold / (double) (1 << SAMPLING_SHIFT)));
    }
}

package click.elements.nat;

import static click.api.net.Headers.IP_DST;
import static click.api.net.Headers.IP_LEN;
import static click.api.net.Headers.IP_MIN_LEN;
import static click.api.net.Headers.IP_OFF;
import static click.api.net.Headers.IP_OFFMASK;
import static click.api.net.Headers.IP_PROTO_TCP;
import static click.api.net.Headers.IP_PROTO_UDP;

import click.api.Args;
import click.api.Clock;
import click.api.ConfigException;
import click.api.DropCounters;
import click.api.Element;
import click.api.ElementContext;
import click.api.HandlerException;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What every rewriter shares: input specs, the mapping table, expiry by timer, capacity, the common
 * keywords and handlers, and hot-swap hand-over. Subclasses say how a packet becomes a flow key,
 * how a mapping rewrites a packet and when a mapping expires.
 *
 * <p>The per-packet path ({@link #push}): find the IP header, fill this thread's probe key, look it
 * up (lock-free, no allocation), rewrite in place with incremental checksum updates, push. Only a
 * packet of a new flow enters the table's creation lock.
 *
 * <p>Thread ownership: {@code push} may run on several threads at once; configuration, handlers,
 * the reaping timer and {@code takeState} come from one thread at a time and only change the table
 * under its lock.
 */
abstract class RewriterBase extends Element {
    /** Why a rewriter dropped a packet. */
    enum Reason {
        NO_IP_HEADER("no IP header annotation, or IP header truncated"),
        TRUNCATED("transport header truncated"),
        UNSUPPORTED("protocol or message this rewriter does not translate"),
        FRAGMENT("second or later fragment"),
        NO_MAPPING("no mapping, and the input spec drops"),
        MAPPING_FAILED("no mapping could be made (no free port or address, or table full)");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    static final long SECOND = 1_000_000_000L;
    private static final long DEFAULT_REAP_INTERVAL = 15 * SECOND;
    static final long DEFAULT_TIMEOUT = 5 * 60 * SECOND;
    static final long DEFAULT_GUARANTEE = 5 * SECOND;
    private static final Pattern KEYWORD_ARG = Pattern.compile("[A-Z][A-Z0-9_]*\\s.*", Pattern.DOTALL);

    final FlowTable table = new FlowTable(this::timeoutOf, this::guaranteeOf);
    final DropCounters<Reason> drops = new DropCounters<>(Reason.class);
    private InputSpec[] specs = new InputSpec[0];
    /** Last-use times are recorded at most this often per mapping (see {@link Mapping#touch}). */
    private long touchGranularity = SECOND;
    private long timeout = DEFAULT_TIMEOUT;
    private long guarantee = DEFAULT_GUARANTEE;
    private long reapInterval = DEFAULT_REAP_INTERVAL;
    private boolean dstAnno = true;
    private Clock clock = Clock.SYSTEM;
    private Timer reaper;

    // ---- configuration ----

    /**
     * Reads the keywords every rewriter has (MAPPING_CAPACITY, CAPACITY, REAP_INTERVAL, DST_ANNO)
     * and the INPUTSPECs (every remaining argument, one per input), then completes {@code args}.
     * Subclasses read their own keywords first, into locals, and assign them after this returns.
     */
    final void configureCommon(Args args) throws ConfigException {
        int capacity = args.optional("CAPACITY").asInt(table.capacity(), 1, Integer.MAX_VALUE);
        capacity = args.optional("MAPPING_CAPACITY").asInt(capacity, 1, Integer.MAX_VALUE);
        long reap = args.optional("REAP_INTERVAL").asTimeNanos(DEFAULT_REAP_INTERVAL);
        boolean anno = args.optional("DST_ANNO").asBool(true);
        if (reap <= 0) {
            args.error("expected a positive time for REAP_INTERVAL, got 0");
        }
        List<String> rest = args.rest();
        List<InputSpec> parsed = new ArrayList<>();
        int specNumber = 0;
        for (String a : rest) {
            if (KEYWORD_ARG.matcher(a).matches()) {
                args.error("unknown keyword " + a.substring(0, a.indexOf(' ')).trim());
                continue;
            }
            try {
                InputSpec s = InputSpec.parse(a, noutputs());
                String problem = s.pattern == null ? null : checkPattern(s.pattern);
                if (problem != null) {
                    args.error("input spec " + specNumber + ": " + problem);
                }
                parsed.add(s);
            } catch (IllegalArgumentException e) {
                args.error("input spec " + specNumber + ": " + e.getMessage());
            }
            specNumber++;
        }
        if (specNumber != ninputs()) {
            args.error("expected " + ninputs() + " input spec" + (ninputs() == 1 ? "" : "s")
                    + " (one per input port), got " + specNumber);
        }
        args.complete();
        table.setCapacity(capacity, clock.nanoTime());
        reapInterval = reap;
        dstAnno = anno;
        specs = parsed.toArray(new InputSpec[0]);
    }

    /**
     * {@link #configureCommon} for rewriters with one kind of mapping: also reads TIMEOUT (idle
     * timeout, default 5 minutes) and GUARANTEE (default 5 seconds), which
     * {@link #timeoutOf}/{@link #guaranteeOf} then return.
     */
    final void configureWithTimeout(Args args) throws ConfigException {
        long t = args.optional("TIMEOUT").asTimeNanos(DEFAULT_TIMEOUT);
        long g = args.optional("GUARANTEE").asTimeNanos(DEFAULT_GUARANTEE);
        configureCommon(args);
        timeout = t;
        guarantee = g;
        setTouchGranularity(t, g);
    }

    /**
     * Sets how coarsely last use is recorded from the timeouts and guarantees in force: at most
     * once a second, or a sixteenth of the shortest positive one, so a busy mapping never looks
     * idle for long.
     */
    final void setTouchGranularity(long... timeouts) {
        long g = SECOND;
        for (long t : timeouts) {
            if (t > 0) {
                g = Math.min(g, Math.max(1, t / 16));
            }
        }
        touchGranularity = g;
    }

    /** Null if {@code p} suits this rewriter, else what is wrong with it. */
    String checkPattern(RewritePattern p) {
        return p.hasPorts() ? null : "expected a pattern 'SADDR SPORT DADDR DPORT', got '" + p + "'";
    }

    @Override
    public void initialize(ElementContext ctx) throws ConfigException {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < specs.length; i++) {
            InputSpec s = specs[i];
            if (s.patternName != null) {
                RewritePattern p = IPRewriterPatterns.find(ctx, s.patternName);
                String problem = p == null ? "no pattern named '" + s.patternName
                        + "' (define it in an IPRewriterPatterns element)" : checkPattern(p);
                if (problem != null) {
                    problems.add("input spec " + i + ": " + problem);
                } else {
                    specs[i] = s.resolved(p);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        clock = ctx.clock();
        reaper = ctx.newTimer(this, this::reap);
        reaper.scheduleAfter(reapInterval);
    }

    private void reap() {
        table.reap(clock.nanoTime());
        reaper.scheduleAfter(reapInterval);
    }

    @Override
    public void cleanup() {
        if (reaper != null) {
            reaper.unschedule();
        }
    }

    /** Hot swap: the mappings of a same-named rewriter of the same class move here, so flows survive. */
    @Override
    public void takeState(Element old) {
        if (old.getClass() == getClass()) {
            int taken = table.adopt(((RewriterBase) old).table, noutputs());
            if (taken > 0) {
                context().message(this, "took over " + taken + " mapping" + (taken == 1 ? "" : "s") + " from the old " + name());
            }
        }
    }

    // ---- packets ----

    @Override
    public void push(int port, Packet p) {
        int ip = p.hasNetworkHeader() ? p.networkHeaderOffset() : -1;
        if (ip < 0 || p.length() < ip + IP_MIN_LEN || (p.u8(ip) & 0xF) < 5) {
            unmappable(port, p, Reason.NO_IP_HEADER);
            return;
        }
        FlowKey probe = FlowKey.probe();
        Reason bad = flowKey(p, ip, probe);
        if (bad != null) {
            unmappable(port, p, bad);
            return;
        }
        Mapping.Half h = lookup(p, ip, probe);
        if (h == null) {
            h = newMapping(port, p, probe);
            if (h == null) {
                return;
            }
        }
        h.mapping.touch(clock.nanoTime(), touchGranularity);
        rewrite(p, ip, h);
        if (dstAnno) {
            p.setDstIp(p.i32(ip + IP_DST));
        }
        output(h.output).push(p);
    }

    /** Offset of the transport header, from the IP header's own length field. */
    static int transportOffset(Packet p, int ip) {
        return ip + ((p.u8(ip) & 0xF) << 2);
    }

    /**
     * The half that packets travelling against the quoted packet of an ICMP error would match: the
     * quoted IP header starts at {@code qip}, its transport header at {@code qth} (possibly cut
     * short). Null if this rewriter has no such mapping. Fills and uses {@code probe}.
     */
    abstract Mapping.Half findQuoted(Packet p, int qip, int qth, FlowKey probe);

    /** Whether this is the first (or only) fragment of its datagram. */
    static boolean firstFragment(Packet p, int ip) {
        return (p.u16(ip + IP_OFF) & IP_OFFMASK) == 0;
    }

    /** Whether a TCP segment carries payload. */
    static boolean hasPayload(Packet p, int ip, int th) {
        return th - ip + ((p.u8(th + 12) >>> 4) << 2) < p.u16(ip + IP_LEN);
    }

    /** Fills {@code probe} with the packet's flow key; returns null, or why the packet cannot be mapped. */
    abstract Reason flowKey(Packet p, int ip, FlowKey probe);

    /** The half matching the packet; the default looks up {@code probe}. */
    Mapping.Half lookup(Packet p, int ip, FlowKey probe) {
        return table.get(probe);
    }

    /** Whether a packet with this key may create a mapping (echo replies, say, may not). */
    boolean mayCreate(FlowKey probe) {
        return true;
    }

    /** Rewrites the packet as half {@code h} says and tracks connection state. */
    abstract void rewrite(Packet p, int ip, Mapping.Half h);

    private Mapping.Half newMapping(int port, Packet p, FlowKey probe) {
        InputSpec s = specs[port];
        switch (s.kind) {
            case DROP -> {
                drops.count(Reason.NO_MAPPING);
                p.kill();
                return null;
            }
            case PASS -> {
                output(s.foutput).push(p);
                return null;
            }
            default -> {
                if (!mayCreate(probe)) {
                    drops.count(Reason.NO_MAPPING);
                    p.kill();
                    return null;
                }
                Mapping.Half h = table.create(probe, s, port, clock.nanoTime());
                if (h == null) {
                    drops.count(Reason.MAPPING_FAILED);
                    p.kill();
                }
                return h;
            }
        }
    }

    /** A packet no mapping can apply to: a pass input sends it on unchanged, others drop it. */
    private void unmappable(int port, Packet p, Reason why) {
        InputSpec s = specs[port];
        if (s.kind == InputSpec.Kind.PASS) {
            output(s.foutput).push(p);
        } else {
            drops.count(why);
            p.kill();
        }
    }

    // ---- expiry ----

    /** Idle time after which {@code m} expires, in nanoseconds; by default TIMEOUT. */
    long timeoutOf(Mapping m) {
        return timeout;
    }

    /** Idle time during which {@code m} is never evicted to make room, in nanoseconds; by default GUARANTEE. */
    long guaranteeOf(Mapping m) {
        return guarantee;
    }

    // ---- handlers ----

    /** Mappings, one line per direction, in a stable order. */
    String table(int protocol) {
        StringBuilder sb = new StringBuilder();
        for (Mapping m : table.sortedMappings()) {
            if (protocol < 0 || m.protocol == protocol) {
                sb.append(m.forward).append('\n').append(m.reply).append('\n');
            }
        }
        return sb.toString();
    }

    private String patterns() {
        StringBuilder sb = new StringBuilder();
        for (InputSpec s : specs) {
            sb.append(s).append('\n');
        }
        return sb.toString();
    }

    private void writeCapacity(String v) throws HandlerException {
        int c;
        try {
            c = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            c = 0;
        }
        if (c < 1) {
            throw new HandlerException("expected a positive integer for capacity, got \"" + v.trim() + "\"");
        }
        table.setCapacity(c, clock.nanoTime());
    }

    /**
     * The static mapping written to {@code add_mapping}; the default understands the TCP/UDP form
     * {@code PROTO SADDR SPORT DADDR DPORT => SADDR' SPORT' DADDR' DPORT' FOUTPUT ROUTPUT}.
     */
    void addStaticMapping(String text) throws HandlerException {
        StaticMappingSyntax.Parsed s = StaticMappingSyntax.parsePorts(text, noutputs());
        if (!acceptsProtocol(s.original().protocol)) {
            throw new HandlerException(className() + " does not translate " + FlowKey.protocolName(s.original().protocol));
        }
        try {
            table.addStatic(s.original(), s.rewritten(), s.foutput(), s.routput(), clock.nanoTime());
        } catch (IllegalArgumentException e) {
            throw new HandlerException(e.getMessage());
        }
    }

    /** Whether flows of this IP protocol can be in the table (for static mappings). */
    boolean acceptsProtocol(int protocol) {
        return false;
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("table", () -> table(-1))
         .describe("table", "mappings, one line per direction: KEY => REWRITTEN [OUTPUT]")
         .read("table_size", () -> Integer.toString(table.size()))
         .describe("table_size", "number of mappings (flows)")
         .read("nmappings", () -> Integer.toString(table.size()))
         .describe("nmappings", "old name of table_size")
         .read("size", () -> Integer.toString(table.size()))
         .read("mapping_failures", () -> Long.toString(table.failures()))
         .describe("mapping_failures", "new flows dropped because no port or address was free or the table was full")
         .readWrite("capacity", () -> Integer.toString(table.capacity()), this::writeCapacity)
         .describe("capacity", "maximum number of mappings; writing a smaller value evicts the longest-idle")
         .write("clear", v -> table.clear())
         .describe("clear", "removes every mapping, static ones included")
         .read("patterns", this::patterns)
         .describe("patterns", "the input specs, one line per input")
         .read("drops", () -> Long.toString(drops.total()))
         .read("drop_details", drops::details);
        if (acceptsProtocol(IP_PROTO_TCP) || acceptsProtocol(IP_PROTO_UDP)) {
            h.write("add_mapping", this::addStaticMapping)
             .describe("add_mapping", "adds a static mapping:"
                     + " PROTO SADDR SPORT DADDR DPORT => SADDR' SPORT' DADDR' DPORT' FOUTPUT ROUTPUT");
        }
    }
}

package click.elements.ip;

import click.api.Args;
import click.api.ConfigException;
import click.api.ConfigText;
import click.api.Element;
import click.api.ElementContext;
import click.api.ElementInfo;
import click.api.HandlerException;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.net.Checksum;
import click.api.net.EtherAddress;
import click.api.net.Headers;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * <h2>FastUDPFlows</h2>
 * <b>Synopsis:</b> {@code FastUDPFlows(RATE, LIMIT, LENGTH, SRCETH, SRCIP, DSTETH, DSTIP, FLOWS, FLOWSIZE [, CHECKSUM, ACTIVE])}
 * <p><b>A pull source of UDP flows, for benchmarks.</b> Category: sources. Ports: no inputs, 1 pull
 * output.
 *
 * <p><b>Processing:</b> at initialisation FastUDPFlows prepares FLOWS Ethernet/IPv4/UDP frames of
 * LENGTH bytes (at least 60) from SRCETH/SRCIP to DSTETH/DSTIP, each flow with random source and
 * destination ports. Each pull picks a flow at random and returns a copy of its frame. After a flow
 * has sent FLOWSIZE packets it gets new random ports, so a NAT behind it sees a new connection.
 * Pulls return nothing once LIMIT packets have been sent, while inactive, or when RATE (packets per
 * second of the router clock; 0 means as fast as pulled) would be exceeded.
 *
 * <p><b>Arguments:</b>
 * <dl>
 * <dt>RATE</dt><dd>packets per second, 0 for no limit.</dd>
 * <dt>LIMIT</dt><dd>total packets, -1 for no limit.</dd>
 * <dt>LENGTH</dt><dd>frame length in bytes, at least 60.</dd>
 * <dt>SRCETH, SRCIP, DSTETH, DSTIP</dt><dd>Ethernet and IPv4 addresses of every frame.</dd>
 * <dt>FLOWS</dt><dd>number of concurrent flows, at least 1.</dd>
 * <dt>FLOWSIZE</dt><dd>packets a flow sends before its ports change, at least 1.</dd>
 * <dt>CHECKSUM</dt><dd>boolean, default true: whether the UDP checksum is computed (else 0).</dd>
 * <dt>ACTIVE</dt><dd>boolean, default true.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>count (read)</dt><dd>packets sent.</dd>
 * <dt>rate (read/write)</dt><dd>the RATE setting.</dd>
 * <dt>active (read/write)</dt><dd>the ACTIVE setting.</dd>
 * <dt>reset (write)</dt><dd>sets count to 0 and restarts the rate clock.</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> sets the timestamp annotation from the router clock only when RATE is
 * set (the clock is not read otherwise).
 *
 * <p><b>Differences from Click:</b> Click hands out the flow's own buffer (shared, read-only); jclick
 * returns a private pooled copy, which later elements may modify. Ports come from a generator
 * seeded per element, so runs are repeatable.
 *
 * <p><b>Example:</b> 10,000 flows pulled by an Unqueue into a NAT (the project's 05-nat workload):
 * <pre>{@code FastUDPFlows(0, -1, 64, 02:00:00:00:00:02, 198.51.100.2, 02:00:00:00:00:01, 203.0.113.2, 10000, 1000)
 *   -> Unqueue -> Strip(14) -> CheckIPHeader -> IPRewriter(pattern 192.0.2.1 1024-65535 - - 0 1) ...}</pre>
 * <p><b>See also:</b> InfiniteSource, RatedSource, IPRewriter.
 */
@ElementInfo(ports = "0/1", processing = "/l", category = "sources")
public final class FastUDPFlows extends Element {
    private static final int MIN_LENGTH = 60;
    private static final int UDP_AT = Headers.ETHER_LEN + Headers.IP_MIN_LEN;

    private volatile double rate;
    private long limit;
    private int length;
    private long srcEth;
    private long dstEth;
    private int srcIp;
    private int dstIp;
    private int flowsize;
    private boolean checksum;
    private volatile boolean active;

    private byte[][] frames;
    private int[] sentInFlow;
    private final SplittableRandom random = new SplittableRandom(0x5EED);
    private final AtomicLong count = new AtomicLong();
    private volatile long start;

    @Override
    public void configure(Args args) throws ConfigException {
        double r = args.requiredPositional("RATE").asDouble(0);
        long lim = args.requiredPositional("LIMIT").asLong(-1);
        int len = args.requiredPositional("LENGTH").asInt(MIN_LENGTH, MIN_LENGTH, Packet.POOLED_CAPACITY - Packet.DEFAULT_HEADROOM);
        long se = args.requiredPositional("SRCETH").asEther(0);
        int si = args.requiredPositional("SRCIP").asIPv4(0);
        long de = args.requiredPositional("DSTETH").asEther(0);
        int di = args.requiredPositional("DSTIP").asIPv4(0);
        int nflows = args.requiredPositional("FLOWS").asInt(1, 1, 1 << 24);
        int fsize = args.requiredPositional("FLOWSIZE").asInt(1, 1, Integer.MAX_VALUE);
        boolean ck = args.positional("CHECKSUM").asBool(true);
        boolean act = args.positional("ACTIVE").asBool(true);
        if (r < 0) {
            args.error("expected a rate >= 0 for RATE, got \"" + r + "\"");
        }
        args.complete();
        rate = r;
        limit = lim < 0 || lim == 0xFFFFFFFFL ? Long.MAX_VALUE : lim;
        length = len;
        srcEth = se;
        srcIp = si;
        dstEth = de;
        dstIp = di;
        flowsize = fsize;
        checksum = ck;
        active = act;
        frames = new byte[nflows][];
        sentInFlow = new int[nflows];
        for (int i = 0; i < nflows; i++) {
            frames[i] = frame();
            newPorts(frames[i]);
        }
    }

    @Override
    public void initialize(ElementContext ctx) {
        start = ctx.clock().nanoTime();
    }

    /** A frame with every header field set but the ports and the UDP checksum. */
    private byte[] frame() {
        byte[] f = new byte[length];
        EtherAddress.write(f, Headers.ETHER_DST, dstEth);
        EtherAddress.write(f, Headers.ETHER_SRC, srcEth);
        f[Headers.ETHER_TYPE] = 0x08;
        int ip = Headers.ETHER_LEN;
        int ipLen = length - Headers.ETHER_LEN;
        f[ip] = 0x45;
        f[ip + Headers.IP_LEN] = (byte) (ipLen >> 8);
        f[ip + Headers.IP_LEN + 1] = (byte) ipLen;
        f[ip + Headers.IP_TTL] = 64;
        f[ip + Headers.IP_PROTO] = (byte) Headers.IP_PROTO_UDP;
        putInt(f, ip + Headers.IP_SRC, srcIp);
        putInt(f, ip + Headers.IP_DST, dstIp);
        int sum = Checksum.compute(f, ip, Headers.IP_MIN_LEN);
        f[ip + Headers.IP_SUM] = (byte) (sum >> 8);
        f[ip + Headers.IP_SUM + 1] = (byte) sum;
        int udpLen = ipLen - Headers.IP_MIN_LEN;
        f[UDP_AT + Headers.UDP_LENGTH] = (byte) (udpLen >> 8);
        f[UDP_AT + Headers.UDP_LENGTH + 1] = (byte) udpLen;
        return f;
    }

    private static void putInt(byte[] f, int at, int v) {
        f[at] = (byte) (v >>> 24);
        f[at + 1] = (byte) (v >>> 16);
        f[at + 2] = (byte) (v >>> 8);
        f[at + 3] = (byte) v;
    }

    /** Gives the flow new random ports and recomputes its UDP checksum. */
    private void newPorts(byte[] f) {
        int ports = random.nextInt();
        putInt(f, UDP_AT + Headers.UDP_SPORT, ports);
        f[UDP_AT + Headers.UDP_SUM] = 0;
        f[UDP_AT + Headers.UDP_SUM + 1] = 0;
        if (checksum) {
            int udpLen = length - UDP_AT;
            long pseudo = Checksum.pseudoHeaderSum(srcIp, dstIp, Headers.IP_PROTO_UDP, udpLen);
            int sum = ~Checksum.fold(Checksum.sum(f, UDP_AT, udpLen, pseudo)) & 0xFFFF;
            if (sum == 0) {
                sum = 0xFFFF; // RFC 768: a computed zero is sent as all ones
            }
            f[UDP_AT + Headers.UDP_SUM] = (byte) (sum >> 8);
            f[UDP_AT + Headers.UDP_SUM + 1] = (byte) sum;
        }
    }

    /**
     * One flow's packet, or null. A single task pulls (the usual Unqueue), so the flow choice and the
     * per-flow counters need no synchronisation; the total count is atomic for readers.
     */
    @Override
    public Packet pull(int port) {
        long n = count.get();
        if (!active || n >= limit) {
            return null;
        }
        long now = 0;
        double r = rate;
        if (r > 0) {
            now = context().clock().nanoTime();
            if (n >= (long) ((now - start) * r / 1e9) + 1) {
                return null;
            }
        }
        int flow = random.nextInt(frames.length);
        byte[] f = frames[flow];
        Packet p = Packet.make(f, 0, f.length);
        if (r > 0) {
            p.setTimestamp(context().clock().epochNanos());
        }
        if (++sentInFlow[flow] >= flowsize) {
            sentInFlow[flow] = 0;
            newPorts(f);
        }
        count.incrementAndGet();
        return p;
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("count", () -> Long.toString(count.get()))
         .readWrite("rate", () -> number(rate), v -> rate = nonNegative(v))
         .readWrite("active", () -> Boolean.toString(active), v -> active = bool(v))
         .write("reset", v -> {
             count.set(0);
             start = context().clock().nanoTime();
         });
    }

    private static double nonNegative(String v) throws HandlerException {
        try {
            double d = Double.parseDouble(v.trim());
            if (d >= 0) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new HandlerException("expected a rate >= 0, got \"" + v.trim() + "\"");
    }

    private static boolean bool(String v) throws HandlerException {
        try {
            return ConfigText.parseBool(v);
        } catch (IllegalArgumentException e) {
            throw new HandlerException(e.getMessage());
        }
    }

    /** Numbers as Click prints them: integers without decimals. */
    private static String number(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
    }
}

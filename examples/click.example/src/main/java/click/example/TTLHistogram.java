package click.example;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementInfo;
import click.api.HandlerException;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.net.Headers;
import click.api.net.IPv4;
import java.util.concurrent.atomic.LongAdder;

/**
 * <h2>TTLHistogram</h2>
 * <b>Synopsis:</b> {@code TTLHistogram([BUCKET])}
 * <p><b>Counts IP packets by time-to-live, in buckets.</b> Category: examples. Ports: 1 input,
 * 1 output, agnostic.
 *
 * <p><b>Processing:</b> every packet passes unchanged from input 0 to output 0; the TTL of its IP
 * header is counted. A packet too short for its IP header is dropped and counted in drops. TTLs
 * are counted one by one, so BUCKET only changes how the histogram handler groups them (and a
 * hot swap to another BUCKET keeps every count).
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>BUCKET</dt><dd>integer 1 to 256, default 32: TTL values per histogram line (32 gives 0-31,
 * 32-63, ..., 224-255).</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>histogram (read)</dt><dd>one line {@code LOW-HIGH COUNT} per bucket that has packets, lowest
 * TTLs first.</dd>
 * <dt>counts (read)</dt><dd>one line {@code TTL COUNT} per TTL value that has packets.</dd>
 * <dt>count (read)</dt><dd>packets counted.</dd>
 * <dt>drops (read)</dt><dd>packets dropped for lacking an IP header.</dd>
 * <dt>reset (write)</dt><dd>sets every count and drops to 0.</dd>
 * </dl>
 *
 * <p><b>Hot swap:</b> the new router's TTLHistogram of the same name takes over the counts and
 * drops, also when the new one comes from an updated bundle.
 *
 * <p><b>Annotations:</b> uses the network header (the data start if unset).
 *
 * <p><b>Differences from Click:</b> not a Click element; jclick's example of an element bundle
 * (examples/README.md).
 *
 * <p><b>Example:</b> {@code FromDump(in.pcap) -> Strip(14) -> h :: TTLHistogram(BUCKET 64) -> Discard;}
 * then read {@code h.histogram}.
 * <p><b>See also:</b> Counter, DecIPTTL, CheckIPHeader.
 */
@ElementInfo(ports = "1/1", processing = "a/a", category = "examples")
public final class TTLHistogram extends Element {
    private static final int TTLS = 256;
    private static final int DEFAULT_BUCKET = 32;

    /**
     * One count per TTL value. LongAdder rather than {@link click.api.Tally} (the packet-path count
     * of the standard elements): a Tally takes a cache line per router thread up front, 256 of
     * them would be large, while a LongAdder grows only where threads actually contend.
     */
    private final LongAdder[] perTtl = new LongAdder[TTLS];
    private final LongAdder drops = new LongAdder();
    private int bucket = DEFAULT_BUCKET;

    public TTLHistogram() {
        for (int i = 0; i < TTLS; i++) {
            perTtl[i] = new LongAdder();
        }
    }

    @Override
    public void configure(Args args) throws ConfigException {
        int b = args.positional("BUCKET").asInt(DEFAULT_BUCKET, 1, TTLS);
        args.complete();
        bucket = b;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int ip = IPv4.headerOffset(p);
        if (!IPv4.hasHeader(p, ip)) {
            drops.increment();
            p.kill();
            return null;
        }
        perTtl[p.u8(ip + Headers.IP_TTL)].increment();
        return p;
    }

    /** Packets counted so far. */
    public long count() {
        long sum = 0;
        for (LongAdder a : perTtl) {
            sum += a.sum();
        }
        return sum;
    }

    private String histogram() {
        StringBuilder sb = new StringBuilder();
        for (int low = 0; low < TTLS; low += bucket) {
            int high = Math.min(low + bucket, TTLS) - 1;
            long n = 0;
            for (int ttl = low; ttl <= high; ttl++) {
                n += perTtl[ttl].sum();
            }
            if (n > 0) {
                sb.append(low).append('-').append(high).append(' ').append(n).append('\n');
            }
        }
        return sb.toString();
    }

    private String counts() {
        StringBuilder sb = new StringBuilder();
        for (int ttl = 0; ttl < TTLS; ttl++) {
            long n = perTtl[ttl].sum();
            if (n > 0) {
                sb.append(ttl).append(' ').append(n).append('\n');
            }
        }
        return sb.toString();
    }

    private void reset() {
        for (LongAdder a : perTtl) {
            a.reset();
        }
        drops.reset();
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("histogram", this::histogram)
         .read("counts", this::counts)
         .read("count", () -> Long.toString(count()))
         .read("drops", () -> Long.toString(drops.sum()))
         .write("reset", v -> reset());
    }

    /**
     * Adds the old element's counts to this one's. After a bundle update the old element is an
     * instance of the previous version of this class, loaded by another class loader, so it is not
     * a {@code TTLHistogram} here and cannot be cast: its counts are read through its own
     * {@code counts} and {@code drops} handlers, which every version keeps.
     */
    @Override
    public void takeState(Element old) {
        if (old instanceof TTLHistogram same) {
            for (int ttl = 0; ttl < TTLS; ttl++) {
                perTtl[ttl].add(same.perTtl[ttl].sum());
            }
            drops.add(same.drops.sum());
            return;
        }
        try {
            long[] taken = new long[TTLS];
            for (String line : old.context().handlers().read(old.name() + ".counts").split("\n")) {
                if (!line.isBlank()) {
                    String[] f = line.trim().split(" ");
                    taken[Integer.parseInt(f[0])] = Long.parseLong(f[1]);
                }
            }
            long dropped = Long.parseLong(old.context().handlers().read(old.name() + ".drops").trim());
            for (int ttl = 0; ttl < TTLS; ttl++) {
                perTtl[ttl].add(taken[ttl]);
            }
            drops.add(dropped);
        } catch (HandlerException | RuntimeException e) {
            context().message(this, "the old " + old.name() + " :: " + old.className()
                    + " did not hand over its counts (" + e.getMessage() + "); counting afresh");
        }
    }
}

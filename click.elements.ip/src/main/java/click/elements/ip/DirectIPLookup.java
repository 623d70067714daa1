package click.elements.ip;

import click.api.ElementInfo;
import java.util.Arrays;
import java.util.Comparator;

/**
 * <h2>DirectIPLookup</h2>
 * <b>Synopsis:</b> {@code DirectIPLookup(ROUTE, ...)}
 * <p><b>IP routing lookup in at most two memory reads (DIR-24-8).</b> Category: IP routing. Ports:
 * 1 push input, any number of push outputs.
 *
 * <p><b>Processing:</b> a first table has one entry per /24 (16,777,216 entries of two bytes, so
 * 32 MB per element): either the route for the whole /24, or a pointer to a 256-entry second-level
 * chunk for /24s that hold longer prefixes. A lookup reads the first table with the top 24 address
 * bits and, for such /24s, the chunk with the last 8. Tables are built by filling ranges from the
 * shortest prefix to the longest, so longer prefixes overwrite shorter ones. Limits: 32,766 routes
 * and 32,768 chunks; masks must be contiguous.
 *
 * <p><b>Routes</b> are Click's {@code ADDR/MASK [GW] OUT}: packets whose destination annotation
 * matches ADDR/MASK leave on output OUT; with a gateway GW, their destination annotation becomes GW
 * (the next hop ARPQuerier resolves). The longest matching prefix wins. A packet with no matching
 * route is dropped and counted.
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>table (read)</dt><dd>the routes, one per line: {@code ADDR/MASK<TAB>GW<TAB>OUT}, "-" for no gateway.</dd>
 * <dt>lookup (read with parameter)</dt><dd>{@code lookup ADDR} gives {@code OUT} or {@code OUT GW} for
 * the route a packet to ADDR takes, or an empty string.</dd>
 * <dt>add (write)</dt><dd>adds a route; refused if a route for that prefix exists.</dd>
 * <dt>set (write)</dt><dd>adds a route or replaces the one for that prefix.</dd>
 * <dt>remove (write)</dt><dd>{@code ADDR/MASK [[GW] OUT]}: removes the route for that prefix (if GW and OUT
 * are given, they must match).</dd>
 * <dt>flush (write)</dt><dd>removes every route.</dd>
 * <dt>drops (read)</dt><dd>packets without a route (a jclick addition).</dd>
 * </dl>
 * A change is built beside the running table and swapped in at once: packets never see half a change.
 *
 * <p><b>Annotations:</b> uses the destination IP address; sets it to the gateway when the route has one.
 * Each change rebuilds the tables (tens of milliseconds).
 * <p><b>Example:</b> {@code rt :: DirectIPLookup(192.0.2.1/32 0, 192.0.2.0/24 1, 0.0.0.0/0 198.51.100.254 2);}
 * <p><b>See also:</b> RadixIPLookup, StaticIPLookup.
 */
@ElementInfo(ports = "1/-", processing = "h/h", category = "IP routing")
public final class DirectIPLookup extends IPRouteTable {
    @Override
    Lookup build(Route[] routes) {
        return Dir248.of(routes);
    }

    /**
     * Entries hold 1 + the route index (0: no route), or {@link #CHUNK} | chunk number for a /24
     * whose entries are in {@code chunks[chunk * 256 ..]}.
     */
    private static final class Dir248 implements Lookup {
        private static final char CHUNK = 0x8000;
        private static final int MAX_ROUTES = 0x7FFE;
        private final char[] first;
        private final char[] chunks;

        private Dir248(char[] first, char[] chunks) {
            this.first = first;
            this.chunks = chunks;
        }

        static Dir248 of(Route[] routes) {
            if (routes.length > MAX_ROUTES) {
                throw new IllegalArgumentException("DirectIPLookup holds at most " + MAX_ROUTES + " routes, got " + routes.length);
            }
            Integer[] order = new Integer[routes.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
                if (routes[i].length() < 0) {
                    throw new IllegalArgumentException("route " + routes[i].toString().replace('\t', ' ')
                            + ": DirectIPLookup needs a contiguous mask");
                }
            }
            Arrays.sort(order, Comparator.comparingInt((Integer i) -> routes[i].length()));
            char[] first = new char[1 << 24];
            char[] chunks = new char[0];
            int nchunks = 0;
            for (int i : order) {
                Route r = routes[i];
                int len = r.length();
                char entry = (char) (i + 1);
                if (len <= 24) {
                    int from = r.addr() >>> 8;
                    Arrays.fill(first, from, from + (1 << (24 - len)), entry);
                    continue;
                }
                int slot = r.addr() >>> 8;
                if ((first[slot] & CHUNK) == 0) {
                    if (nchunks == CHUNK) {
                        throw new IllegalArgumentException("DirectIPLookup holds at most " + (int) CHUNK
                                + " /24s with longer prefixes in them");
                    }
                    if (chunks.length < (nchunks + 1) * 256) {
                        chunks = Arrays.copyOf(chunks, Math.max(256, chunks.length * 2));
                    }
                    Arrays.fill(chunks, nchunks * 256, nchunks * 256 + 256, first[slot]);
                    first[slot] = (char) (CHUNK | nchunks++);
                }
                int from = (first[slot] & ~CHUNK) * 256 + (r.addr() & 0xFF);
                Arrays.fill(chunks, from, from + (1 << (32 - len)), entry);
            }
            return new Dir248(first, Arrays.copyOf(chunks, nchunks * 256));
        }

        @Override
        public int find(int addr) {
            char e = first[addr >>> 8];
            if ((e & CHUNK) != 0) {
                e = chunks[(e & ~CHUNK) << 8 | (addr & 0xFF)];
            }
            return e - 1;
        }
    }
}

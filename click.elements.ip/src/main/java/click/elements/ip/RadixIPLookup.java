package click.elements.ip;

import click.api.ElementInfo;
import java.util.Arrays;

/**
 * <h2>RadixIPLookup</h2>
 * <b>Synopsis:</b> {@code RadixIPLookup(ROUTE, ...)}
 * <p><b>IP routing lookup in a multibit trie.</b> Category: IP routing. Ports: 1 push input, any
 * number of push outputs.
 *
 * <p><b>Processing:</b> the routes form a trie that consumes the destination address four bits at a
 * time (a radix-16 trie with prefix expansion: a /22 fills the four entries it covers in the level
 * holding bits 21-24). A lookup reads at most eight levels, remembering the last route it saw, so
 * its cost does not grow with the table. Unlike Click's radix tree, paths are not compressed; a
 * large table of long prefixes costs memory (128 bytes per trie node). Masks must be contiguous (a
 * prefix length).
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
 * <p><b>Example:</b> {@code rt :: RadixIPLookup(192.0.2.1/32 0, 192.0.2.0/24 1, 0.0.0.0/0 198.51.100.254 2);}
 * <p><b>See also:</b> StaticIPLookup, DirectIPLookup.
 */
@ElementInfo(ports = "1/-", processing = "h/h", category = "IP routing")
public final class RadixIPLookup extends IPRouteTable {
    @Override
    Lookup build(Route[] routes) {
        return Trie.of(routes);
    }

    /**
     * Nodes of {@value #FANOUT} entries in flat arrays: entry {@code n * FANOUT + digit} holds the
     * longest route ending within node n's {@value #STRIDE} bits for that digit ({@code route}, -1
     * for none) and the child node for that digit ({@code child}, 0 for none: the root, node 0, is
     * nobody's child).
     */
    private static final class Trie implements Lookup {
        private static final int STRIDE = 4;
        private static final int FANOUT = 1 << STRIDE;
        private final int[] route;
        private final int[] child;

        private Trie(int[] route, int[] child) {
            this.route = route;
            this.child = child;
        }

        static Trie of(Route[] routes) {
            Integer[] order = new Integer[routes.length];
            for (int i = 0; i < routes.length; i++) {
                order[i] = i;
                if (routes[i].length() < 0) {
                    throw new IllegalArgumentException("route " + routes[i].toString().replace('\t', ' ')
                            + ": RadixIPLookup needs a contiguous mask");
                }
            }
            // shorter prefixes first, so a longer one overwrites the entries it shares with them
            Arrays.sort(order, java.util.Comparator.comparingInt((Integer i) -> routes[i].length()));
            int[] route = new int[FANOUT * 16];
            int[] child = new int[FANOUT * 16];
            Arrays.fill(route, -1);
            int nodes = 1;
            for (int i : order) {
                int addr = routes[i].addr();
                int len = routes[i].length();
                int level = len == 0 ? 0 : (len - 1) / STRIDE;
                int n = 0;
                for (int l = 0; l < level; l++) {
                    int e = n * FANOUT + digit(addr, l);
                    if (child[e] == 0) {
                        if ((nodes + 1) * FANOUT > route.length) {
                            route = Arrays.copyOf(route, route.length * 2);
                            Arrays.fill(route, route.length / 2, route.length, -1);
                            child = Arrays.copyOf(child, child.length * 2);
                        }
                        child[e] = nodes++;
                    }
                    n = child[e];
                }
                int bitsHere = len - level * STRIDE;
                int first = n * FANOUT + (bitsHere == 0 ? 0 : digit(addr, level) & ~((1 << (STRIDE - bitsHere)) - 1));
                Arrays.fill(route, first, first + (1 << (STRIDE - bitsHere)), i);
            }
            return new Trie(Arrays.copyOf(route, nodes * FANOUT), Arrays.copyOf(child, nodes * FANOUT));
        }

        /** The {@code level}th group of STRIDE bits of {@code addr}, from the top. */
        private static int digit(int addr, int level) {
            return addr >>> (32 - STRIDE * (level + 1)) & (FANOUT - 1);
        }

        @Override
        public int find(int addr) {
            int best = -1;
            int n = 0;
            for (int shift = 32 - STRIDE; shift >= 0; shift -= STRIDE) {
                int e = n * FANOUT + (addr >>> shift & (FANOUT - 1));
                if (route[e] >= 0) {
                    best = route[e];
                }
                n = child[e];
                if (n == 0) {
                    break;
                }
            }
            return best;
        }
    }
}

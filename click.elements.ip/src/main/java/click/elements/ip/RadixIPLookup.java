package click.elements.ip;

import click.api.ElementInfo;
import java.util.Arrays;

/**
 * <h2>RadixIPLookup</h2>
 * <b>Synopsis:</b> {@code RadixIPLookup(ROUTE, ...)}
 * <p><b>IP routing lookup in a binary trie.</b> Category: IP routing. Ports: 1 push input, any
 * number of push outputs.
 *
 * <p><b>Processing:</b> the routes form a binary trie over the address bits; a lookup walks from the
 * root along the destination's bits, remembering the last route passed, so it costs at most one
 * step per prefix bit, however large the table. Unlike Click's radix tree, the trie is not path
 * compressed. Masks must be contiguous (a prefix length).
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
     * Nodes in flat arrays: node 0 is the root (the empty prefix); {@code zero[n]} and {@code one[n]}
     * are the children (0 for none, as the root is nobody's child), {@code route[n]} the route whose
     * prefix ends at n, or -1.
     */
    private static final class Trie implements Lookup {
        private final int[] zero;
        private final int[] one;
        private final int[] route;

        private Trie(int[] zero, int[] one, int[] route) {
            this.zero = zero;
            this.one = one;
            this.route = route;
        }

        static Trie of(Route[] routes) {
            int cap = 1 + 32 * routes.length;
            int[] zero = new int[cap];
            int[] one = new int[cap];
            int[] route = new int[cap];
            Arrays.fill(route, -1);
            int nodes = 1;
            for (int i = 0; i < routes.length; i++) {
                int len = routes[i].length();
                if (len < 0) {
                    throw new IllegalArgumentException("route " + routes[i].toString().replace('\t', ' ')
                            + ": RadixIPLookup needs a contiguous mask");
                }
                int n = 0;
                for (int bit = 31; bit >= 32 - len; bit--) {
                    int[] side = (routes[i].addr() >>> bit & 1) == 0 ? zero : one;
                    if (side[n] == 0) {
                        side[n] = nodes++;
                    }
                    n = side[n];
                }
                route[n] = i;
            }
            return new Trie(Arrays.copyOf(zero, nodes), Arrays.copyOf(one, nodes), Arrays.copyOf(route, nodes));
        }

        @Override
        public int find(int addr) {
            int n = 0;
            int best = route[0];
            for (int bit = 31; bit >= 0; bit--) {
                n = (addr >>> bit & 1) == 0 ? zero[n] : one[n];
                if (n == 0) {
                    break;
                }
                if (route[n] >= 0) {
                    best = route[n];
                }
            }
            return best;
        }
    }
}

package click.elements.ip;

import click.api.ElementInfo;
import java.util.Arrays;
import java.util.Comparator;

/**
 * <h2>StaticIPLookup</h2>
 * <b>Synopsis:</b> {@code StaticIPLookup(ROUTE, ...)}
 * <p><b>IP routing lookup in a linear table, for teaching.</b> Category: IP routing. Ports: 1 push
 * input, any number of push outputs. Also known as LookupIPRoute (the paper's Figure 2 name) and
 * LinearIPLookup.
 *
 * <p><b>Processing:</b> the routes are kept sorted from the longest prefix to the shortest and
 * tried in that order; the first match wins. Lookup time grows with the table: fine for a handful
 * of interface routes, the wrong choice for a full table (use RadixIPLookup or DirectIPLookup).
 * Non-contiguous masks (such as 255.0.255.0) work here and nowhere else.
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
 * Unlike Click's StaticIPLookup, the table can be changed at run time.
 * <p><b>Example:</b> {@code rt :: StaticIPLookup(192.0.2.1/32 0, 192.0.2.0/24 1, 0.0.0.0/0 198.51.100.254 2);}
 * <p><b>See also:</b> RadixIPLookup, DirectIPLookup, ARPQuerier.
 */
@ElementInfo(ports = "1/-", processing = "h/h", category = "IP routing", aliases = {"LookupIPRoute", "LinearIPLookup"})
public final class StaticIPLookup extends IPRouteTable {
    @Override
    Lookup build(Route[] routes) {
        Integer[] order = new Integer[routes.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> Integer.bitCount(routes[i].mask())).reversed());
        int[] nets = new int[routes.length];
        int[] masks = new int[routes.length];
        int[] index = new int[routes.length];
        for (int k = 0; k < order.length; k++) {
            nets[k] = routes[order[k]].addr();
            masks[k] = routes[order[k]].mask();
            index[k] = order[k];
        }
        return addr -> {
            for (int k = 0; k < nets.length; k++) {
                if ((addr & masks[k]) == nets[k]) {
                    return index[k];
                }
            }
            return -1;
        };
    }
}

package click.elements.ip;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.HandlerException;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.Tally;
import click.api.net.IPAddress;

import java.util.ArrayList;
import java.util.List;

/**
 * The route-lookup elements' common part: parsing routes, forwarding by the destination annotation,
 * and the run-time handlers. Subclasses supply the lookup structure.
 *
 * <p>Thread ownership: any number of threads push; handler writes come from one thread at a time
 * (and are serialised here anyway). A change builds a new {@link Snapshot} beside the old one and
 * publishes it through one volatile write, so a packet is looked up either wholly in the old table
 * or wholly in the new one, and the forwarding path takes no lock.
 *
 * <p>Invariants: every route in a snapshot has a distinct prefix and a port below noutputs().
 */
abstract class IPRouteTable extends Element {
    /** A lookup structure over a fixed route array: the index of the longest matching route, or -1. */
    interface Lookup {
        int find(int addr);
    }

    /** Routes in table order, their gateways and ports as flat arrays, and the structure to search them. */
    record Snapshot(Route[] routes, int[] gateways, int[] ports, Lookup lookup) {
    }

    private final Tally noRoute = new Tally();
    private volatile Snapshot snapshot;

    /**
     * Builds the lookup structure; throws {@link IllegalArgumentException} (with a message for the
     * user) for routes this structure cannot hold.
     */
    abstract Lookup build(Route[] routes);

    @Override
    public void configure(Args args) throws ConfigException {
        List<Route> routes = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String text : args.rest()) {
            if (text.isBlank()) {
                continue;
            }
            try {
                Route r = Route.parse(text);
                checkPort(r);
                if (routes.stream().anyMatch(r::samePrefix)) {
                    throw new IllegalArgumentException("route " + r.toString().replace('\t', ' ') + ": prefix given twice");
                }
                routes.add(r);
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        Snapshot s = null;
        if (errors.isEmpty()) {
            try {
                s = snapshot(routes);
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        args.complete();
        snapshot = s;
    }

    private void checkPort(Route r) {
        if (r.port() >= noutputs()) {
            throw new IllegalArgumentException("route " + r.toString().replace('\t', ' ') + " sends to output "
                    + r.port() + ", but " + name() + " has " + noutputs() + " outputs");
        }
    }

    private Snapshot snapshot(List<Route> routes) {
        Route[] rs = routes.toArray(new Route[0]);
        int[] gw = new int[rs.length];
        int[] port = new int[rs.length];
        for (int i = 0; i < rs.length; i++) {
            gw[i] = rs[i].gw();
            port[i] = rs[i].port();
        }
        return new Snapshot(rs, gw, port, build(rs));
    }

    @Override
    public void push(int port, Packet p) {
        Snapshot s = snapshot;
        int i = s.lookup().find(p.dstIp());
        if (i < 0) {
            noRoute.increment();
            p.kill();
            return;
        }
        int gw = s.gateways()[i];
        if (gw != 0) {
            p.setDstIp(gw);
        }
        output(s.ports()[i]).push(p);
    }

    /** The route a packet for {@code addr} takes, or null. */
    Route lookupRoute(int addr) {
        Snapshot s = snapshot;
        int i = s.lookup().find(addr);
        return i < 0 ? null : s.routes()[i];
    }

    // ---- handlers ----

    private synchronized void change(String text, boolean replace) throws HandlerException {
        Route r = parseForHandler(text);
        List<Route> routes = new ArrayList<>(List.of(snapshot.routes()));
        int at = indexOf(routes, r);
        if (at >= 0 && !replace) {
            throw new HandlerException("a route for " + r.toString().split("\t")[0] + " exists already (use set to replace it)");
        }
        if (at >= 0) {
            routes.set(at, r);
        } else {
            routes.add(r);
        }
        publish(routes);
    }

    private synchronized void remove(String text) throws HandlerException {
        String[] words = text.trim().split("\\s+");
        Route r;
        try {
            r = words.length == 1 ? Route.parse(text + " 0") : Route.parse(text);
        } catch (IllegalArgumentException e) {
            throw new HandlerException(e.getMessage());
        }
        List<Route> routes = new ArrayList<>(List.of(snapshot.routes()));
        int at = indexOf(routes, r);
        if (at < 0) {
            throw new HandlerException("no route for " + r.toString().split("\t")[0]);
        }
        Route old = routes.get(at);
        if (words.length > 1 && (old.port() != r.port() || (words.length == 3 && old.gw() != r.gw()))) {
            throw new HandlerException("the route for " + r.toString().split("\t")[0] + " is "
                    + old.toString().replace('\t', ' ') + ", not " + text.trim());
        }
        routes.remove(at);
        publish(routes);
    }

    private synchronized void flush() throws HandlerException {
        publish(List.of());
    }

    private Route parseForHandler(String text) throws HandlerException {
        try {
            Route r = Route.parse(text);
            checkPort(r);
            return r;
        } catch (IllegalArgumentException e) {
            throw new HandlerException(e.getMessage());
        }
    }

    private static int indexOf(List<Route> routes, Route r) {
        for (int i = 0; i < routes.size(); i++) {
            if (routes.get(i).samePrefix(r)) {
                return i;
            }
        }
        return -1;
    }

    private void publish(List<Route> routes) throws HandlerException {
        try {
            snapshot = snapshot(routes);
        } catch (IllegalArgumentException e) {
            throw new HandlerException(e.getMessage());
        }
    }

    private String table() {
        StringBuilder sb = new StringBuilder();
        for (Route r : snapshot.routes()) {
            sb.append(r).append('\n');
        }
        return sb.toString();
    }

    private String lookup(String param) throws HandlerException {
        int addr;
        try {
            addr = IPAddress.parse(param.trim());
        } catch (IllegalArgumentException e) {
            throw new HandlerException("expected an IP address to look up, got \"" + param.trim() + "\"");
        }
        Route r = lookupRoute(addr);
        if (r == null) {
            return "";
        }
        return r.gw() == 0 ? Integer.toString(r.port()) : r.port() + " " + IPAddress.toString(r.gw());
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("table", this::table)
         .readParam("lookup", this::lookup)
         .write("add", v -> change(v, false))
         .write("set", v -> change(v, true))
         .write("remove", this::remove)
         .write("flush", v -> flush())
         .read("drops", () -> Long.toString(noRoute.sum()));
    }
}

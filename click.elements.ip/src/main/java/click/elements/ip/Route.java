package click.elements.ip;

import click.api.net.IPAddress;
import click.api.net.IPPrefix;

/**
 * One routing table entry, Click's {@code ADDR/MASK [GW] OUT}: packets for {@code addr/mask} leave
 * on output {@code port}, toward gateway {@code gw} (0 when the destination is on the link).
 * {@code addr} holds the network with host bits cleared.
 */
record Route(int addr, int mask, int gw, int port) {
    /** Parses one route; throws {@link IllegalArgumentException} with a message for the user. */
    static Route parse(String text) {
        String[] w = text.trim().split("\\s+");
        if (w.length < 2 || w.length > 3 || w[0].isEmpty()) {
            throw new IllegalArgumentException("expected a route 'ADDR/MASK [GW] OUT', got \"" + text.trim() + "\"");
        }
        IPPrefix p;
        try {
            p = IPPrefix.parse(w[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected ADDR/MASK in route \"" + text.trim() + "\", got \"" + w[0] + "\"");
        }
        int gw = 0;
        if (w.length == 3) {
            try {
                gw = IPAddress.parse(w[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected a gateway address in route \"" + text.trim() + "\", got \"" + w[1] + "\"");
            }
        }
        int port;
        try {
            port = Integer.parseInt(w[w.length - 1]);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0) {
            throw new IllegalArgumentException("expected an output port in route \"" + text.trim() + "\", got \"" + w[w.length - 1] + "\"");
        }
        return new Route(p.network(), p.mask(), gw, port);
    }

    boolean matches(int a) {
        return (a & mask) == addr;
    }

    /** Prefix length, or -1 for a non-contiguous mask. */
    int length() {
        return IPAddress.prefixLengthOf(mask);
    }

    boolean samePrefix(Route o) {
        return addr == o.addr && mask == o.mask;
    }

    /** Click's table line: {@code ADDR/MASK GW OUT}, "-" for no gateway. */
    @Override
    public String toString() {
        return new IPPrefix(addr, mask) + "\t" + (gw == 0 ? "-" : IPAddress.toString(gw)) + "\t" + port;
    }
}

package click.elements.nat;

import click.api.HandlerException;
import click.api.net.IPAddress;

/**
 * The text of a static mapping written to a rewriter's {@code add_mapping} handler:
 * <pre>
 *   PROTO SADDR SPORT DADDR DPORT =&gt; SADDR' SPORT' DADDR' DPORT' FOUTPUT ROUTPUT
 *   tcp 10.0.0.2 8080 198.51.100.7 5000 =&gt; 192.0.2.1 8080 198.51.100.7 5000 0 1
 * </pre>
 * PROTO is {@code tcp} or {@code udp}. The left side is the flow as it arrives on the forward side,
 * the right side what it becomes; the reply mapping follows. Every field is explicit: a static
 * mapping is one exact flow.
 */
final class StaticMappingSyntax {
    record Parsed(FlowKey original, FlowKey rewritten, int foutput, int routput) {
    }

    private StaticMappingSyntax() {
    }

    static Parsed parsePorts(String text, int noutputs) throws HandlerException {
        String[] w = text.trim().split("\\s+");
        if (w.length != 12 || !w[5].equals("=>")) {
            throw new HandlerException("expected 'PROTO SADDR SPORT DADDR DPORT => SADDR SPORT DADDR DPORT"
                    + " FOUTPUT ROUTPUT', got \"" + text.trim() + "\"");
        }
        int protocol = switch (w[0]) {
            case "tcp", "TCP", "6" -> 6;
            case "udp", "UDP", "17" -> 17;
            default -> throw new HandlerException("expected tcp or udp for PROTO, got \"" + w[0] + "\"");
        };
        FlowKey original = new FlowKey(protocol, address(w[1]), port(w[2]), address(w[3]), port(w[4]));
        FlowKey rewritten = new FlowKey(protocol, address(w[6]), port(w[7]), address(w[8]), port(w[9]));
        return new Parsed(original, rewritten, output(w[10], noutputs), output(w[11], noutputs));
    }

    private static int address(String s) throws HandlerException {
        try {
            return IPAddress.parse(s);
        } catch (IllegalArgumentException e) {
            throw new HandlerException("expected an IPv4 address, got \"" + s + "\"");
        }
    }

    private static int port(String s) throws HandlerException {
        try {
            int v = Integer.parseInt(s);
            if (v >= 0 && v <= 65535) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new HandlerException("expected a port number 0-65535, got \"" + s + "\"");
    }

    private static int output(String s, int noutputs) throws HandlerException {
        try {
            int v = Integer.parseInt(s);
            if (v >= 0 && v < noutputs) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new HandlerException("expected an output port from 0 to " + (noutputs - 1) + ", got \"" + s + "\"");
    }
}

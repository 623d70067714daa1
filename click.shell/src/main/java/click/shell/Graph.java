package click.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A router's configuration graph for {@code click:graph}: its elements in configuration order and
 * its connections, read from each element's {@code ports} handler (Click's format: a count line,
 * then one line per port, {@code processing TAB packets TAB peers}, an output's peers written
 * {@code [port] name} and separated by {@code ", "}). Rendered as Graphviz DOT or as plain text,
 * each connection with the packets that passed it: a push connection's count is its output's, a
 * pull connection's its input's (the ports Click counts; the other ports show {@code -}).
 *
 * <p>Thread ownership: made and rendered by one command call.
 */
final class Graph {
    /** One element: name, class and its {@code ports} handler text. */
    record Node(String name, String className, String ports) {
    }

    /**
     * One connection {@code from [fromPort] -> [toPort] to}, with the output's processing and the
     * packets that passed it ({@code -} when the ports handler did not say).
     */
    record Edge(String from, int fromPort, String to, int toPort, String processing, String packets) {
    }

    private final String name;
    private final List<Node> nodes;
    private final List<Edge> edges = new ArrayList<>();
    /** Packet counts of pull inputs, by {@code name [port]}: a pull connection's count. */
    private final Map<String, String> pulled = new HashMap<>();

    Graph(String name, List<Node> nodes) {
        this.name = name;
        this.nodes = List.copyOf(nodes);
        for (Node n : nodes) {
            inputs(n);
        }
        for (Node n : nodes) {
            outputs(n);
        }
    }

    List<Edge> edges() {
        return edges;
    }

    private void inputs(Node n) {
        List<String[]> ports = portLines(n, "\\d+ inputs?");
        for (int port = 0; port < ports.size(); port++) {
            String[] fields = ports.get(port);
            if (fields.length >= 2 && fields[0].startsWith("pull")) {
                pulled.put(n.name() + " [" + port + "]", fields[1]);
            }
        }
    }

    private void outputs(Node n) {
        List<String[]> ports = portLines(n, "\\d+ outputs?");
        for (int port = 0; port < ports.size(); port++) {
            String[] fields = ports.get(port);
            if (fields.length < 3 || fields[2].isEmpty()) {
                continue;
            }
            String processing = fields[0].replace("~", "");
            for (String peer : fields[2].split(", ")) {
                int close = peer.indexOf("] ");
                String to = peer.substring(close + 2);
                int toPort = Integer.parseInt(peer.substring(1, close));
                String packets = processing.equals("push") ? fields[1] : pulled.getOrDefault(to + " [" + toPort + "]", "-");
                edges.add(new Edge(n.name(), port, to, toPort, processing, packets));
            }
        }
    }

    /** The port lines (split at tabs) after the count line matching {@code header}, or none. */
    private static List<String[]> portLines(Node n, String header) {
        String[] lines = n.ports().split("\n");
        int i = 0;
        while (i < lines.length && !lines[i].matches(header)) {
            i++;
        }
        List<String[]> ports = new ArrayList<>();
        if (i == lines.length) {
            return ports;
        }
        int count = Integer.parseInt(lines[i].substring(0, lines[i].indexOf(' ')));
        for (int port = 0; port < count && i + 1 + port < lines.length; port++) {
            ports.add(lines[i + 1 + port].split("\t", 3));
        }
        return ports;
    }

    /**
     * Graphviz: one box per element (name and class), one arrow per connection labelled with its
     * packets, ports at its ends, pull dashed.
     */
    String dot() {
        StringBuilder sb = new StringBuilder("digraph ").append(quote(name)).append(" {\n");
        sb.append("  node [shape=box];\n");
        for (Node n : nodes) {
            sb.append("  ").append(quote(n.name())).append(" [label=").append(quote(n.name() + "\n:: " + n.className()))
              .append("];\n");
        }
        for (Edge e : edges) {
            sb.append("  ").append(quote(e.from())).append(" -> ").append(quote(e.to()))
              .append(" [label=\"").append(e.packets()).append("\", taillabel=\"").append(e.fromPort())
              .append("\", headlabel=\"").append(e.toPort()).append('"')
              .append(e.processing().equals("pull") ? ", style=dashed" : "").append("];\n");
        }
        return sb.append("}\n").toString();
    }

    /** For the terminal: each element with its class, then one line per outgoing connection with its packets. */
    String ascii() {
        StringBuilder sb = new StringBuilder();
        for (Node n : nodes) {
            sb.append(n.name()).append(" :: ").append(n.className()).append('\n');
            for (Edge e : edges) {
                if (e.from().equals(n.name())) {
                    sb.append("  [").append(e.fromPort()).append("] ").append(e.processing().equals("pull") ? "~> " : "-> ")
                      .append('[').append(e.toPort()).append("] ").append(e.to()).append("  (").append(e.packets())
                      .append(")\n");
                }
            }
        }
        return sb.toString();
    }

    /** A DOT string: quotes and backslashes escaped, line breaks as DOT's {@code \n}. */
    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}

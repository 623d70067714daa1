package click.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * A router's configuration graph for {@code click:graph}: its elements in configuration order and
 * its connections, read from each element's {@code ports} handler (Click's format: a count line,
 * then one line per port, {@code processing TAB count TAB peers}, an output's peers written
 * {@code [port] name} and separated by {@code ", "}). Rendered as Graphviz DOT or as plain text.
 *
 * <p>Thread ownership: made and rendered by one command call.
 */
final class Graph {
    /** One element: name, class and its {@code ports} handler text. */
    record Node(String name, String className, String ports) {
    }

    /** One connection {@code from [fromPort] -> [toPort] to}, with the output's processing. */
    record Edge(String from, int fromPort, String to, int toPort, String processing) {
    }

    private final String name;
    private final List<Node> nodes;
    private final List<Edge> edges = new ArrayList<>();

    Graph(String name, List<Node> nodes) {
        this.name = name;
        this.nodes = List.copyOf(nodes);
        for (Node n : nodes) {
            outputs(n);
        }
    }

    List<Edge> edges() {
        return edges;
    }

    private void outputs(Node n) {
        String[] lines = n.ports().split("\n");
        int i = 0;
        while (i < lines.length && !lines[i].matches("\\d+ outputs?")) {
            i++;
        }
        if (i == lines.length) {
            return;
        }
        int count = Integer.parseInt(lines[i].substring(0, lines[i].indexOf(' ')));
        for (int port = 0; port < count && i + 1 + port < lines.length; port++) {
            String[] fields = lines[i + 1 + port].split("\t", 3);
            if (fields.length < 3 || fields[2].isEmpty()) {
                continue;
            }
            String processing = fields[0].replace("~", "");
            for (String peer : fields[2].split(", ")) {
                int close = peer.indexOf("] ");
                edges.add(new Edge(n.name(), port, peer.substring(close + 2),
                        Integer.parseInt(peer.substring(1, close)), processing));
            }
        }
    }

    /** Graphviz: one box per element (name and class), one arrow per connection, ports as labels, pull dashed. */
    String dot() {
        StringBuilder sb = new StringBuilder("digraph ").append(quote(name)).append(" {\n");
        sb.append("  node [shape=box];\n");
        for (Node n : nodes) {
            sb.append("  ").append(quote(n.name())).append(" [label=").append(quote(n.name() + "\n:: " + n.className()))
              .append("];\n");
        }
        for (Edge e : edges) {
            sb.append("  ").append(quote(e.from())).append(" -> ").append(quote(e.to()))
              .append(" [taillabel=\"").append(e.fromPort()).append("\", headlabel=\"").append(e.toPort()).append('"')
              .append(e.processing().equals("pull") ? ", style=dashed" : "").append("];\n");
        }
        return sb.append("}\n").toString();
    }

    /** For the terminal: each element with its class, then one line per outgoing connection. */
    String ascii() {
        StringBuilder sb = new StringBuilder();
        for (Node n : nodes) {
            sb.append(n.name()).append(" :: ").append(n.className()).append('\n');
            for (Edge e : edges) {
                if (e.from().equals(n.name())) {
                    sb.append("  [").append(e.fromPort()).append("] ").append(e.processing().equals("pull") ? "~> " : "-> ")
                      .append('[').append(e.toPort()).append("] ").append(e.to()).append('\n');
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

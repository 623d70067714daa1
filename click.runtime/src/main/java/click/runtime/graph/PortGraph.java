package click.runtime.graph;

import click.api.Element;
import click.api.ErrorReport;
import click.api.Location;
import click.api.PortSpec;
import click.runtime.lang.FlatGraph;
import click.runtime.lang.FlatGraph.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Port counts and push/pull processing of a flattened graph, with Click's checks.
 *
 * <p>Port counts: an element gets as many ports as its highest connected port number plus one,
 * at least the minimum of its {@link Element#portCountSpec()}; a connection beyond the maximum is
 * an error ("{@code 'q' :: Queue has no output 2}").
 *
 * <p>Processing (Click's algorithm): every port starts as its processing spec says; then, until
 * nothing changes, a connection forces an agnostic end to the processing of the other end, and an
 * agnostic port forces the agnostic ports of the same element that its flow code links it to. A
 * port still agnostic at that point becomes push, and the propagation resumes. Then every
 * connection must join like to like, a push output may have only one connection, a pull input
 * only one, and every port must be connected.
 */
public final class PortGraph {
    private final FlatGraph graph;
    private final Element[] elements;
    private final ErrorReport errors;
    private final int[] ninputs;
    private final int[] noutputs;
    private final char[][] inputCodes;
    private final char[][] outputCodes;
    private final List<Connection> valid = new ArrayList<>();
    /** Ports at the good end of a connection whose other end does not exist: already reported, not "unconnected". */
    private final Set<List<Integer>> halfConnected = new HashSet<>();

    private PortGraph(FlatGraph graph, Element[] elements, ErrorReport errors) {
        this.graph = graph;
        this.elements = elements;
        this.errors = errors;
        int n = elements.length;
        ninputs = new int[n];
        noutputs = new int[n];
        inputCodes = new char[n][];
        outputCodes = new char[n][];
    }

    /**
     * Checks {@code graph} whose element {@code i} is {@code elements[i]} (null when it could not
     * be made; its connections are then ignored). Problems go to {@code errors}.
     */
    public static PortGraph check(FlatGraph graph, Element[] elements, ErrorReport errors) {
        PortGraph pg = new PortGraph(graph, elements, errors);
        pg.countPorts();
        pg.resolveProcessing();
        pg.checkConnections();
        return pg;
    }

    public int ninputs(int element) {
        return ninputs[element];
    }

    public int noutputs(int element) {
        return noutputs[element];
    }

    public boolean inputIsPush(int element, int port) {
        return inputCodes[element][port] != PortSpec.PULL;
    }

    public boolean outputIsPush(int element, int port) {
        return outputCodes[element][port] != PortSpec.PULL;
    }

    /** The connections between existing ports of existing elements. */
    public List<Connection> connections() {
        return valid;
    }

    private String describe(int i) {
        return "'" + graph.elements().get(i).name() + "' :: " + graph.elements().get(i).className();
    }

    private Location location(int i) {
        return graph.elements().get(i).location();
    }

    private void bug(int i, String what, RuntimeException e) {
        errors.error(location(i), graph.elements().get(i).name() + " :: " + graph.elements().get(i).className(),
                "bug in element class " + graph.elements().get(i).className() + ": " + what + " ("
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    }

    // ---- port counts ----

    private void countPorts() {
        int n = elements.length;
        PortSpec[] specs = new PortSpec[n];
        for (int i = 0; i < n; i++) {
            if (elements[i] == null) {
                continue;
            }
            try {
                specs[i] = PortSpec.parse(elements[i].portCountSpec());
            } catch (RuntimeException e) {
                bug(i, "bad port-count spec \"" + elements[i].portCountSpec() + "\"", e);
                elements[i] = null;
            }
        }
        int[] usedIn = new int[n];
        int[] usedOut = new int[n];
        for (FlatGraph.Port p : graph.danglingOutputs()) {
            halfConnected.add(List.of(p.element(), 1, p.port()));
        }
        for (FlatGraph.Port p : graph.danglingInputs()) {
            halfConnected.add(List.of(p.element(), 0, p.port()));
        }
        for (Connection c : graph.connections()) {
            if (specs[c.from()] == null || specs[c.to()] == null) {
                // one end could not be made (already reported): the other end counts as connected
                halfConnected.add(List.of(c.from(), 1, c.fromPort()));
                halfConnected.add(List.of(c.to(), 0, c.toPort()));
                continue;
            }
            boolean ok = true;
            if (c.fromPort() >= specs[c.from()].outMax()) {
                errors.error(c.location(), "", describe(c.from()) + " has no output " + c.fromPort()
                        + portHint(specs[c.from()].outMax(), "output"));
                ok = false;
            }
            if (c.toPort() >= specs[c.to()].inMax()) {
                errors.error(c.location(), "", describe(c.to()) + " has no input " + c.toPort()
                        + portHint(specs[c.to()].inMax(), "input"));
                ok = false;
            }
            if (!ok) {
                halfConnected.add(List.of(c.from(), 1, c.fromPort()));
                halfConnected.add(List.of(c.to(), 0, c.toPort()));
            } else {
                valid.add(c);
                usedOut[c.from()] = Math.max(usedOut[c.from()], c.fromPort() + 1);
                usedIn[c.to()] = Math.max(usedIn[c.to()], c.toPort() + 1);
            }
        }
        for (List<Integer> half : halfConnected) {
            int i = half.get(0);
            int port = half.get(2);
            if (specs[i] == null) {
                continue;
            }
            if (half.get(1) == 0 && port < specs[i].inMax()) {
                usedIn[i] = Math.max(usedIn[i], port + 1);
            } else if (half.get(1) == 1 && port < specs[i].outMax()) {
                usedOut[i] = Math.max(usedOut[i], port + 1);
            }
        }
        for (int i = 0; i < n; i++) {
            if (specs[i] == null) {
                inputCodes[i] = new char[0];
                outputCodes[i] = new char[0];
                continue;
            }
            ninputs[i] = Math.max(usedIn[i], specs[i].inMin());
            noutputs[i] = Math.max(usedOut[i], specs[i].outMin());
            inputCodes[i] = new char[ninputs[i]];
            outputCodes[i] = new char[noutputs[i]];
        }
    }

    private static String portHint(int max, String side) {
        return max == 0 ? " (it has no " + side + "s)" : " (it has " + PortSpec.describe(max, max) + " " + side
                + (max == 1 ? "" : "s") + ")";
    }

    // ---- processing ----

    private void resolveProcessing() {
        int n = elements.length;
        boolean[][] agnosticIn = new boolean[n][];
        boolean[][] agnosticOut = new boolean[n][];
        String[] flows = new String[n];
        for (int i = 0; i < n; i++) {
            agnosticIn[i] = new boolean[ninputs[i]];
            agnosticOut[i] = new boolean[noutputs[i]];
            if (elements[i] == null) {
                continue;
            }
            String proc;
            try {
                proc = elements[i].processingSpec();
                flows[i] = elements[i].flowCode();
            } catch (RuntimeException e) {
                bug(i, "processingSpec/flowCode failed", e);
                proc = "a/a";
                flows[i] = "x/x";
            }
            for (int p = 0; p < ninputs[i]; p++) {
                inputCodes[i][p] = PortSpec.processing(proc, true, p);
                agnosticIn[i][p] = inputCodes[i][p] == PortSpec.AGNOSTIC;
            }
            for (int p = 0; p < noutputs[i]; p++) {
                outputCodes[i][p] = PortSpec.processing(proc, false, p);
                agnosticOut[i][p] = outputCodes[i][p] == PortSpec.AGNOSTIC;
            }
        }
        while (true) {
            propagate(agnosticIn, agnosticOut, flows);
            if (!defaultOneToPush()) {
                return;
            }
        }
    }

    /** Sets the first port still agnostic to push; false if none is left. */
    private boolean defaultOneToPush() {
        for (int i = 0; i < elements.length; i++) {
            for (int p = 0; p < inputCodes[i].length; p++) {
                if (inputCodes[i][p] == PortSpec.AGNOSTIC) {
                    inputCodes[i][p] = PortSpec.PUSH;
                    return true;
                }
            }
            for (int p = 0; p < outputCodes[i].length; p++) {
                if (outputCodes[i][p] == PortSpec.AGNOSTIC) {
                    outputCodes[i][p] = PortSpec.PUSH;
                    return true;
                }
            }
        }
        return false;
    }

    private void propagate(boolean[][] agnosticIn, boolean[][] agnosticOut, String[] flows) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Connection c : valid) {
                char o = outputCodes[c.from()][c.fromPort()];
                char in = inputCodes[c.to()][c.toPort()];
                if (o == PortSpec.AGNOSTIC && in != PortSpec.AGNOSTIC) {
                    outputCodes[c.from()][c.fromPort()] = in;
                    changed = true;
                } else if (in == PortSpec.AGNOSTIC && o != PortSpec.AGNOSTIC) {
                    inputCodes[c.to()][c.toPort()] = o;
                    changed = true;
                }
            }
            for (int i = 0; i < elements.length; i++) {
                if (elements[i] == null) {
                    continue;
                }
                for (int ip = 0; ip < ninputs[i]; ip++) {
                    for (int op = 0; op < noutputs[i]; op++) {
                        if (!agnosticIn[i][ip] || !agnosticOut[i][op] || !PortSpec.flows(flows[i], ip, op)) {
                            continue;
                        }
                        char a = inputCodes[i][ip];
                        char b = outputCodes[i][op];
                        if (a == PortSpec.AGNOSTIC && b != PortSpec.AGNOSTIC) {
                            inputCodes[i][ip] = b;
                            changed = true;
                        } else if (b == PortSpec.AGNOSTIC && a != PortSpec.AGNOSTIC) {
                            outputCodes[i][op] = a;
                            changed = true;
                        } else if (a != b && a != PortSpec.AGNOSTIC) {
                            errors.error(location(i), "", describe(i) + " agnostic input " + ip + " and output " + op
                                    + " are linked, but the input was made " + word(a) + " and the output " + word(b));
                            agnosticIn[i][ip] = false;
                        }
                    }
                }
            }
        }
    }

    private static String word(char code) {
        return code == PortSpec.PULL ? "pull" : code == PortSpec.PUSH ? "push" : "agnostic";
    }

    // ---- connection checks ----

    private void checkConnections() {
        int n = elements.length;
        int[][] inCount = new int[n][];
        int[][] outCount = new int[n][];
        for (int i = 0; i < n; i++) {
            inCount[i] = new int[ninputs[i]];
            outCount[i] = new int[noutputs[i]];
        }
        for (Connection c : valid) {
            inCount[c.to()][c.toPort()]++;
            outCount[c.from()][c.fromPort()]++;
            char o = outputCodes[c.from()][c.fromPort()];
            char in = inputCodes[c.to()][c.toPort()];
            if (o != in) {
                String hint = o == PortSpec.PUSH ? " (a Queue between them would store the pushed packets)"
                        : " (an Unqueue between them would pull and push)";
                errors.error(c.location(), "", describe(c.from()) + " " + word(o) + " output " + c.fromPort()
                        + " is connected to " + describe(c.to()) + " " + word(in) + " input " + c.toPort() + hint);
            }
        }
        for (int i = 0; i < n; i++) {
            if (elements[i] == null) {
                continue;
            }
            for (int p = 0; p < noutputs[i]; p++) {
                if (outCount[i][p] == 0 && !halfConnected.contains(List.of(i, 1, p))) {
                    errors.error(location(i), "", describe(i) + " " + word(outputCodes[i][p]) + " output " + p
                            + " is not connected");
                } else if (outCount[i][p] > 1 && outputCodes[i][p] == PortSpec.PUSH) {
                    errors.error(location(i), "", describe(i) + " push output " + p + " is connected to "
                            + outCount[i][p] + " inputs; a push output may feed only one (use a Tee to copy packets)");
                }
            }
            for (int p = 0; p < ninputs[i]; p++) {
                if (inCount[i][p] == 0 && !halfConnected.contains(List.of(i, 0, p))) {
                    errors.error(location(i), "", describe(i) + " " + word(inputCodes[i][p]) + " input " + p
                            + " is not connected");
                } else if (inCount[i][p] > 1 && inputCodes[i][p] == PortSpec.PULL) {
                    errors.error(location(i), "", describe(i) + " pull input " + p + " is connected to "
                            + inCount[i][p] + " outputs; a pull input may pull from only one (use a scheduler such as"
                            + " RoundRobinSched)");
                }
            }
        }
    }
}

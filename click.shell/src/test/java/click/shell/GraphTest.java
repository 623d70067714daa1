package click.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class GraphTest {
    /** src -> t :: Tee; t[0] -> q -> Idle; t[1] -> d, as the ports handlers describe it after 5 packets. */
    private static Graph sample() {
        return new Graph("r", List.of(
                new Graph.Node("src", "InfiniteSource", "0 inputs\n1 output\npush\t5\t[0] t\n"),
                new Graph.Node("t", "Tee", "1 input\npush\t-\tsrc [0]\n2 outputs\npush\t5\t[0] q\npush\t5\t[0] d\n"),
                new Graph.Node("q", "Queue", "1 input\npush\t-\tt [0]\n1 output\npull\t-\t[0] Idle@4\n"),
                new Graph.Node("Idle@4", "Idle", "1 input\npull~\t0\tq [0]\n0 outputs\n"),
                new Graph.Node("d", "Discard", "1 input\npush~\t-\tt [1]\n0 outputs\n")));
    }

    @Test
    void edgesComeFromEachOutputLineOfThePortsHandler() {
        assertEquals(List.of(new Graph.Edge("src", 0, "t", 0, "push", "5"), new Graph.Edge("t", 0, "q", 0, "push", "5"),
                new Graph.Edge("t", 1, "d", 0, "push", "5"), new Graph.Edge("q", 0, "Idle@4", 0, "pull", "0")),
                sample().edges());
    }

    @Test
    void aPushConnectionCountsAtItsOutputAndAPullConnectionAtItsInput() {
        Graph g = new Graph("r", List.of(
                new Graph.Node("q", "Queue", "1 input\npush\t-\t\n2 outputs\npull\t-\t[0] a\npull\t-\t[0] b\n"),
                new Graph.Node("a", "Unqueue", "1 input\npull\t12\tq [0]\n1 output\npush\t11\t[0] c\n"),
                new Graph.Node("b", "Unqueue", "1 input\npull\t3\tq [1]\n0 outputs\n"),
                new Graph.Node("c", "Discard", "1 input\npush\t-\ta [0]\n0 outputs\n")));
        assertEquals(List.of(new Graph.Edge("q", 0, "a", 0, "pull", "12"), new Graph.Edge("q", 1, "b", 0, "pull", "3"),
                new Graph.Edge("a", 0, "c", 0, "push", "11")), g.edges());
    }

    @Test
    void anOutputWithSeveralPeersGivesOneEdgeEachAndAnUnconnectedOneNone() {
        Graph g = new Graph("r", List.of(new Graph.Node("a", "X", "0 inputs\n2 outputs\npush~\t4\t[0] b, [1] c\npush\t0\t\n")));
        assertEquals(List.of(new Graph.Edge("a", 0, "b", 0, "push", "4"), new Graph.Edge("a", 0, "c", 1, "push", "4")),
                g.edges());
    }

    @Test
    void aPullConnectionToAnElementWithoutPortsTextHasNoCount() {
        Graph g = new Graph("r", List.of(new Graph.Node("q", "Queue", "0 inputs\n1 output\npull\t-\t[0] gone\n")));
        assertEquals(List.of(new Graph.Edge("q", 0, "gone", 0, "pull", "-")), g.edges());
    }

    @Test
    void dotHasABoxPerElementAndAnArrowPerConnectionLabelledWithItsPacketsWithPullDashed() {
        assertEquals("digraph \"r\" {\n"
                + "  node [shape=box];\n"
                + "  \"src\" [label=\"src\\n:: InfiniteSource\"];\n"
                + "  \"t\" [label=\"t\\n:: Tee\"];\n"
                + "  \"q\" [label=\"q\\n:: Queue\"];\n"
                + "  \"Idle@4\" [label=\"Idle@4\\n:: Idle\"];\n"
                + "  \"d\" [label=\"d\\n:: Discard\"];\n"
                + "  \"src\" -> \"t\" [label=\"5\", taillabel=\"0\", headlabel=\"0\"];\n"
                + "  \"t\" -> \"q\" [label=\"5\", taillabel=\"0\", headlabel=\"0\"];\n"
                + "  \"t\" -> \"d\" [label=\"5\", taillabel=\"1\", headlabel=\"0\"];\n"
                + "  \"q\" -> \"Idle@4\" [label=\"0\", taillabel=\"0\", headlabel=\"0\", style=dashed];\n"
                + "}\n", sample().dot());
    }

    @Test
    void asciiListsEachElementWithItsOutgoingConnectionsAndTheirPackets() {
        assertEquals("src :: InfiniteSource\n"
                + "  [0] -> [0] t  (5)\n"
                + "t :: Tee\n"
                + "  [0] -> [0] q  (5)\n"
                + "  [1] -> [0] d  (5)\n"
                + "q :: Queue\n"
                + "  [0] ~> [0] Idle@4  (0)\n"
                + "Idle@4 :: Idle\n"
                + "d :: Discard\n", sample().ascii());
    }

    @Test
    void quotesInNamesAreEscapedInDot() {
        Graph g = new Graph("a\"b", List.of());
        assertEquals("digraph \"a\\\"b\" {\n  node [shape=box];\n}\n", g.dot());
    }
}

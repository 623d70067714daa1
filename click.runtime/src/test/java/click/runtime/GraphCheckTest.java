package click.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import click.api.ErrorReport;
import org.junit.jupiter.api.Test;

/** Port counts and push/pull processing, checked before anything runs: exact diagnostics. */
class GraphCheckTest {
    private static final ElementRegistry REGISTRY = TestElements.registry();

    private static String check(String text) {
        ErrorReport r = RouterBuilder.fromText(text, "g.click").registry(REGISTRY).check();
        return r.toString();
    }

    private static String ports(String text, String element) throws Exception {
        Router r = RouterBuilder.fromText(text, "g.click").registry(REGISTRY).build();
        return r.handlers().read(element + ".ports");
    }

    @Test
    void aValidGraphHasNoDiagnostics() {
        assertEquals("", check("Source -> q :: TestQueue -> PullSink;"));
    }

    @Test
    void connectionsBeyondThePortCountsAreErrors() {
        assertEquals("g.click:1:44: error: 'q' :: TestQueue has no output 1 (it has 1 output)\n"
                        + "g.click:2:58: error: 'l' :: Limited has no output 2 (it has 2 outputs)\n"
                        + "g.click:3:24: error: 'd' :: Discard has no output 0 (it has no outputs)\n",
                check("Source -> q :: TestQueue -> PullSink; q[1] -> PullSink;\n"
                        + "Source -> l :: Limited -> Discard; l[1] -> Discard; l[2] -> Discard;\n"
                        + "Source -> d :: Discard -> Discard;"));
    }

    @Test
    void pushToPullAndPullToPushAreErrorsWithAHint() {
        assertEquals("g.click:1:8: error: 'Source@1' :: Source push output 0 is connected to 'PullSink@2' :: PullSink"
                        + " pull input 0 (a Queue between them would store the pushed packets)\n",
                check("Source -> PullSink;"));
        assertEquals("g.click:1:26: error: 'q' :: TestQueue pull output 0 is connected to 'PushOnly@3' :: PushOnly"
                        + " push input 0 (an Unqueue between them would pull and push)\n",
                check("Source -> q :: TestQueue -> PushOnly -> Discard;"));
    }

    @Test
    void aPushOutputMayFeedOnlyOneInputAndAPullInputPullFromOnlyOneOutput() {
        assertEquals("g.click:1:1: error: 's' :: Source push output 0 is connected to 2 inputs; a push output may feed"
                        + " only one (use a Tee to copy packets)\n",
                check("s :: Source -> Discard; s -> Discard;"));
        assertEquals("g.click:1:53: error: 'p' :: PullSink pull input 0 is connected to 2 outputs; a pull input may"
                        + " pull from only one (use a scheduler such as RoundRobinSched)\n",
                check("Source -> a :: TestQueue; Source -> b :: TestQueue; p :: PullSink; a -> p; b -> p;"));
    }

    @Test
    void unconnectedPortsAreErrors() {
        assertEquals("g.click:1:1: error: 's' :: Source push output 0 is not connected\n"
                        + "g.click:1:16: error: 'PullSink@2' :: PullSink pull input 0 is not connected\n"
                        + "g.click:1:26: error: 'l' :: Limited push output 0 is not connected\n",
                check("s :: Source;   PullSink; l :: Limited; Source -> l; l[1] -> Discard;"));
    }

    @Test
    void oneMistakeGivesOneErrorNotAlsoUnconnectedPortsAroundIt() {
        assertEquals("g.click:1:11: error: unknown element class 'Classifer' (did you mean 'Classifier'?)\n"
                        + "g.click:2:1: error: undeclared element 'nobody'\n"
                        + "g.click:3:37: error: p :: P: wrong arguments: expected (), got 1 argument (1)\n",
                check("Source -> Classifer(12/0800, -) -> Discard;\n"
                        + "nobody -> Discard; Source -> nobody;\n"
                        + "elementclass P { input -> output }; p :: P(1); Source -> p -> Discard;"));
    }

    @Test
    void agnosticPortsTakeTheProcessingOfTheirNeighboursThroughFlowCodes() throws Exception {
        String text = "Source -> q :: TestQueue -> a :: Pass -> b :: Pass -> PullSink;";
        assertEquals("1 input\npull~\t-\tq [0]\n1 output\npull~\t-\t[0] b\n", ports(text, "a"));
        assertEquals("1 input\npush~\t-\tSource@1 [0]\n1 output\npush~\t-\t[0] Discard@3\n",
                ports("Source -> c :: Counter -> Discard;", "c"));
    }

    @Test
    void leftoverAgnosticPortsBecomePush() throws Exception {
        assertEquals("1 input\npush~\t-\tMerge@1 [0]\n1 output\npush~\t-\t[0] Discard@3\n",
                ports("Merge -> p :: Pass -> Discard;", "p"));
    }

    @Test
    void anAgnosticElementWithAFixedPushOutputStillFollowsItsPullSide() throws Exception {
        String text = "Source -> q :: TestQueue -> s :: Split -> PullSink; s[1] -> Discard;";
        assertEquals("1 input\npull~\t-\tq [0]\n2 outputs\npull~\t-\t[0] PullSink@4\npush\t-\t[0] Discard@5\n",
                ports(text, "s"));
    }

    @Test
    void aMergeOfPullAndPushInputsIsAConflict() {
        assertEquals("g.click:1:52: error: 'm' :: Merge agnostic input 1 and output 0 are linked, but the input was"
                        + " made push and the output pull\n",
                check("Source -> q :: TestQueue; Source -> p :: PushOnly; m :: Merge; q -> m; p -> [1] m -> Discard;")
                        .lines().filter(l -> l.contains("linked")).findFirst().orElse("") + "\n");
    }

    @Test
    void schedulersPullFromSeveralQueues() {
        assertEquals("", check("Source -> a :: TestQueue; Source -> b :: TestQueue; a -> s :: Sched -> PullSink;"
                + " b -> [1] s;"));
    }
}

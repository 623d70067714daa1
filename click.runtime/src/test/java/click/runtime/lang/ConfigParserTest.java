package click.runtime.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import click.api.ErrorReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The language front end: text in, flat Click text (or diagnostics) out. */
class ConfigParserTest {
    private static final Set<String> CLASSES = Set.of("Queue", "Discard", "Counter", "Tee", "Idle", "Print",
            "InfiniteSource", "Unqueue", "Paint", "Strip", "Script", "X", "Y");
    private static final ClassCatalog CATALOG = new ClassCatalog() {
        @Override
        public boolean isClass(String name) {
            return CLASSES.contains(name);
        }

        @Override
        public Collection<String> classNames() {
            return CLASSES;
        }
    };

    private static String flat(String text) {
        return flat(text, Map.of());
    }

    private static String flat(String text, Map<String, String> defines) {
        ErrorReport r = new ErrorReport();
        FlatGraph g = ConfigParser.parse(text, "t.click", defines, CATALOG, r);
        assertFalse(r.hasErrors(), r.toString());
        return g.toClick();
    }

    private static String errors(String text) {
        ErrorReport r = new ErrorReport();
        ConfigParser.parse(text, "t.click", Map.of(), CATALOG, r);
        return r.toString();
    }

    @Test
    void declarationsAndConnectionsWithPorts() {
        assertEquals("a :: Queue(10);\nb :: Tee(2);\nc :: Discard;\nd :: Discard;\n\n"
                        + "a -> b;\nb [1] -> c;\nb -> d;\n",
                flat("a :: Queue(10); b :: Tee(2)\nc, d :: Discard\na -> b; b[1] -> [0]c; b [0] -> d;"));
    }

    @Test
    void chainsWithInlineDeclarationsAndAnonymousElements() {
        assertEquals("src :: InfiniteSource(LIMIT 5);\nCounter@2 :: Counter;\nq :: Queue;\nUnqueue@4 :: Unqueue;\n"
                        + "Discard@5 :: Discard;\n\n"
                        + "src -> Counter@2;\nCounter@2 -> q;\nq -> Unqueue@4;\nUnqueue@4 -> Discard@5;\n",
                flat("src :: InfiniteSource(LIMIT 5) -> Counter -> q :: Queue -> Unqueue() -> Discard;"));
    }

    @Test
    void aBareNameIsADeclaredElementEvenWhenDeclaredLater() {
        assertEquals("InfiniteSource@1 :: InfiniteSource;\nq :: Queue;\n\nInfiniteSource@1 -> q;\n",
                flat("InfiniteSource -> q; q :: Queue;"));
    }

    @Test
    void commentsAndNewlinesSeparateStatements() {
        assertEquals("a :: Queue;\nb :: Discard;\n\na -> b;\n",
                flat("// a comment\na :: Queue /* inline\n comment */\nb :: Discard // trailing\na -> b"));
    }

    @Test
    void configStringsKeepQuotesParenthesesAndCommentsVerbatim() {
        String cfg = "\"a ) string\", (nested (parens)), 'single )', \\) escaped, // note )\n  end";
        assertEquals("p :: Print(" + cfg + ");\n", flat("p :: Print(" + cfg + ");"));
    }

    @Test
    void identifiersMayHoldSlashesAndAtSignsButACommentEndsThem() {
        assertEquals("a/b@1 :: Discard;\nx :: Idle;\n\nx -> a/b@1;\n", flat("a/b@1 :: Discard; x :: Idle//c\nx -> a/b@1"));
    }

    @Test
    void syntaxErrorsHaveLineAndColumnAndParsingGoesOn() {
        assertEquals("t.click:2:6: error: expected an element, got '->'\n"
                        + "t.click:3:11: error: expected a port number, got 'x'\n"
                        + "t.click:4:6: error: unbalanced '(': the configuration string never ends\n",
                errors("a :: Queue;\nb -> -> c;\nd :: Tee [x] -> e;\nQueue(1, (2)"));
    }

    @Test
    void unknownClassesUndeclaredElementsAndRedeclarationsAreAllReported() {
        assertEquals("t.click:1:6: error: unknown element class 'Queu' (did you mean 'Queue'?)\n"
                        + "t.click:2:1: error: redeclaration of element 'a' (first declared at t.click:1:1)\n"
                        + "t.click:3:17: error: undeclared element 'bb' (did you mean 'b'?)\n"
                        + "t.click:4:1: error: unknown element class 'Countr' (did you mean 'Counter'?)\n",
                errors("a :: Queu;\na :: Discard;\nb :: Idle; b -> bb;\nCountr -> Discard;"));
    }

    @Test
    void suggestionsNameOnlyElementsThatExist() {
        assertEquals("t.click:1:1: error: undeclared element 'inside'\n"
                        + "t.click:1:20: error: undeclared element 'to_inside' (did you mean 'to_insid'?)\n",
                errors("inside -> Discard; to_inside -> Discard; to_insid :: Discard;"));
    }

    @Test
    void compoundsFlattenWithPrefixedNamesAndTunnelsRemoved() {
        String text = "elementclass Path { input -> c :: Counter -> output; input [1] -> Paint(1) -> [1] output }\n"
                + "a :: Idle; p :: Path; a -> p -> Discard; a [1] -> [1] p [1] -> d :: Discard;";
        assertEquals("a :: Idle;\nDiscard@3 :: Discard;\nd :: Discard;\np/c :: Counter;\np/Paint@4 :: Paint(1);\n\n"
                        + "a -> p/c;\na [1] -> p/Paint@4;\np/c -> Discard@3;\np/Paint@4 -> d;\n",
                flat(text));
    }

    @Test
    void nestedCompoundsAndPassThroughCompounds() {
        String text = "elementclass Inner { input -> q :: Queue -> output }\n"
                + "elementclass Outer { input -> i :: Inner -> { input -> output } -> output }\n"
                + "Idle -> o :: Outer -> Discard;";
        assertEquals("Idle@1 :: Idle;\nDiscard@3 :: Discard;\no/i/q :: Queue;\n\n"
                + "Idle@1 -> o/i/q;\no/i/q -> Discard@3;\n", flat(text));
    }

    @Test
    void anInlineCompoundIsAnAnonymousElement() {
        assertEquals("Idle@1 :: Idle;\nDiscard@3 :: Discard;\n@Anon1@2/Counter@3 :: Counter;\n\n"
                        + "Idle@1 -> @Anon1@2/Counter@3;\n@Anon1@2/Counter@3 -> Discard@3;\n",
                flat("Idle -> { input -> Counter -> output } -> Discard;"));
    }

    @Test
    void compoundPortsThatTheBodyLacksAreErrors() {
        assertEquals("t.click:2:25: error: 'p' :: P has no output 1\n",
                errors("elementclass P { input -> output }\np :: P; Idle -> p; p[1] -> Discard; p -> Discard;"));
    }

    @Test
    void formalParametersPositionalAndKeyword() {
        String text = "elementclass Q { $cap, BURST $b | input -> q :: Queue($cap) -> Unqueue(BURST $b) -> output }\n"
                + "Idle -> Q(20, BURST 4) -> Discard; Idle -> Q(${N}) -> Discard; define($N 7)";
        String out = flat(text);
        assertEquals(List.of("Q@2/q :: Queue(20);", "Q@2/Unqueue@4 :: Unqueue(BURST 4);", "Q@5/q :: Queue(7);",
                "Q@5/Unqueue@4 :: Unqueue(BURST );"), out.lines().filter(l -> l.startsWith("Q@") && l.contains("::")).toList());
    }

    @Test
    void overloadsAreChosenByArgumentCount() {
        String text = "elementclass P { $a | input -> Paint($a) -> output || $a, $b | input -> Paint($a) -> Strip($b) -> output }\n"
                + "Idle -> P(1) -> Discard; Idle -> P(2, 14) -> Discard;";
        String out = flat(text);
        assertEquals(List.of("P@2/Paint@3 :: Paint(1);", "P@5/Paint@3 :: Paint(2);", "P@5/Strip@4 :: Strip(14);"),
                out.lines().filter(l -> l.contains("Paint(") || l.contains("Strip(")).toList());
    }

    @Test
    void aMistakeInsideACompoundIsReportedOnceHoweverOftenItIsUsed() {
        assertEquals("t.click:1:27: error: unknown element class 'Countr' (did you mean 'Counter'?)\n",
                errors("elementclass C { input -> Countr -> output }\nIdle -> C -> Discard; Idle -> C -> Discard;"));
    }

    @Test
    void wrongCompoundArgumentsAreReported() {
        assertEquals("t.click:1:41: error: p :: P: wrong arguments: expected ($a), got 2 arguments (1, 2)\n",
                errors("elementclass P { $a | input -> output } p :: P(1, 2);"));
    }

    @Test
    void elementclassSynonymsAndLexicalScoping() {
        String text = "elementclass MyQ Queue;\nelementclass Queue { input -> Queue(5) -> Counter -> output }\n"
                + "a :: MyQ; b :: Queue;";
        assertEquals(List.of("a :: Queue;", "b/Queue@3 :: Queue(5);", "b/Counter@4 :: Counter;"),
                flat(text).lines().filter(l -> l.contains("::")).toList());
    }

    @Test
    void ellipsisExtendsAnEarlierDefinition() {
        String text = "elementclass P { $a | input -> Paint($a) -> output }\n"
                + "elementclass P { $a, $b | input -> Paint($a) -> Paint($b) -> output || ... }\n"
                + "Idle -> P(3) -> Discard;";
        assertEquals(List.of("P@2/Paint@3 :: Paint(3);"), flat(text).lines().filter(l -> l.contains("Paint(")).toList());
    }

    @Test
    void definesExpandEverywhereAndTheCommandLineWins() {
        String text = "define($CAP 10, $NAME x)\nq :: Queue($CAP) -> Print(\"${NAME} $CAP\", '$CAP') -> Discard;";
        assertEquals("q :: Queue(10);\nPrint@2 :: Print(\"x 10\", '$CAP');\nDiscard@3 :: Discard;\n\n"
                + "q -> Print@2;\nPrint@2 -> Discard@3;\n", flat(text));
        assertEquals("q :: Queue(99);", flat(text, Map.of("CAP", "99")).lines().findFirst().orElseThrow());
        assertEquals("q :: Queue($UNDEFINED);", flat("q :: Queue($UNDEFINED);", Map.of("CAP", "1")).lines()
                .findFirst().orElseThrow());
    }

    @Test
    void aDefineBuiltFromACommandLineVariableSeesTheCommandLineValue() {
        assertEquals("q :: Queue(30);", flat("define($N 1, $CAP ${N}0) q :: Queue($CAP);", Map.of("N", "3")).lines()
                .findFirst().orElseThrow());
    }

    @Test
    void definingAVariableTwiceIsAWarning() {
        assertEquals("t.click:2:1: warning: $N defined more than once; the last define wins\n",
                errors("define($N 1)\ndefine($N 2) q :: Queue($N);"));
    }

    @Test
    void runTimeExpressionsInScriptsAreNotExpanded() {
        assertEquals("Script@1 :: Script(set t $(now), print $(c.count) $t);\n",
                flat("Script(set t $(now), print $(c.count) $t);"));
    }

    @Test
    void requirementsAreCheckedAndLibrariesIncluded(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("lib.click"), "elementclass Cnt { input -> Counter -> output }");
        Path main = dir.resolve("main.click");
        ErrorReport r = new ErrorReport();
        FlatGraph g = ConfigParser.parse("require(library lib.click, jclick)\nIdle -> Cnt -> Discard;", main.toString(),
                Map.of(), CATALOG, r);
        assertFalse(r.hasErrors(), r.toString());
        assertEquals("Counter", g.elements().get(g.indexOf("Cnt@2/Counter@3")).className());
        assertEquals("t.click:1:1: error: requirement 'fastclassifier' is not available: jclick provides "
                + ConfigParser.FEATURES + " and element classes from its bundles, not Click packages\n",
                errors("require(package \"fastclassifier\")"));
    }

    @Test
    void flatOutputParsesAgainToTheSameText() {
        String text = "define($Q 5) elementclass P { input -> q :: Queue($Q) -> Unqueue -> output; input[1] -> [1]output }\n"
                + "a :: Idle -> p :: P -> Discard; a[1] -> [1]p[1] -> Tee(1) -> Discard;";
        String once = flat(text);
        assertEquals(once, flat(once));
    }

    @Test
    void aHashBangFirstLineIsIgnoredAndUnterminatedCommentsAndStringsAreErrors() {
        assertEquals("a :: Discard;\n", flat("#!/usr/bin/click -f\na :: Discard;"));
        assertEquals("t.click:1:15: error: unterminated /* comment\n", errors("a :: Discard; /* never closed"));
        assertEquals("t.click:2:6: error: unterminated string in the configuration that starts at t.click:1:11\n",
                errors("p :: Print(\"a\",\n  x, \"b) -> Discard;"));
    }

    @Test
    void aStrayVariableOrSymbolIsASyntaxError() {
        assertEquals("t.click:1:1: error: expected an element, got '$x'\n"
                + "t.click:2:6: error: expected an element, got '='\n", errors("$x -> Discard;\na -> = b;"));
    }

    @Test
    void inputOutsideACompoundIsReported() {
        assertEquals("t.click:1:1: error: 'input' can only be used inside a compound element\n",
                errors("input -> Discard;"));
    }
}

package click.elements.ip.classifier;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles an ordered list of rules (pattern, output) into a {@link Program}: a decision DAG of
 * field tests in which the first rule whose pattern matches decides the packet's output.
 *
 * <ol>
 * <li>Each rule's expression is laid out with continuations: a leaf becomes a node whose "yes" and
 *     "no" edges go where the surrounding and/or/not say, and a rule's failure continues with the
 *     next rule. Identical nodes are shared as they are made, so the DAG is linear in the input.</li>
 * <li>Jump threading: walking the DAG from the root, each edge carries what is known on every path
 *     to it (which tests came out how); an edge into a test whose outcome is already implied
 *     ({@link Implication}) is redirected past it. This removes the repeated protocol and fragment
 *     checks of consecutive rules, and rules that can no longer match on that path.</li>
 * <li>Nodes that became unreachable are dropped, and nodes whose two edges agree are bypassed.</li>
 * </ol>
 */
public final class ProgramCompiler {
    /** Output value meaning "drop the packet". */
    public static final int DROP = -1;

    /**
     * One rule: packets matching {@code pattern} (and no earlier rule) go to {@code output}, or are
     * dropped if it is {@link #DROP}.
     */
    public record Rule(Expr pattern, int output) {
    }

    private final List<FieldTest> tests = new ArrayList<>();
    private final Map<FieldTest, Integer> testIds = new HashMap<>();
    // Node i tests tests[test[i]]; its successors are node ids (>= 0) or terminals (Program.terminal).
    private final List<int[]> nodes = new ArrayList<>();
    private final Map<List<Integer>, Integer> nodeIds = new HashMap<>();

    private ProgramCompiler() {
    }

    public static Program compile(List<Rule> rules) {
        ProgramCompiler c = new ProgramCompiler();
        int next = Program.terminal(DROP);
        for (int i = rules.size() - 1; i >= 0; i--) {
            next = c.layout(rules.get(i).pattern(), Program.terminal(rules.get(i).output()), next);
        }
        int root = c.thread(next);
        return c.flatten(root);
    }

    // ---- 1. layout ----

    private int layout(Expr e, int yes, int no) {
        if (e instanceof Expr.Const k) {
            return k.value() ? yes : no;
        }
        if (e instanceof Expr.Leaf l) {
            return node(l.test(), yes, no);
        }
        if (e instanceof Expr.Not n) {
            return layout(n.operand(), no, yes);
        }
        if (e instanceof Expr.Cond c) {
            return layout(c.cond(), layout(c.then(), yes, no), layout(c.otherwise(), yes, no));
        }
        if (e instanceof Expr.And a) {
            int cur = yes;
            for (int i = a.operands().size() - 1; i >= 0; i--) {
                cur = layout(a.operands().get(i), cur, no);
            }
            return cur;
        }
        Expr.Or o = (Expr.Or) e;
        int cur = no;
        for (int i = o.operands().size() - 1; i >= 0; i--) {
            cur = layout(o.operands().get(i), yes, cur);
        }
        return cur;
    }

    /** The node testing {@code t} with these successors, made once. Successors always have smaller ids. */
    private int node(FieldTest t, int yes, int no) {
        if (yes == no) {
            return yes;
        }
        int test = testIds.computeIfAbsent(t, k -> {
            tests.add(k);
            return tests.size() - 1;
        });
        return nodeIds.computeIfAbsent(List.of(test, yes, no), k -> {
            nodes.add(new int[] {test, yes, no});
            return nodes.size() - 1;
        });
    }

    // ---- 2. jump threading ----

    /**
     * Redirects edges past tests decided by what is known on the way, and returns the new root.
     * Node ids decrease along every edge, so visiting ids from high to low sees every edge into a
     * node before the node itself, and the facts known at a node are the intersection over its
     * incoming edges.
     */
    private int thread(int root) {
        BitSet[] known = new BitSet[nodes.size()];
        root = follow(root, new BitSet(), known);
        for (int id = nodes.size() - 1; id >= 0; id--) {
            if (known[id] == null) {
                continue;   // unreachable
            }
            int[] n = nodes.get(id);
            for (int branch = 1; branch <= 2; branch++) {
                BitSet facts = (BitSet) known[id].clone();
                facts.set(fact(n[0], branch == 1));
                n[branch] = follow(n[branch], facts, known);
            }
        }
        return root;
    }

    /**
     * Follows {@code target} past decided tests, adding their outcomes to {@code facts}; records
     * the facts at the node where it stops.
     */
    private int follow(int target, BitSet facts, BitSet[] known) {
        while (target >= 0) {
            int[] n = nodes.get(target);
            Boolean outcome = decide(tests.get(n[0]), facts);
            if (outcome == null) {
                break;
            }
            facts.set(fact(n[0], outcome));
            target = outcome ? n[1] : n[2];
        }
        if (target >= 0) {
            if (known[target] == null) {
                known[target] = facts;
            } else {
                known[target].and(facts);
            }
        }
        return target;
    }

    private Boolean decide(FieldTest t, BitSet facts) {
        if (Implication.unsatisfiable(t)) {
            return Boolean.FALSE;
        }
        for (int f = facts.nextSetBit(0); f >= 0; f = facts.nextSetBit(f + 1)) {
            Boolean d = Implication.decide(tests.get(f >> 1), (f & 1) == 1, t);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private static int fact(int test, boolean outcome) {
        return test << 1 | (outcome ? 1 : 0);
    }

    // ---- 3. flatten ----

    /**
     * Merges equal nodes and bypasses any whose edges agree, then keeps the nodes reachable from
     * the root and numbers them so every edge points forward (root first).
     */
    private Program flatten(int root) {
        int[] canonical = new int[nodes.size()];
        boolean[] reachable = new boolean[nodes.size()];
        if (root >= 0) {
            reachable[root] = true;
        }
        for (int id = nodes.size() - 1; id >= 0; id--) {
            if (reachable[id]) {
                for (int branch = 1; branch <= 2; branch++) {
                    int t = nodes.get(id)[branch];
                    if (t >= 0) {
                        reachable[t] = true;
                    }
                }
            }
        }
        // Children first (ascending ids), so a node's successors are already canonical.
        Map<List<Integer>, Integer> seen = new HashMap<>();
        for (int id = 0; id < nodes.size(); id++) {
            if (!reachable[id]) {
                continue;
            }
            int[] n = nodes.get(id);
            int yes = resolve(n[1], canonical);
            int no = resolve(n[2], canonical);
            Integer first = yes == no ? Integer.valueOf(yes) : seen.putIfAbsent(List.of(n[0], yes, no), id);
            canonical[id] = first == null ? id : first;
            if (canonical[id] == id) {
                n[1] = yes;
                n[2] = no;
            }
        }
        int start = resolve(root, canonical);
        boolean[] kept = new boolean[nodes.size()];
        if (start >= 0) {
            kept[start] = true;
        }
        List<Integer> order = new ArrayList<>();
        int[] index = new int[nodes.size()];
        for (int id = nodes.size() - 1; id >= 0; id--) {
            if (kept[id]) {
                index[id] = order.size();
                order.add(id);
                for (int branch = 1; branch <= 2; branch++) {
                    int t = nodes.get(id)[branch];
                    if (t >= 0) {
                        kept[t] = true;
                    }
                }
            }
        }
        int count = order.size();
        FieldTest[] program = new FieldTest[count];
        int[] yes = new int[count];
        int[] no = new int[count];
        for (int i = 0; i < count; i++) {
            int[] n = nodes.get(order.get(i));
            program[i] = tests.get(n[0]);
            yes[i] = n[1] >= 0 ? index[n[1]] : n[1];
            no[i] = n[2] >= 0 ? index[n[2]] : n[2];
        }
        return new Program(program, yes, no, start >= 0 ? index[start] : start);
    }

    private static int resolve(int target, int[] canonical) {
        return target >= 0 ? canonical[target] : target;
    }
}

package click.runtime.lang;

import click.api.ConfigText;
import click.api.ErrorReport;
import click.api.Location;
import click.runtime.lang.Ast.Body;
import click.runtime.lang.Ast.Chain;
import click.runtime.lang.Ast.ClassDefinition;
import click.runtime.lang.Ast.ClassRef;
import click.runtime.lang.Ast.Compound;
import click.runtime.lang.Ast.Declaration;
import click.runtime.lang.Ast.ElementSpec;
import click.runtime.lang.Ast.Endpoint;
import click.runtime.lang.Ast.Formal;
import click.runtime.lang.Ast.Inline;
import click.runtime.lang.Ast.Name;
import click.runtime.lang.Ast.Named;
import click.runtime.lang.Ast.Overload;
import click.runtime.lang.Ast.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Expands compound elements into primitive ones and connection tunnels into direct connections.
 *
 * <p>Each scope (the file, or one compound instance) is processed in three passes: declared
 * elements are created in statement order (so {@code elementclass} definitions apply only to what
 * follows them, as in Click); then chains create anonymous elements and connections, a bare name
 * meaning a declared element if the scope has one by that name, else an anonymous element of that
 * class; then every compound instance is expanded with its chosen overload, its formals bound to
 * the actual arguments. A component of compound {@code p} is named {@code p/x}. Finally the
 * {@code input}/{@code output} pseudo-elements are removed by following connections through them.
 */
final class Flattener {
    private static final int MAX_DEPTH = 100;

    private final ClassCatalog catalog;
    private final ErrorReport errors;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();

    Flattener(ClassCatalog catalog, ErrorReport errors) {
        this.catalog = catalog;
        this.errors = errors;
    }

    // ---- model ----

    private enum Kind { PRIMITIVE, COMPOUND, INPUT, OUTPUT }

    /** An element class as resolved in a lexical class scope. */
    private sealed interface ResolvedClass permits Primitive, CompoundClass {
        String name();
    }

    private record Primitive(String name) implements ResolvedClass {
    }

    /** A compound with the class scope it was defined in (classes are not recursive). */
    private record CompoundClass(String name, List<Overload> overloads, ClassScope definedIn) implements ResolvedClass {
    }

    /** Immutable chain of class definitions, innermost first. */
    private record ClassScope(String name, ResolvedClass value, ClassScope parent) {
        static final ClassScope EMPTY = new ClassScope(null, null, null);

        ResolvedClass find(String n) {
            for (ClassScope s = this; s != null && s.name != null; s = s.parent) {
                if (s.name.equals(n)) {
                    return s.value;
                }
            }
            return null;
        }

        ClassScope with(String n, ResolvedClass c) {
            return new ClassScope(n, c, this);
        }
    }

    private static final class Node {
        final Kind kind;
        final String name;        // flat name
        final Location location;
        ResolvedClass type;
        String config;            // raw (primitive: expanded at creation)
        Variables env;            // variables in force where a compound instance was declared
        Node input;               // compound: its input pseudo-element
        Node output;              // compound: its output pseudo-element
        Node owner;               // input/output pseudo: its compound instance
        boolean broken;           // an error was reported about it: its connections lead nowhere, silently
        int flatIndex = -1;

        Node(Kind kind, String name, Location location) {
            this.kind = kind;
            this.name = name;
            this.location = location;
        }

        String describe() {
            return "'" + name + "' :: " + (type == null ? "?" : type.name());
        }
    }

    /** A declaration waiting for its place in the statement order. */
    private record Pending(Name name, ClassRef type, String config, ClassScope classes) {
    }

    private record Edge(Node from, int fromPort, Node to, int toPort, Location location) {
    }

    /** One scope being expanded. */
    private final class Scope {
        final String prefix;
        final Variables env;
        final boolean inCompound;
        final int depth;
        final Map<String, Node> byName = new HashMap<>();
        final Map<String, Pending> pending = new HashMap<>();
        final List<Node> compounds = new ArrayList<>();
        final Set<String> usedNames = new HashSet<>();
        int position;           // elements written so far, for Click's anonymous names

        Scope(String prefix, Variables env, Node input, Node output, int depth) {
            this.prefix = prefix;
            this.env = env;
            this.inCompound = input != null;
            this.depth = depth;
            if (input != null) {
                byName.put("input", input);
                byName.put("output", output);
                position = 2;
            }
        }
    }

    // ---- entry point ----

    FlatGraph flatten(Body top, Variables globals) {
        expandScope(top, new Scope("", globals, null, null, 0), ClassScope.EMPTY);
        return removeTunnels();
    }

    private void expandScope(Body body, Scope scope, ClassScope classes) {
        // pass 1: class definitions in order, and which names are declared (for forward references)
        List<ClassScope> classesAt = new ArrayList<>();
        for (Statement st : body.statements()) {
            if (st instanceof ClassDefinition def) {
                ResolvedClass c = defineClass(def, classes);
                if (c != null) {
                    classes = classes.with(def.name().text(), c);
                }
            } else if (st instanceof Declaration d) {
                for (Name n : d.names()) {
                    pend(scope, n, d.type(), d.config(), classes);
                }
            } else if (st instanceof Chain ch) {
                for (Endpoint ep : ch.endpoints()) {
                    ElementSpec s = ep.element();
                    if (s.name() != null && s.type() != null) {
                        pend(scope, s.name(), s.type(), s.config(), classes);
                    }
                }
            }
            classesAt.add(classes);
        }
        // pass 2: elements in the order written (a forward reference creates its element early), connections
        int i = 0;
        for (Statement st : body.statements()) {
            ClassScope here = classesAt.get(i++);
            if (st instanceof Declaration d) {
                for (Name n : d.names()) {
                    declared(scope, n);
                }
            } else if (st instanceof Chain ch) {
                connectChain(scope, ch, here);
            }
        }
        // pass 3: compound instances
        for (Node c : scope.compounds) {
            expandCompound(scope, c);
        }
    }

    /** A declaration seen in pass 1; a second declaration of the same name is an error and is dropped. */
    private void pend(Scope scope, Name n, ClassRef type, String config, ClassScope classes) {
        Pending first = scope.pending.get(n.text());
        Node builtIn = scope.byName.get(n.text());
        if (builtIn != null) {
            errors.error(n.location(), "", "'" + n.text() + "' is the compound's " + n.text()
                    + " pseudo-element and cannot be declared");
        } else if (first != null) {
            errors.error(n.location(), "", "redeclaration of element '" + n.text() + "' (first declared at "
                    + first.name().location() + ")");
        } else {
            scope.pending.put(n.text(), new Pending(n, type, config, classes));
        }
    }

    /** The element declared as {@code n}, created now if this is its declaration (or first use); null if dropped. */
    private Node declared(Scope scope, Name n) {
        Pending p = scope.pending.get(n.text());
        if (p == null) {
            return null;
        }
        Node node = scope.byName.get(n.text());
        if (node != null) {
            return node;
        }
        scope.position++;
        return create(scope, n.text(), p.name().location(), resolveClassRef(p.type(), p.classes()), p.config());
    }

    private ResolvedClass defineClass(ClassDefinition def, ClassScope classes) {
        ClassRef d = def.definition();
        if (d instanceof Inline in) {
            return compoundClass(def.name().text(), in.compound(), classes);
        }
        Name target = ((Named) d).name();
        return resolveClass(target, classes);
    }

    private CompoundClass compoundClass(String name, Compound c, ClassScope classes) {
        List<Overload> overloads = new ArrayList<>(c.overloads());
        if (c.extendsPrevious()) {
            ResolvedClass prev = classes.find(name);
            if (prev instanceof CompoundClass pc) {
                overloads.addAll(pc.overloads());
            } else {
                errors.error(c.location(), "", "'...' in elementclass " + name
                        + ": there is no earlier compound definition of " + name + " to extend");
            }
        }
        return new CompoundClass(name, overloads, classes);
    }

    /** A named class: a compound or synonym in scope, else a primitive from the catalog; null after an error. */
    private ResolvedClass resolveClass(Name n, ClassScope classes) {
        ResolvedClass c = classes.find(n.text());
        if (c != null) {
            return c;
        }
        if (catalog.isClass(n.text())) {
            return new Primitive(n.text());
        }
        errors.error(n.location(), "", "unknown element class '" + n.text() + "'"
                + Suggestions.didYouMean(n.text(), allClassNames(classes)));
        return null;
    }

    private Set<String> allClassNames(ClassScope classes) {
        Set<String> names = new LinkedHashSet<>(catalog.classNames());
        for (ClassScope s = classes; s != null && s.name() != null; s = s.parent()) {
            names.add(s.name());
        }
        return names;
    }

    private ResolvedClass resolveClassRef(ClassRef ref, ClassScope classes) {
        if (ref instanceof Inline in) {
            return compoundClass(in.compound().name(), in.compound(), classes);
        }
        return resolveClass(((Named) ref).name(), classes);
    }

    /** Makes an element (or a compound instance) in {@code scope}; a null class records the name only. */
    private Node create(Scope scope, String localName, Location at, ResolvedClass c, String config) {
        scope.usedNames.add(localName);
        boolean compound = c instanceof CompoundClass;
        Node node = new Node(compound ? Kind.COMPOUND : Kind.PRIMITIVE, scope.prefix + localName, at);
        node.type = c;
        scope.byName.put(localName, node);
        if (c == null) {
            node.broken = true;
            return node;
        }
        if (compound) {
            node.config = config;
            node.env = scope.env;
            node.input = new Node(Kind.INPUT, node.name + "/input", at);
            node.output = new Node(Kind.OUTPUT, node.name + "/output", at);
            node.input.owner = node;
            node.output.owner = node;
            scope.compounds.add(node);
        } else {
            node.config = scope.env.expand(config == null ? "" : config);
            node.flatIndex = nodes.size();
            nodes.add(node);
        }
        return node;
    }

    private void connectChain(Scope scope, Chain ch, ClassScope classes) {
        List<Endpoint> eps = ch.endpoints();
        Node[] resolved = new Node[eps.size()];
        for (int k = 0; k < eps.size(); k++) {
            resolved[k] = resolveEndpoint(scope, eps.get(k).element(), classes);
        }
        for (int k = 0; k + 1 < eps.size(); k++) {
            Node from = resolved[k];
            Node to = resolved[k + 1];
            if (from == null || to == null) {
                continue;
            }
            Location at = ch.arrows().get(k);
            if (from.kind == Kind.OUTPUT) {
                errors.error(at, "", "'output' in compound '" + scope.prefix.replaceAll("/$", "")
                        + "' has no outputs: it can only be connected to");
                continue;
            }
            if (to.kind == Kind.INPUT) {
                errors.error(at, "", "'input' in compound '" + scope.prefix.replaceAll("/$", "")
                        + "' has no inputs: it can only be connected from");
                continue;
            }
            int fp = Math.max(0, eps.get(k).outPort());
            int tp = Math.max(0, eps.get(k + 1).inPort());
            edges.add(new Edge(from, fp, to, tp, at));
        }
    }

    private Node resolveEndpoint(Scope scope, ElementSpec s, ClassScope classes) {
        if (s.name() != null && s.type() != null) {
            return declared(scope, s.name());
        }
        if (s.name() != null) {
            Node n = scope.byName.get(s.name().text());
            if (n != null) {
                return n;
            }
            if (scope.pending.containsKey(s.name().text())) {
                return declared(scope, s.name());
            }
            String word = s.name().text();
            if (classes.find(word) == null && !catalog.isClass(word)) {
                if ((word.equals("input") || word.equals("output")) && !scope.inCompound) {
                    errors.error(s.location(), "", "'" + word + "' can only be used inside a compound element");
                } else if (Character.isLowerCase(word.charAt(0))) {
                    errors.error(s.location(), "", "undeclared element '" + word + "'"
                            + Suggestions.didYouMean(word, declaredNames(scope)));
                } else {
                    errors.error(s.location(), "", "unknown element class '" + word + "'"
                            + Suggestions.didYouMean(word, allClassNames(classes)));
                    return anonymous(scope, s, null);
                }
                // one error per name: later uses find this placeholder
                return create(scope, word, s.location(), null, null);
            }
            return anonymous(scope, s, resolveClassRef(new Named(s.name()), classes));
        }
        return anonymous(scope, s, resolveClassRef(s.type(), classes));
    }

    /** An anonymous element of class {@code c} (null after an error: a placeholder that silences its connections). */
    /** Names of the scope's real elements (not the placeholders left by earlier errors), for suggestions. */
    private static Set<String> declaredNames(Scope scope) {
        Set<String> out = new LinkedHashSet<>();
        scope.byName.forEach((name, node) -> {
            if (!node.broken) {
                out.add(name);
            }
        });
        out.addAll(scope.pending.keySet());
        return out;
    }

    private Node anonymous(Scope scope, ElementSpec s, ResolvedClass c) {
        String base = (c != null ? c.name() : s.name() != null ? s.name().text() : "Anonymous") + "@";
        int n = ++scope.position;
        while (scope.usedNames.contains(base + n) || scope.pending.containsKey(base + n)) {
            n++;
        }
        return create(scope, base + n, s.location(), c, s.config());
    }

    // ---- compounds ----

    private void expandCompound(Scope outer, Node c) {
        if (outer.depth >= MAX_DEPTH) {
            errors.error(c.location, "", "compound elements nested more than " + MAX_DEPTH + " deep at " + c.describe());
            return;
        }
        CompoundClass cls = (CompoundClass) c.type;
        List<String> actuals = ConfigText.split(c.env.expand(c.config == null ? "" : c.config));
        int outsideIn = 0;
        int outsideOut = 0;
        for (Edge e : edges) {
            if (e.to == c) {
                outsideIn = Math.max(outsideIn, e.toPort + 1);
            }
            if (e.from == c) {
                outsideOut = Math.max(outsideOut, e.fromPort + 1);
            }
        }
        Overload chosen = chooseOverload(cls, actuals, outsideIn, outsideOut);
        if (chosen == null) {
            StringBuilder sigs = new StringBuilder();
            for (Overload o : cls.overloads()) {
                sigs.append(sigs.length() == 0 ? "" : " or ").append('(').append(o.signature()).append(')');
            }
            errors.error(c.location, c.name + " :: " + cls.name(), "wrong arguments: expected " + sigs + ", got "
                    + actuals.size() + (actuals.size() == 1 ? " argument" : " arguments")
                    + (actuals.isEmpty() ? "" : " (" + String.join(", ", actuals) + ")"));
            c.broken = true;
            return;
        }
        Variables env = new Variables(c.env);
        bindFormals(chosen, actuals, env);
        int edgesBefore = edges.size();
        expandScope(chosen.body(), new Scope(c.name + "/", env, c.input, c.output, outer.depth + 1), cls.definedIn());
        int bodyIn = 0;
        int bodyOut = 0;
        for (int k = edgesBefore; k < edges.size(); k++) {
            Edge e = edges.get(k);
            if (e.from == c.input) {
                bodyIn = Math.max(bodyIn, e.fromPort + 1);
            }
            if (e.to == c.output) {
                bodyOut = Math.max(bodyOut, e.toPort + 1);
            }
        }
        for (Edge e : edges.subList(0, edgesBefore)) {
            if (e.to == c && e.toPort >= bodyIn) {
                errors.error(e.location, "", c.describe() + " has no input " + e.toPort);
            }
            if (e.from == c && e.fromPort >= bodyOut) {
                errors.error(e.location, "", c.describe() + " has no output " + e.fromPort);
            }
        }
    }

    /**
     * The first overload whose positional formals match the positional actuals, and whose keyword
     * formals cover the keyword actuals; among several, one whose ports fit the outside connections.
     */
    private Overload chooseOverload(CompoundClass cls, List<String> actuals, int in, int out) {
        Overload first = null;
        for (Overload o : cls.overloads()) {
            if (!argumentsFit(o, actuals)) {
                continue;
            }
            if (first == null) {
                first = o;
            }
            int[] ports = bodyPorts(o.body());
            if (ports[0] >= in && ports[1] >= out) {
                return o;
            }
        }
        return first;
    }

    private static boolean argumentsFit(Overload o, List<String> actuals) {
        Set<String> keywords = new HashSet<>();
        for (Formal f : o.formals()) {
            if (f.keyword() != null) {
                keywords.add(f.keyword());
            }
        }
        long positional = actuals.stream().filter(a -> keywordOf(a, keywords) == null).count();
        return positional == o.positionalCount();
    }

    /** The keyword an actual argument starts with, if it is one of {@code keywords}. */
    private static String keywordOf(String actual, Set<String> keywords) {
        int sp = 0;
        while (sp < actual.length() && !Character.isWhitespace(actual.charAt(sp))) {
            sp++;
        }
        String word = actual.substring(0, sp);
        return keywords.contains(word) && (sp < actual.length() || actual.equals(word)) ? word : null;
    }

    private static void bindFormals(Overload o, List<String> actuals, Variables env) {
        Set<String> keywords = new HashSet<>();
        for (Formal f : o.formals()) {
            if (f.keyword() != null) {
                keywords.add(f.keyword());
                env.set(f.variable(), "");
            }
        }
        List<String> positional = new ArrayList<>();
        for (String a : actuals) {
            String kw = keywordOf(a, keywords);
            if (kw == null) {
                positional.add(a);
            } else {
                for (Formal f : o.formals()) {
                    if (kw.equals(f.keyword())) {
                        env.set(f.variable(), a.substring(kw.length()).trim());
                    }
                }
            }
        }
        int k = 0;
        for (Formal f : o.formals()) {
            if (f.keyword() == null) {
                env.set(f.variable(), positional.get(k++));
            }
        }
    }

    /** Highest input and output port numbers used by a compound body, plus one. */
    private static int[] bodyPorts(Body body) {
        int[] ports = new int[2];
        Set<String> declared = new HashSet<>();
        for (Statement st : body.statements()) {
            if (st instanceof Declaration d) {
                d.names().forEach(n -> declared.add(n.text()));
            }
        }
        for (Statement st : body.statements()) {
            if (st instanceof Chain ch) {
                for (Endpoint ep : ch.endpoints()) {
                    ElementSpec s = ep.element();
                    if (s.name() == null || s.type() != null || declared.contains(s.name().text())) {
                        continue;
                    }
                    if (s.name().text().equals("input")) {
                        ports[0] = Math.max(ports[0], Math.max(0, ep.outPort()) + 1);
                    } else if (s.name().text().equals("output")) {
                        ports[1] = Math.max(ports[1], Math.max(0, ep.inPort()) + 1);
                    }
                }
            }
        }
        return ports;
    }

    // ---- tunnels ----

    private record PortRef(Node node, int port) {
    }

    private record Target(Node node, int port, Location location) {
    }

    private FlatGraph removeTunnels() {
        Map<PortRef, List<Edge>> outgoing = new HashMap<>();
        for (Edge e : edges) {
            outgoing.computeIfAbsent(new PortRef(e.from, e.fromPort), k -> new ArrayList<>()).add(e);
        }
        List<FlatGraph.Element> flatElements = new ArrayList<>();
        for (Node n : nodes) {
            flatElements.add(new FlatGraph.Element(n.name, n.type.name(), n.config, n.location));
        }
        Set<FlatGraph.Connection> connections = new LinkedHashSet<>();
        Set<List<Integer>> keys = new HashSet<>();
        Set<FlatGraph.Port> danglingInputs = new LinkedHashSet<>();
        Set<FlatGraph.Port> danglingOutputs = new LinkedHashSet<>();
        for (Edge e : edges) {
            if (e.from.kind != Kind.PRIMITIVE && !e.from.broken) {
                continue;
            }
            List<Target> targets = new ArrayList<>();
            follow(e.to, e.toPort, e.location, outgoing, new HashSet<>(), targets);
            for (Target t : targets) {
                if (e.from.broken || t.node.broken) {
                    if (!e.from.broken) {
                        danglingOutputs.add(new FlatGraph.Port(e.from.flatIndex, e.fromPort));
                    } else if (!t.node.broken) {
                        danglingInputs.add(new FlatGraph.Port(t.node.flatIndex, t.port));
                    }
                } else if (keys.add(List.of(e.from.flatIndex, e.fromPort, t.node.flatIndex, t.port))) {
                    connections.add(new FlatGraph.Connection(e.from.flatIndex, e.fromPort, t.node.flatIndex, t.port,
                            t.location));
                }
            }
        }
        return new FlatGraph(flatElements, new ArrayList<>(connections), danglingInputs, danglingOutputs);
    }

    /** Collects the primitive input ports that a connection into {@code (node, port)} reaches. */
    private void follow(Node node, int port, Location at, Map<PortRef, List<Edge>> outgoing, Set<PortRef> visited,
                        List<Target> out) {
        if (node.kind == Kind.PRIMITIVE || node.broken) {
            out.add(new Target(node, port, at));
            return;
        }
        Node exit = node.kind == Kind.COMPOUND ? node.input : node.kind == Kind.OUTPUT ? node.owner : null;
        if (exit == null || !visited.add(new PortRef(exit, port))) {
            return;
        }
        for (Edge e : outgoing.getOrDefault(new PortRef(exit, port), List.of())) {
            follow(e.to, e.toPort, e.location, outgoing, visited, out);
        }
    }
}

package click.runtime.lang;

import click.api.Location;
import java.util.List;

/** The parsed form of a Click configuration, before compounds are expanded. */
final class Ast {
    private Ast() {
    }

    /** A whole file: its top-level statements, {@code define}s and {@code require}s. */
    record Program(Body body, List<Define> defines, List<Require> requires) {
    }

    /** The statements of one scope (the file, or one compound overload). */
    record Body(List<Statement> statements) {
    }

    sealed interface Statement permits Declaration, Chain, ClassDefinition {
    }

    /** {@code a, b :: Class(config)}. */
    record Declaration(List<Name> names, ClassRef type, String config) implements Statement {
    }

    /** {@code x [1] -> [0] y -> z}: endpoints joined by arrows (one endpoint: a lone declaration). */
    record Chain(List<Endpoint> endpoints, List<Location> arrows) implements Statement {
    }

    /** {@code elementclass Name {...}} or {@code elementclass Name Existing}. */
    record ClassDefinition(Name name, ClassRef definition) implements Statement {
    }

    record Name(String text, Location location) {
    }

    /** An element class: a name (primitive, compound or synonym) or an inline compound. */
    sealed interface ClassRef permits Named, Inline {
        Location location();
    }

    record Named(Name name) implements ClassRef {
        @Override
        public Location location() {
            return name.location();
        }
    }

    record Inline(Compound compound) implements ClassRef {
        @Override
        public Location location() {
            return compound.location();
        }
    }

    /**
     * {@code { $a, KEYWORD $b | body || $c | body2 }}: overloads tried in order. {@code extendsPrevious}
     * is the {@code ...} overload: the earlier definition of the same name supplies more overloads.
     */
    record Compound(String name, Location location, List<Overload> overloads, boolean extendsPrevious) {
    }

    record Overload(List<Formal> formals, Body body, Location location) {
        long positionalCount() {
            return formals.stream().filter(f -> f.keyword() == null).count();
        }

        String signature() {
            StringBuilder sb = new StringBuilder();
            for (Formal f : formals) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(f.keyword() == null ? "" : f.keyword() + " ").append('$').append(f.variable());
            }
            return sb.toString();
        }
    }

    /** A formal parameter: {@code $var} (positional) or {@code KEYWORD $var}. */
    record Formal(String variable, String keyword) {
    }

    /** One element of a chain with its ports ({@code -1}: not written, meaning 0). */
    record Endpoint(int inPort, ElementSpec element, int outPort) {
    }

    /**
     * How an element is written in a connection: {@code name}, {@code name :: Class(config)},
     * {@code Class(config)} or an inline compound. A bare {@code name} is resolved later: a declared
     * element if one has that name, else an anonymous element of that class.
     */
    record ElementSpec(Name name, ClassRef type, String config, Location location) {
    }

    record Define(String variable, String value, Location location) {
    }

    record Require(List<String> arguments, Location location) {
    }
}

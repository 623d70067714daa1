package click.elements.nat;

import java.util.Arrays;

/**
 * What a rewriter does with a packet that arrives on one input and matches no mapping (Click's
 * INPUTSPEC): {@code drop}, {@code pass OUTPUT}, {@code keep FOUTPUT ROUTPUT},
 * {@code pattern SADDR SPORT DADDR DPORT FOUTPUT ROUTPUT} (or {@code pattern SADDR DADDR ...} for
 * address rewriters) or {@code pattern NAME FOUTPUT ROUTPUT} naming an IPRewriterPatterns entry.
 * Immutable.
 */
final class InputSpec {
    enum Kind { DROP, PASS, KEEP, PATTERN }

    final Kind kind;
    final int foutput;
    final int routput;
    /** The pattern of a PATTERN spec once known; null for other kinds and for unresolved names. */
    final RewritePattern pattern;
    /** The IPRewriterPatterns name of a named PATTERN spec, else null. */
    final String patternName;

    private InputSpec(Kind kind, int foutput, int routput, RewritePattern pattern, String patternName) {
        this.kind = kind;
        this.foutput = foutput;
        this.routput = routput;
        this.pattern = pattern;
        this.patternName = patternName;
    }

    /** This named spec with its pattern found. */
    InputSpec resolved(RewritePattern p) {
        return new InputSpec(kind, foutput, routput, p, patternName);
    }

    /**
     * Parses one INPUTSPEC; outputs must be below {@code noutputs}. Throws
     * {@link IllegalArgumentException} with a message for the user.
     */
    static InputSpec parse(String text, int noutputs) {
        String[] w = text.trim().isEmpty() ? new String[0] : text.trim().split("\\s+");
        if (w.length == 0) {
            throw new IllegalArgumentException("empty input spec (expected drop, pass, keep or pattern)");
        }
        String[] rest = Arrays.copyOfRange(w, 1, w.length);
        switch (w[0]) {
            case "drop", "discard" -> {
                if (rest.length != 0) {
                    throw new IllegalArgumentException("'" + w[0] + "' takes no arguments, got \"" + text.trim() + "\"");
                }
                return new InputSpec(Kind.DROP, -1, -1, null, null);
            }
            case "pass", "passthrough", "nochange" -> {
                if (rest.length > 1) {
                    throw new IllegalArgumentException("expected 'pass OUTPUT', got \"" + text.trim() + "\"");
                }
                int out = rest.length == 0 ? 0 : output(rest[0], "output", noutputs);
                return new InputSpec(Kind.PASS, out, -1, null, null);
            }
            case "keep" -> {
                if (rest.length != 2) {
                    throw new IllegalArgumentException("expected 'keep FOUTPUT ROUTPUT', got \"" + text.trim() + "\"");
                }
                return new InputSpec(Kind.KEEP, output(rest[0], "forward output", noutputs),
                        output(rest[1], "reply output", noutputs), null, null);
            }
            case "pattern" -> {
                if (rest.length != 3 && rest.length != 4 && rest.length != 6) {
                    throw new IllegalArgumentException("expected 'pattern SADDR SPORT DADDR DPORT FOUTPUT ROUTPUT' or"
                            + " 'pattern NAME FOUTPUT ROUTPUT', got \"" + text.trim() + "\"");
                }
                int fout = output(rest[rest.length - 2], "forward output", noutputs);
                int rout = output(rest[rest.length - 1], "reply output", noutputs);
                if (rest.length == 3) {
                    return new InputSpec(Kind.PATTERN, fout, rout, null, rest[0]);
                }
                RewritePattern p = RewritePattern.parse(Arrays.copyOf(rest, rest.length - 2));
                return new InputSpec(Kind.PATTERN, fout, rout, p, null);
            }
            default -> throw new IllegalArgumentException("unknown input spec \"" + text.trim()
                    + "\" (expected drop, pass OUTPUT, keep FOUTPUT ROUTPUT or pattern ...;"
                    + " IPMapper elements are not supported)");
        }
    }

    private static int output(String s, String what, int noutputs) {
        int v;
        try {
            v = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + what + " \"" + s + "\" (expected an output port number)");
        }
        if (v < 0 || v >= noutputs) {
            throw new IllegalArgumentException(what + " " + v + " out of range (the element has " + noutputs
                    + (noutputs == 1 ? " output)" : " outputs)"));
        }
        return v;
    }

    /** The spec as Click's {@code patterns} handler shows it. */
    @Override
    public String toString() {
        return switch (kind) {
            case DROP -> "<drop>";
            case PASS -> "<pass " + foutput + ">";
            case KEEP -> "<keep " + foutput + " " + routput + ">";
            case PATTERN -> (pattern != null ? pattern.toString() : patternName) + " " + foutput + " " + routput;
        };
    }
}

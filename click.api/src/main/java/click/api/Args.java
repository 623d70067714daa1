package click.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The configuration-string parser every element uses: splits Click's comma-separated arguments,
 * matches positional and keyword arguments, reads typed values, and collects every problem.
 *
 * <p>It is transactional: readers return values, the element keeps them in locals, and only after
 * {@link #complete()} succeeds does it assign its fields. So a failed (re)configuration leaves the
 * element as it was.
 * <pre>{@code
 *   public void configure(Args args) throws ConfigException {
 *       int capacity = args.positional("CAPACITY").asInt(1000);
 *       boolean verbose = args.optional("VERBOSE").asBool(false);
 *       args.complete();               // throws if anything failed or an unknown keyword remains
 *       this.capacity = capacity;
 *       this.verbose = verbose;
 *   }
 * }</pre>
 *
 * <p>Arguments: a keyword argument starts with an upper-case word followed by a space
 * ({@code LIMIT 5}); any other argument is positional. Positional readers take positional
 * arguments in the order the element asks for them; a positional argument may also be given by
 * its keyword ({@code InfiniteSource(DATA \<00>)}).
 *
 * <p>Reader kinds, as in Click: {@link #requiredPositional} ("mp": mandatory, positional or
 * keyword), {@link #positional} ("p": optional, positional or keyword), {@link #required} ("m":
 * mandatory keyword) and {@link #optional} (optional keyword).
 */
public final class Args {
    private final String[] raw;
    private final String[] keyword;  // keyword of raw[i], or null if positional
    private final String[] value;    // value text after the keyword (or the whole arg)
    private final boolean[] consumed;
    private final List<String> errors = new ArrayList<>();
    private final Function<String, Element> resolver;
    private int nextPositional;

    public Args(String config) {
        this(config, null);
    }

    /**
     * @param resolver finds an element by name for {@link Arg#asElement}; null when there is no router
     */
    public Args(String config, Function<String, Element> resolver) {
        this(ConfigText.split(config), resolver);
    }

    public Args(List<String> arguments, Function<String, Element> resolver) {
        int n = arguments.size();
        this.raw = arguments.toArray(new String[0]);
        this.keyword = new String[n];
        this.value = new String[n];
        this.consumed = new boolean[n];
        this.resolver = resolver;
        for (int i = 0; i < n; i++) {
            String a = raw[i];
            int sp = keywordEnd(a);
            if (sp > 0) {
                keyword[i] = a.substring(0, sp);
                value[i] = a.substring(sp).trim();
            } else {
                value[i] = a;
            }
        }
    }

    /** Length of a leading keyword followed by whitespace, or 0. */
    private static int keywordEnd(String a) {
        if (a.isEmpty() || a.charAt(0) < 'A' || a.charAt(0) > 'Z') {
            return 0;
        }
        int i = 1;
        while (i < a.length()) {
            char c = a.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
                i++;
            } else {
                break;
            }
        }
        return i < a.length() && Character.isWhitespace(a.charAt(i)) ? i : 0;
    }

    /** Number of arguments. */
    public int size() {
        return raw.length;
    }

    /** Mandatory argument that may be given by position or by keyword. */
    public Arg requiredPositional(String name) {
        Arg a = positional(name);
        if (!a.present()) {
            errors.add("missing " + name + " argument");
        }
        return a;
    }

    /** Optional argument that may be given by position or by keyword. */
    public Arg positional(String name) {
        Arg byKeyword = optional(name);
        if (byKeyword.present()) {
            return byKeyword;
        }
        while (nextPositional < raw.length && (keyword[nextPositional] != null || consumed[nextPositional])) {
            nextPositional++;
        }
        if (nextPositional < raw.length) {
            consumed[nextPositional] = true;
            return new Arg(this, name, value[nextPositional++]);
        }
        return new Arg(this, name, null);
    }

    /** Mandatory keyword argument. */
    public Arg required(String name) {
        Arg a = optional(name);
        if (!a.present()) {
            errors.add("missing " + name + " keyword argument");
        }
        return a;
    }

    /** Optional keyword argument; if given more than once, the last one counts. */
    public Arg optional(String name) {
        String v = null;
        for (int i = 0; i < raw.length; i++) {
            if (name.equals(keyword[i])) {
                consumed[i] = true;
                v = value[i];
            }
        }
        return new Arg(this, name, v);
    }

    /**
     * Every argument not consumed yet, as written (keyword included), and marks them consumed. For
     * elements with a variable argument list (Classifier, StaticThreadSched, scripts).
     */
    public List<String> rest() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            if (!consumed[i]) {
                consumed[i] = true;
                out.add(raw[i]);
            }
        }
        return out;
    }

    /** Records a problem found by the element itself (a cross-argument check, say). */
    public void error(String message) {
        errors.add(message);
    }

    void error(Arg arg, String expected) {
        errors.add("expected " + expected + " for " + arg.name() + ", got \"" + arg.raw() + "\"");
    }

    Element resolve(String name) {
        return resolver == null ? null : resolver.apply(name);
    }

    /**
     * Finishes parsing: throws with every problem found (bad values, missing arguments, unknown
     * keywords, too many arguments) or returns normally if all is well.
     */
    public void complete() throws ConfigException {
        for (int i = 0; i < raw.length; i++) {
            if (!consumed[i]) {
                if (keyword[i] != null) {
                    errors.add("unknown keyword " + keyword[i]);
                } else {
                    errors.add("too many arguments: \"" + raw[i] + "\" was not expected");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }
}

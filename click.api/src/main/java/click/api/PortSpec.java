package click.api;

/**
 * Click's port-count and processing specs, parsed: {@code "1/1-2"}, {@code "0/1"}, {@code "-/-"},
 * {@code "1-/1"}, {@code "2"}; and {@code "a/ah"}, {@code "h/l"}.
 *
 * @param inMin  fewest inputs
 * @param inMax  most inputs ({@link Integer#MAX_VALUE} for no limit)
 * @param outMin fewest outputs
 * @param outMax most outputs
 */
public record PortSpec(int inMin, int inMax, int outMin, int outMax) {
    public static final int UNLIMITED = Integer.MAX_VALUE;
    /** Processing codes. */
    public static final char PUSH = 'h', PULL = 'l', AGNOSTIC = 'a';

    /** Parses a port-count spec; throws {@link IllegalArgumentException} on bad syntax. */
    public static PortSpec parse(String spec) {
        String s = spec.trim();
        int slash = s.indexOf('/');
        String in = slash < 0 ? s : s.substring(0, slash);
        String out = slash < 0 ? s : s.substring(slash + 1);
        int[] i = range(in, spec);
        int[] o = range(out, spec);
        return new PortSpec(i[0], i[1], o[0], o[1]);
    }

    private static int[] range(String r, String spec) {
        r = r.trim();
        try {
            if (r.equals("-")) {
                return new int[] {0, UNLIMITED};
            }
            int dash = r.indexOf('-');
            if (dash < 0) {
                int n = Integer.parseInt(r);
                return new int[] {n, n};
            }
            int lo = Integer.parseInt(r.substring(0, dash));
            String hi = r.substring(dash + 1);
            return new int[] {lo, hi.isEmpty() ? UNLIMITED : Integer.parseInt(hi)};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port-count spec \"" + spec + "\"");
        }
    }

    public boolean inputsAllowed(int n) {
        return n >= inMin && n <= inMax;
    }

    public boolean outputsAllowed(int n) {
        return n >= outMin && n <= outMax;
    }

    /** Text for messages: "1", "1-2", "at least 1", "any number of". */
    public static String describe(int min, int max) {
        if (max == UNLIMITED) {
            return min == 0 ? "any number of" : "at least " + min;
        }
        return min == max ? Integer.toString(min) : min + " to " + max;
    }

    /**
     * The processing code ({@link #PUSH}, {@link #PULL} or {@link #AGNOSTIC}) of a port from a
     * processing spec such as {@code "a/ah"}; the last letter of a side repeats.
     */
    public static char processing(String spec, boolean input, int port) {
        int slash = spec.indexOf('/');
        String side = slash < 0 ? spec : input ? spec.substring(0, slash) : spec.substring(slash + 1);
        if (side.isEmpty()) {
            return AGNOSTIC;
        }
        char c = side.charAt(Math.min(port, side.length() - 1));
        return c == 'h' || c == 'l' ? c : AGNOSTIC;
    }

    /**
     * Whether flow code {@code flow} (e.g. {@code "x/x"}, {@code "xy/x"}) lets packets entering
     * input {@code in} leave by output {@code out}. The last letter of a side repeats; {@code #}
     * means "only the same-numbered port".
     */
    public static boolean flows(String flow, int in, int out) {
        int slash = flow.indexOf('/');
        if (slash < 0) {
            return true;
        }
        String ins = flow.substring(0, slash);
        String outs = flow.substring(slash + 1);
        if (ins.isEmpty() || outs.isEmpty()) {
            return true;
        }
        char a = ins.charAt(Math.min(in, ins.length() - 1));
        char b = outs.charAt(Math.min(out, outs.length() - 1));
        if (a == '#' || b == '#') {
            return a == b && in == out;
        }
        return a == b;
    }
}

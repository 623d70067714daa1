package click.elements.standard;

import click.api.ConfigText;
import click.api.HandlerException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * The functions a Script offers as {@code $(NAME ARGS)} and as read handlers with parameters:
 * arithmetic, comparisons, booleans, {@code if}, {@code sprintf} and a few string helpers, with
 * Click's number rules. Integers (decimal, {@code 0x} hex, {@code 0} octal) are added, subtracted
 * and multiplied exactly; as soon as one argument is a real number, or for {@code div}, the
 * arithmetic is in doubles, printed like C's {@code %.12g} (so {@code div 10 4} is {@code 2.5} and
 * {@code div 10 5} is {@code 2}).
 *
 * <p>Stateless apart from {@code random}'s generator; {@code now} and {@code get} need the script
 * and are evaluated by it.
 */
final class ScriptFunctions {
    /** Names evaluated here; {@link #call} throws for anything else. */
    static final Set<String> NAMES = Set.of("add", "sub", "mul", "div", "idiv", "mod", "rem", "neg", "abs",
            "min", "max", "eq", "ne", "lt", "gt", "le", "ge", "not", "and", "or", "if", "in", "sprintf",
            "length", "unquote", "first", "random");

    private static final Pattern REAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final MathContext TWELVE_DIGITS = new MathContext(12, RoundingMode.HALF_EVEN);

    private final SplittableRandom random = new SplittableRandom();

    /** Evaluates function {@code name} on the argument text {@code args}. */
    String call(String name, String args) throws HandlerException {
        List<String> w = ScriptText.words(args);
        switch (name) {
            case "add": case "sub": case "mul": case "div": case "idiv":
                return arithmetic(name, w);
            case "min": case "max":
                return extremum(name.equals("min"), w);
            case "mod": case "rem":
                return remainder(name.equals("mod"), w);
            case "neg": case "abs":
                return negOrAbs(name.equals("neg"), w);
            case "eq": case "ne": case "lt": case "gt": case "le": case "ge":
                return Boolean.toString(compare(name, w));
            case "not":
                return Boolean.toString(!bool(args.trim()));
            case "and": case "or": {
                boolean and = name.equals("and");
                boolean result = and;
                for (String s : w) {
                    result = and ? result && bool(s) : result || bool(s);
                }
                return Boolean.toString(result);
            }
            case "if":
                count(name, w, 3, "a condition and two values");
                return bool(w.get(0)) ? w.get(1) : w.get(2);
            case "in":
                return Boolean.toString(!w.isEmpty() && w.subList(1, w.size()).contains(w.get(0)));
            case "sprintf":
                return sprintf(w);
            case "length":
                return Integer.toString(args.trim().length());
            case "unquote":
                return unquote(args.trim());
            case "first":
                return w.isEmpty() ? "" : w.get(0);
            case "random":
                return random(w);
            default:
                throw new HandlerException("no function '" + name + "'");
        }
    }

    // ---- numbers ----

    /** An integer in Click's syntax, or null. */
    static Long integer(String s) {
        try {
            return ConfigText.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static double real(String s) throws HandlerException {
        Long i = integer(s);
        if (i != null) {
            return i;
        }
        if (!REAL.matcher(s).matches()) {
            throw new HandlerException("expected a number, got \"" + s + "\"");
        }
        return Double.parseDouble(s);
    }

    /** A double the way C prints it with {@code %.12g}: 2.5, 20, 1e-05, 1.23456789012e+15. */
    static String format(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(d).round(TWELVE_DIGITS);
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= -4 && exponent < 12) {
            return rounded.stripTrailingZeros().toPlainString();
        }
        BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
        return mantissa.toPlainString() + (exponent < 0 ? "e-" : "e+")
                + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }

    private static String arithmetic(String op, List<String> w) throws HandlerException {
        boolean real = op.equals("div") || op.equals("idiv");
        for (String s : w) {
            if (integer(s) == null) {
                real(s); // rejects non-numbers with a clear message
                real = true;
            }
        }
        if (w.isEmpty()) {
            return op.equals("add") || op.equals("sub") ? "0" : "1";
        }
        if (!real) {
            long acc = integer(w.get(0));
            for (int i = 1; i < w.size(); i++) {
                long v = integer(w.get(i));
                acc = op.equals("add") ? acc + v : op.equals("sub") ? acc - v : acc * v;
            }
            return Long.toString(acc);
        }
        double acc = real(w.get(0));
        for (int i = 1; i < w.size(); i++) {
            double v = real(w.get(i));
            switch (op) {
                case "add": acc += v; break;
                case "sub": acc -= v; break;
                case "mul": acc *= v; break;
                default: acc /= v; break;
            }
        }
        return op.equals("idiv") ? Long.toString((long) acc) : format(acc);
    }

    private static String extremum(boolean min, List<String> w) throws HandlerException {
        if (w.isEmpty()) {
            throw new HandlerException("expected a list of numbers");
        }
        String best = w.get(0);
        for (String s : w.subList(1, w.size())) {
            int c = Double.compare(real(s), real(best));
            if (min ? c < 0 : c > 0) {
                best = s;
            }
        }
        real(best);
        return best;
    }

    private static String remainder(boolean integerMod, List<String> w) throws HandlerException {
        count(integerMod ? "mod" : "rem", w, 2, "two numbers");
        if (integerMod) {
            Long a = integer(w.get(0));
            Long b = integer(w.get(1));
            if (a == null || b == null) {
                throw new HandlerException("mod expects two integers, got \"" + w.get(0) + "\" and \"" + w.get(1) + "\"");
            }
            if (b == 0) {
                throw new HandlerException("mod by zero");
            }
            return Long.toString(a % b);
        }
        return format(real(w.get(0)) % real(w.get(1)));
    }

    private static String negOrAbs(boolean neg, List<String> w) throws HandlerException {
        count(neg ? "neg" : "abs", w, 1, "one number");
        Long i = integer(w.get(0));
        if (i != null) {
            return Long.toString(neg ? -i : Math.abs(i));
        }
        double d = real(w.get(0));
        return format(neg ? -d : Math.abs(d));
    }

    /** Numeric comparison when both sides are numbers, else bytewise comparison of the unquoted texts. */
    private static boolean compare(String op, List<String> w) throws HandlerException {
        count(op, w, 2, "two values");
        String a = w.get(0);
        String b = w.get(1);
        int c;
        Long ia = integer(a);
        Long ib = integer(b);
        if (ia != null && ib != null) {
            c = Long.compare(ia, ib);
        } else if (isReal(a) && isReal(b)) {
            c = Double.compare(real(a), real(b));
        } else {
            c = unquote(a).compareTo(unquote(b));
        }
        switch (op) {
            case "eq": return c == 0;
            case "ne": return c != 0;
            case "lt": return c < 0;
            case "gt": return c > 0;
            case "le": return c <= 0;
            default: return c >= 0;
        }
    }

    private static boolean isReal(String s) {
        return integer(s) != null || REAL.matcher(s).matches();
    }

    static boolean bool(String s) throws HandlerException {
        try {
            return ConfigText.parseBool(s);
        } catch (IllegalArgumentException e) {
            throw new HandlerException(e.getMessage());
        }
    }

    private static void count(String name, List<String> w, int n, String what) throws HandlerException {
        if (w.size() != n) {
            throw new HandlerException(name + " expects " + what + ", got " + w.size()
                    + (w.size() == 1 ? " argument" : " arguments"));
        }
    }

    static String unquote(String s) throws HandlerException {
        try {
            return ConfigText.unquote(s);
        } catch (IllegalArgumentException e) {
            throw new HandlerException(e.getMessage());
        }
    }

    private String random(List<String> w) throws HandlerException {
        if (w.isEmpty()) {
            return Integer.toString(random.nextInt(Integer.MAX_VALUE));
        }
        Long lo = w.size() == 2 ? integer(w.get(0)) : Long.valueOf(0);
        Long hi = w.size() == 2 ? integer(w.get(1)) : w.size() == 1 ? integer(w.get(0)) : null;
        if (lo == null || hi == null || (w.size() == 1 ? hi <= 0 : hi < lo)) {
            throw new HandlerException("random expects nothing, N > 0, or LOW HIGH");
        }
        return Long.toString(w.size() == 1 ? random.nextLong(hi) : random.nextLong(lo, hi + 1));
    }

    /**
     * C-style formatting of the first word (a format, quoted or not) with the other words: the
     * conversions d, i, u, o, x, X (integers), e, f, g (reals), s and %, with flags, width and
     * precision.
     */
    private static String sprintf(List<String> w) throws HandlerException {
        if (w.isEmpty()) {
            throw new HandlerException("sprintf expects a format");
        }
        String format = unquote(w.get(0));
        List<String> rest = new ArrayList<>(w.subList(1, w.size()));
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            int start = i++;
            while (i < format.length() && "-+ #0".indexOf(format.charAt(i)) >= 0) {
                i++;
            }
            while (i < format.length() && (Character.isDigit(format.charAt(i)) || format.charAt(i) == '.')) {
                i++;
            }
            while (i < format.length() && "hlLqjzt".indexOf(format.charAt(i)) >= 0) {
                i++;
            }
            if (i >= format.length()) {
                throw new HandlerException("sprintf: incomplete conversion at the end of \"" + format + "\"");
            }
            char conv = format.charAt(i++);
            String spec = format.substring(start, i).replaceAll("[hlLqjzt]", "");
            if (conv == '%') {
                out.append('%');
                continue;
            }
            if (rest.isEmpty()) {
                throw new HandlerException("sprintf: too few arguments for \"" + format + "\"");
            }
            String arg = rest.remove(0);
            try {
                out.append(convert(spec, conv, arg));
            } catch (java.util.IllegalFormatException e) {
                throw new HandlerException("sprintf: bad conversion \"" + spec + "\"");
            }
        }
        if (!rest.isEmpty()) {
            throw new HandlerException("sprintf: too many arguments for \"" + format + "\"");
        }
        return out.toString();
    }

    private static String convert(String spec, char conv, String arg) throws HandlerException {
        String flags = spec.substring(0, spec.length() - 1);
        switch (conv) {
            case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
                Long v = integer(arg);
                if (v == null) {
                    throw new HandlerException("sprintf: expected an integer for " + spec + ", got \"" + arg + "\"");
                }
                char javaConv = conv == 'i' || conv == 'u' ? 'd' : conv;
                return String.format(Locale.ROOT, flags + javaConv, v);
            }
            case 'e': case 'f': case 'g': case 'E': case 'G':
                return String.format(Locale.ROOT, flags + conv, real(arg));
            case 's':
                return String.format(Locale.ROOT, flags + 's', unquote(arg));
            default:
                throw new HandlerException("sprintf: unknown conversion '%" + conv + "'");
        }
    }
}

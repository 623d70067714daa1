package click.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Click's configuration-string conventions: splitting arguments at top-level commas, removing
 * comments, unquoting strings and {@code \<hex>} data, and reading numbers, times and bandwidths.
 */
public final class ConfigText {
    private ConfigText() {
    }

    /**
     * Splits {@code config} at commas that are not inside quotes, {@code \<...>} data or brackets,
     * drops comments, and trims each argument. An empty config is zero arguments.
     */
    public static List<String> split(String config) {
        List<String> out = new ArrayList<>();
        if (config == null) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        int n = config.length();
        for (int i = 0; i < n; i++) {
            char c = config.charAt(i);
            if (c == '"' || c == '\'') {
                int end = skipQuoted(config, i);
                cur.append(config, i, end);
                i = end - 1;
            } else if (c == '\\' && i + 1 < n && config.charAt(i + 1) == '<') {
                int end = config.indexOf('>', i);
                end = end < 0 ? n : end + 1;
                cur.append(config, i, end);
                i = end - 1;
            } else if (c == '/' && i + 1 < n && config.charAt(i + 1) == '/') {
                int end = config.indexOf('\n', i);
                i = (end < 0 ? n : end) - 1;
                cur.append(' ');
            } else if (c == '/' && i + 1 < n && config.charAt(i + 1) == '*') {
                int end = config.indexOf("*/", i + 2);
                i = (end < 0 ? n : end + 2) - 1;
                cur.append(' ');
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
                cur.append(c);
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
                cur.append(c);
            } else if (c == ',' && depth == 0) {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        String last = cur.toString().trim();
        if (!last.isEmpty() || !out.isEmpty()) {
            out.add(last);
        }
        return out;
    }

    /** Index just past the quoted string starting at {@code start}. */
    static int skipQuoted(String s, int start) {
        char q = s.charAt(start);
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && q == '"') {
                i += 2;
            } else if (c == q) {
                return i + 1;
            } else {
                i++;
            }
        }
        return s.length();
    }

    /** Removes quotes and processes escapes; text outside quotes is kept as is (whitespace trimmed). */
    public static String unquote(String s) {
        return new String(unquoteBytes(s), StandardCharsets.ISO_8859_1);
    }

    /**
     * Like {@link #unquote} but returns bytes, and understands {@code \<0a 0b ...>} hex data
     * anywhere. Characters map to bytes as ISO-8859-1 (Click strings are byte strings).
     */
    public static byte[] unquoteBytes(String s) {
        s = s.trim();
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < n && s.charAt(i + 1) == '<') {
                i = hexData(s, i + 2, out);
            } else if (c == '"') {
                i++;
                while (i < n && s.charAt(i) != '"') {
                    char d = s.charAt(i);
                    if (d == '\\' && i + 1 < n) {
                        i = escape(s, i + 1, out);
                    } else {
                        out.write(d);
                        i++;
                    }
                }
                if (i >= n) {
                    throw new IllegalArgumentException("unterminated string");
                }
                i++;
            } else if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated string");
                }
                for (int k = i + 1; k < end; k++) {
                    out.write(s.charAt(k));
                }
                i = end + 1;
            } else {
                out.write(c);
                i++;
            }
        }
        return out.toByteArray();
    }

    private static int hexData(String s, int i, ByteArrayOutputStream out) {
        int hi = -1;
        while (i < s.length() && s.charAt(i) != '>') {
            char c = s.charAt(i++);
            if (Character.isWhitespace(c)) {
                continue;
            }
            int d = Character.digit(c, 16);
            if (d < 0) {
                throw new IllegalArgumentException("bad hex digit '" + c + "' in \\<...>");
            }
            if (hi < 0) {
                hi = d;
            } else {
                out.write(hi << 4 | d);
                hi = -1;
            }
        }
        if (i >= s.length()) {
            throw new IllegalArgumentException("unterminated \\<...>");
        }
        if (hi >= 0) {
            throw new IllegalArgumentException("odd number of hex digits in \\<...>");
        }
        return i + 1;
    }

    private static int escape(String s, int i, ByteArrayOutputStream out) {
        char c = s.charAt(i);
        switch (c) {
            case 'n': out.write('\n'); return i + 1;
            case 't': out.write('\t'); return i + 1;
            case 'r': out.write('\r'); return i + 1;
            case 'a': out.write(7); return i + 1;
            case 'b': out.write('\b'); return i + 1;
            case 'f': out.write('\f'); return i + 1;
            case 'v': out.write(11); return i + 1;
            case '<': return hexData(s, i + 1, out);
            case 'x': {
                int j = i + 1;
                int v = 0;
                while (j < s.length() && j < i + 3 && Character.digit(s.charAt(j), 16) >= 0) {
                    v = v * 16 + Character.digit(s.charAt(j++), 16);
                }
                out.write(v);
                return j;
            }
            default:
                if (c >= '0' && c <= '7') {
                    int j = i;
                    int v = 0;
                    while (j < s.length() && j < i + 3 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                        v = v * 8 + (s.charAt(j++) - '0');
                    }
                    out.write(v);
                    return j;
                }
                out.write(c);
                return i + 1;
        }
    }

    /** Click's booleans: true/false, yes/no, 1/0, on/off, t/f, y/n; throws {@link IllegalArgumentException} otherwise. */
    public static boolean parseBool(String s) {
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "1": case "on": case "t": case "y":
                return true;
            case "false": case "no": case "0": case "off": case "f": case "n":
                return false;
            default:
                throw new IllegalArgumentException("expected true or false, got \"" + s.trim() + "\"");
        }
    }

    /** Decimal, {@code 0x} hex or {@code 0} octal integer, optionally negative. */
    public static long parseLong(String s) {
        s = s.trim();
        boolean neg = s.startsWith("-");
        String t = neg || s.startsWith("+") ? s.substring(1) : s;
        long v;
        if (t.startsWith("0x") || t.startsWith("0X")) {
            v = Long.parseUnsignedLong(t.substring(2), 16);
        } else if (t.length() > 1 && t.startsWith("0") && t.chars().allMatch(ch -> ch >= '0' && ch <= '7')) {
            v = Long.parseLong(t.substring(1), 8);
        } else {
            if (t.isEmpty() || !t.chars().allMatch(Character::isDigit)) {
                throw new NumberFormatException(s);
            }
            v = Long.parseLong(t);
        }
        return neg ? -v : v;
    }

    /** A time with an optional unit (s, sec, ms, msec, us, usec, ns, m, min, h, hr); bare numbers are seconds. */
    public static long parseTimeNanos(String s) {
        s = s.trim().toLowerCase(Locale.ROOT);
        int i = numberEnd(s);
        if (i == 0) {
            throw new IllegalArgumentException(s);
        }
        double v = Double.parseDouble(s.substring(0, i));
        String unit = s.substring(i).trim();
        double scale;
        switch (unit) {
            case "": case "s": case "sec": case "secs": case "second": case "seconds": scale = 1e9; break;
            case "ms": case "msec": case "msecs": scale = 1e6; break;
            case "us": case "usec": case "usecs": scale = 1e3; break;
            case "ns": case "nsec": case "nsecs": scale = 1; break;
            case "m": case "min": case "mins": scale = 60e9; break;
            case "h": case "hr": case "hrs": case "hour": case "hours": scale = 3600e9; break;
            default: throw new IllegalArgumentException(s);
        }
        if (v < 0) {
            throw new IllegalArgumentException(s);
        }
        return Math.round(v * scale);
    }

    /** A bandwidth in bytes per second: bps/Bps with k, M, G prefixes; bare numbers are bytes per second. */
    public static double parseBandwidth(String s) {
        s = s.trim();
        int i = numberEnd(s);
        if (i == 0) {
            throw new IllegalArgumentException(s);
        }
        double v = Double.parseDouble(s.substring(0, i));
        String unit = s.substring(i).trim();
        if (unit.isEmpty()) {
            return v;
        }
        double scale = 1;
        char p = unit.charAt(0);
        if (p == 'k' || p == 'K') {
            scale = 1e3;
            unit = unit.substring(1);
        } else if (p == 'M') {
            scale = 1e6;
            unit = unit.substring(1);
        } else if (p == 'G') {
            scale = 1e9;
            unit = unit.substring(1);
        }
        switch (unit) {
            case "bps": case "b/s": return v * scale / 8;
            case "Bps": case "B/s": return v * scale;
            default: throw new IllegalArgumentException(s);
        }
    }

    private static int numberEnd(String s) {
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.'
                || (i == 0 && (s.charAt(i) == '-' || s.charAt(i) == '+'))
                || ((s.charAt(i) == 'e' || s.charAt(i) == 'E') && i > 0 && i + 1 < s.length()
                    && (Character.isDigit(s.charAt(i + 1)) || s.charAt(i + 1) == '-')))) {
            i++;
        }
        return i;
    }
}

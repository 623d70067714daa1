package click.runtime.lang;

import java.util.HashMap;
import java.util.Map;

/**
 * A scope of Click variables ({@code define}, compound formals, command-line {@code NAME=value}),
 * chained to its enclosing scope, and the substitution of {@code $name} / {@code ${name}} in
 * configuration strings.
 */
final class Variables {
    private final Variables parent;
    private final Map<String, String> values = new HashMap<>();

    Variables(Variables parent) {
        this.parent = parent;
    }

    void set(String name, String value) {
        values.put(name, value);
    }

    String get(String name) {
        for (Variables v = this; v != null; v = v.parent) {
            String s = v.values.get(name);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /**
     * Replaces {@code $name} and {@code ${name}} by their values, as Click does: not inside single
     * quotes, nor after a backslash; variables that are not defined are left as written (so
     * run-time expressions such as Script's {@code $(now)} or {@code $n} survive).
     */
    String expand(String text) {
        if (text == null || text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n) {
                out.append(c).append(text.charAt(i + 1));
                i += 2;
            } else if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                end = end < 0 ? n : end + 1;
                out.append(text, i, end);
                i = end;
            } else if (c == '$') {
                i = variable(text, i, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Expands the variable at {@code text[i] == '$'} into {@code out}; returns the index after it. */
    private int variable(String text, int i, StringBuilder out) {
        int n = text.length();
        String name;
        int end;
        if (i + 1 < n && text.charAt(i + 1) == '{') {
            end = text.indexOf('}', i + 2);
            if (end < 0) {
                out.append('$');
                return i + 1;
            }
            name = text.substring(i + 2, end);
            end++;
        } else {
            end = i + 1;
            while (end < n && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                end++;
            }
            name = text.substring(i + 1, end);
        }
        String value = name.isEmpty() ? null : get(name);
        if (value == null) {
            out.append(text, i, end);
        } else {
            out.append(value);
        }
        return end;
    }
}

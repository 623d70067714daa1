package click.elements.standard;

import click.api.HandlerException;
import java.util.ArrayList;
import java.util.List;

/**
 * Script's text rules: splitting at spaces with quotes kept together, and Click's substitutions
 * {@code $VAR}, {@code ${VAR}} and {@code $(HANDLER ARGS)} (nested ones first). Nothing is
 * substituted inside single quotes; inside double quotes a substituted value is escaped so that
 * unquoting the result gives the value back. A reference that cannot be resolved stays as written.
 */
final class ScriptText {
    /** What a substitution looks up. */
    interface Resolver {
        /** The value of variable {@code name} ({@code x}, {@code ?}, {@code args}, {@code 1}), or null. */
        String variable(String name);

        /** The value of {@code $(inner)}, {@code inner} already expanded: a variable, a function or a read handler. */
        String call(String inner) throws HandlerException;

        /** Reports a substitution that failed (the text stays as written). */
        void error(String message);
    }

    private ScriptText() {
    }

    /** Space-separated words; a quoted part ({@code "a b"}, {@code 'a b'}) stays in its word, quotes included. */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(s.charAt(i))) {
                char c = s.charAt(i);
                i = c == '"' || c == '\'' ? skipQuoted(s, i) : i + 1;
            }
            out.add(s.substring(start, i));
        }
        return out;
    }

    /** The first word of {@code s} and the trimmed rest: {@code [word, rest]}. */
    static String[] firstWord(String s) {
        String t = s.trim();
        int i = 0;
        while (i < t.length() && !Character.isWhitespace(t.charAt(i))) {
            char c = t.charAt(i);
            i = c == '"' || c == '\'' ? skipQuoted(t, i) : i + 1;
        }
        return new String[] {t.substring(0, i), t.substring(i).trim()};
    }

    /** Index just past the quoted part starting at {@code start} (or the end of {@code s}). */
    private static int skipQuoted(String s, int start) {
        char q = s.charAt(start);
        int i = start + 1;
        while (i < s.length() && s.charAt(i) != q) {
            i += s.charAt(i) == '\\' && q == '"' ? 2 : 1;
        }
        return Math.min(i + 1, s.length());
    }

    /** {@code text} with every substitution made. */
    static String expand(String text, Resolver r) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean inDouble = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\'' && !inDouble) {
                int end = skipQuoted(text, i);
                out.append(text, i, end);
                i = end;
            } else if (c == '"') {
                inDouble = !inDouble;
                out.append(c);
                i++;
            } else if (c == '\\' && i + 1 < n) {
                out.append(c).append(text.charAt(i + 1));
                i += 2;
            } else if (c == '$' && i + 1 < n) {
                i = substitute(text, i, r, inDouble, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Handles the reference at {@code text[dollar]}; returns the index after it. */
    private static int substitute(String text, int dollar, Resolver r, boolean inDouble, StringBuilder out) {
        char c = text.charAt(dollar + 1);
        int end;
        String value;
        if (c == '(') {
            end = matchingParen(text, dollar + 1);
            if (end < 0) {
                out.append(text, dollar, text.length());
                return text.length();
            }
            String inner = expand(text.substring(dollar + 2, end), r);
            end++;
            try {
                value = r.call(inner.trim());
            } catch (HandlerException e) {
                r.error("$(" + inner.trim() + "): " + e.getMessage());
                value = null;
            }
        } else if (c == '{') {
            end = text.indexOf('}', dollar + 2);
            if (end < 0) {
                out.append(text, dollar, text.length());
                return text.length();
            }
            value = r.variable(text.substring(dollar + 2, end));
            end++;
        } else if (c == '?' || c == '#') {
            end = dollar + 2;
            value = r.variable(String.valueOf(c));
        } else if (Character.isLetterOrDigit(c) || c == '_') {
            end = dollar + 1;
            while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                end++;
            }
            value = r.variable(text.substring(dollar + 1, end));
        } else {
            out.append('$');
            return dollar + 1;
        }
        if (value == null) {
            out.append(text, dollar, end);
        } else if (inDouble) {
            for (int k = 0; k < value.length(); k++) {
                char v = value.charAt(k);
                if (v == '"' || v == '\\') {
                    out.append('\\');
                }
                out.append(v);
            }
        } else {
            out.append(value);
        }
        return end;
    }

    /** Index of the ')' closing the '(' at {@code open}, skipping quoted parts and nested pairs; -1 if none. */
    private static int matchingParen(String s, int open) {
        int depth = 0;
        int i = open;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                i = skipQuoted(s, i);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
            i++;
        }
        return -1;
    }
}

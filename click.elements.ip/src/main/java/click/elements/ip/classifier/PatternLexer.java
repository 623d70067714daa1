package click.elements.ip.classifier;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a pattern into words as Click does: {@code && || <= >= != ==} are two-character words,
 * {@code ( ) [ ] & | < > ! = , ; ?} one-character words, and a word otherwise runs over letters,
 * digits and {@code - . / @ _ :} (so {@code 10.0.0.0/8} and {@code echo-reply} are one word, and
 * the {@code :} of {@code a ? b : c} must stand apart).
 */
public final class PatternLexer {
    private PatternLexer() {
    }

    public static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (isWordChar(c)) {
                int start = i;
                while (i < n && isWordChar(text.charAt(i))) {
                    i++;
                }
                out.add(text.substring(start, i));
            } else if (i + 1 < n && isPair(c, text.charAt(i + 1))) {
                out.add(text.substring(i, i + 2));
                i += 2;
            } else {
                out.add(String.valueOf(c));
                i++;
            }
        }
        return out;
    }

    private static boolean isPair(char c, char d) {
        return ((c == '&' || c == '|') && d == c) || ((c == '<' || c == '>' || c == '!' || c == '=') && d == '=');
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '/' || c == '@' || c == '_' || c == ':';
    }
}

package click.shell;

/**
 * Shell-style patterns over element and class names: {@code *} matches any run of characters,
 * {@code ?} one character, everything else itself ({@code /} included, so {@code p/*} lists a
 * compound's components).
 */
final class Glob {
    private Glob() {
    }

    static boolean matches(String pattern, String text) {
        return matches(pattern, 0, text, 0);
    }

    private static boolean matches(String p, int i, String t, int j) {
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '*') {
                for (int k = j; k <= t.length(); k++) {
                    if (matches(p, i + 1, t, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (j >= t.length() || (c != '?' && c != t.charAt(j))) {
                return false;
            }
            i++;
            j++;
        }
        return j == t.length();
    }
}

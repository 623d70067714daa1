package click.runtime.lang;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** "Did you mean" hints for misspelt class and element names. */
public final class Suggestions {
    private Suggestions() {
    }

    /** {@code " (did you mean 'Queue'?)"}, or empty when no candidate is close to {@code word}. */
    public static String didYouMean(String word, Collection<String> candidates) {
        List<String> close = new ArrayList<>();
        int best = Integer.MAX_VALUE;
        int limit = Math.max(1, Math.min(3, word.length() / 3));
        for (String c : candidates) {
            int d = c.equalsIgnoreCase(word) ? 0 : distance(word.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d > limit) {
                continue;
            }
            if (d < best) {
                best = d;
                close.clear();
            }
            if (d == best && close.size() < 3) {
                close.add(c);
            }
        }
        if (close.isEmpty()) {
            return "";
        }
        return " (did you mean '" + String.join("' or '", close) + "'?)";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

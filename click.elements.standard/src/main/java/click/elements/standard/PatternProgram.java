package click.elements.standard;

import click.api.Packet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Classifier's patterns compiled into a decision list of masked word comparisons, evaluated with no
 * allocation: flat arrays of words (offset, byte count, mask, value), clauses (a run of words that
 * must all match, possibly negated) and patterns (a run of clauses that must all hold, tried in
 * order).
 *
 * <p>Every word covers 1 to 4 packet bytes; its mask and value are left-aligned in an int, so a
 * 4-byte word is one {@link Packet#i32} load, one AND and one compare.
 *
 * <p>Invariants: the arrays never change after construction; a pattern's {@code minLength} is the
 * end of its furthest clause, so evaluation never reads past the packet's data.
 */
final class PatternProgram {
    private final int[] wordOffset;
    private final int[] wordBytes;
    private final int[] wordMask;
    private final int[] wordValue;
    private final int[] clauseFirstWord;
    private final int[] clauseEndWord;
    private final boolean[] clauseNegated;
    private final int[] patternFirstClause;
    private final int[] patternEndClause;
    private final int[] patternMinLength;
    /**
     * Where to go when pattern i's first clause is evaluated and fails: the next pattern whose first
     * clause differs, since the ones in between start with the same test and would fail it too
     * (Figure 2's two ARP patterns both start with 12/0806, so an IP packet tests it once).
     */
    private final int[] nextOnFirstClauseFailure;
    private final String[] patternText;

    private PatternProgram(List<int[]> words, List<int[]> clauses, List<int[]> patterns, List<String> texts) {
        int nw = words.size();
        wordOffset = new int[nw];
        wordBytes = new int[nw];
        wordMask = new int[nw];
        wordValue = new int[nw];
        for (int i = 0; i < nw; i++) {
            int[] w = words.get(i);
            wordOffset[i] = w[0];
            wordBytes[i] = w[1];
            wordMask[i] = w[2];
            wordValue[i] = w[3];
        }
        int nc = clauses.size();
        clauseFirstWord = new int[nc];
        clauseEndWord = new int[nc];
        clauseNegated = new boolean[nc];
        for (int i = 0; i < nc; i++) {
            int[] c = clauses.get(i);
            clauseFirstWord[i] = c[0];
            clauseEndWord[i] = c[1];
            clauseNegated[i] = c[2] != 0;
        }
        int np = patterns.size();
        patternFirstClause = new int[np];
        patternEndClause = new int[np];
        patternMinLength = new int[np];
        for (int i = 0; i < np; i++) {
            int[] p = patterns.get(i);
            patternFirstClause[i] = p[0];
            patternEndClause[i] = p[1];
            patternMinLength[i] = p[2];
        }
        patternText = texts.toArray(new String[0]);
        nextOnFirstClauseFailure = new int[np];
        for (int i = 0; i < np; i++) {
            int next = i + 1;
            while (next < np && sameFirstClause(i, next)) {
                next++;
            }
            nextOnFirstClauseFailure[i] = next;
        }
    }

    private boolean sameFirstClause(int a, int b) {
        if (patternFirstClause[a] == patternEndClause[a] || patternFirstClause[b] == patternEndClause[b]) {
            return false;
        }
        int ca = patternFirstClause[a];
        int cb = patternFirstClause[b];
        if (clauseNegated[ca] != clauseNegated[cb]
                || clauseEndWord[ca] - clauseFirstWord[ca] != clauseEndWord[cb] - clauseFirstWord[cb]) {
            return false;
        }
        for (int k = 0; k < clauseEndWord[ca] - clauseFirstWord[ca]; k++) {
            int wa = clauseFirstWord[ca] + k;
            int wb = clauseFirstWord[cb] + k;
            if (wordOffset[wa] != wordOffset[wb] || wordBytes[wa] != wordBytes[wb]
                    || wordMask[wa] != wordMask[wb] || wordValue[wa] != wordValue[wb]) {
                return false;
            }
        }
        return true;
    }

    /** Number of patterns (= outputs). */
    int size() {
        return patternText.length;
    }

    /** The index of the first pattern {@code p} matches, or -1. */
    int match(Packet p) {
        int len = p.length();
        int pi = 0;
        while (pi < patternMinLength.length) {
            if (len < patternMinLength[pi]) {
                pi++;
                continue;
            }
            int first = patternFirstClause[pi];
            int end = patternEndClause[pi];
            if (first < end && clauseMatches(p, first) == clauseNegated[first]) {
                pi = nextOnFirstClauseFailure[pi];
                continue;
            }
            int c = first + 1;
            while (c < end && clauseMatches(p, c) != clauseNegated[c]) {
                c++;
            }
            if (c >= end) {
                return pi;
            }
            pi++;
        }
        return -1;
    }

    private boolean clauseMatches(Packet p, int clause) {
        for (int w = clauseFirstWord[clause]; w < clauseEndWord[clause]; w++) {
            if ((load(p, wordOffset[w], wordBytes[w]) & wordMask[w]) != wordValue[w]) {
                return false;
            }
        }
        return true;
    }

    /** {@code n} bytes (1 to 4) at {@code off}, left-aligned in an int. */
    private static int load(Packet p, int off, int n) {
        switch (n) {
            case 4: return p.i32(off);
            case 2: return p.u16(off) << 16;
            default:
                int v = 0;
                for (int i = 0; i < n; i++) {
                    v = v << 8 | p.u8(off + i);
                }
                return v << (8 * (4 - n));
        }
    }

    /** The program as text, one pattern per line, for the {@code program} handler. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        for (int pi = 0; pi < patternText.length; pi++) {
            sb.append(pi).append(": ").append(patternText[pi]).append(" ->");
            if (patternFirstClause[pi] == patternEndClause[pi]) {
                sb.append(" any");
            }
            for (int c = patternFirstClause[pi]; c < patternEndClause[pi]; c++) {
                sb.append(c > patternFirstClause[pi] ? " and " : " ").append(clauseNegated[c] ? "not(" : "(");
                for (int w = clauseFirstWord[c]; w < clauseEndWord[c]; w++) {
                    int shift = 8 * (4 - wordBytes[w]);
                    String hexDigits = "%0" + (2 * wordBytes[w]) + "x";
                    sb.append(w > clauseFirstWord[c] ? " " : "").append(wordOffset[w]).append('/')
                      .append(String.format(Locale.ROOT, hexDigits, wordValue[w] >>> shift)).append('%')
                      .append(String.format(Locale.ROOT, hexDigits, wordMask[w] >>> shift));
                }
                sb.append(')');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Compiles Click's Classifier patterns. Each pattern is space-separated clauses
     * {@code [!]OFFSET/VALUE[%MASK]}, or {@code -} for "every packet". Collects every problem into
     * {@code errors} (one message each, naming the pattern) and returns null if there was any.
     */
    static PatternProgram compile(List<String> patterns, List<String> errors) {
        List<int[]> words = new ArrayList<>();
        List<int[]> clauses = new ArrayList<>();
        List<int[]> compiled = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        int before = errors.size();
        for (int pi = 0; pi < patterns.size(); pi++) {
            String text = patterns.get(pi).trim();
            String where = "pattern " + pi + " (\"" + text + "\")";
            int firstClause = clauses.size();
            int minLength = 0;
            if (text.isEmpty()) {
                errors.add("pattern " + pi + " is empty; use - to match every packet");
            } else if (!text.equals("-")) {
                boolean negateNext = false;
                for (String token : text.split("\\s+")) {
                    if (token.equals("!")) {
                        negateNext = !negateNext;
                        continue;
                    }
                    boolean negated = negateNext;
                    negateNext = false;
                    while (token.startsWith("!")) {
                        negated = !negated;
                        token = token.substring(1);
                    }
                    int firstWord = words.size();
                    int end = parseClause(token, where, words, errors);
                    if (end >= 0) {
                        clauses.add(new int[] {firstWord, words.size(), negated ? 1 : 0});
                        minLength = Math.max(minLength, end);
                    }
                }
                if (negateNext) {
                    errors.add(where + ": '!' must be followed by a clause");
                }
            }
            compiled.add(new int[] {firstClause, clauses.size(), minLength});
            texts.add(text);
        }
        return errors.size() == before ? new PatternProgram(words, clauses, compiled, texts) : null;
    }

    /**
     * Parses {@code OFFSET/VALUE[%MASK]} into words appended to {@code words}; returns the byte just
     * past the clause, or -1 after recording an error.
     */
    private static int parseClause(String token, String where, List<int[]> words, List<String> errors) {
        int slash = token.indexOf('/');
        if (slash <= 0) {
            errors.add(where + ": expected OFFSET/VALUE[%MASK], got \"" + token + "\"");
            return -1;
        }
        String offsetText = token.substring(0, slash);
        int offset;
        if (!offsetText.chars().allMatch(Character::isDigit) || offsetText.length() > 9) {
            errors.add(where + ": expected a decimal offset, got \"" + offsetText + "\" in \"" + token + "\"");
            return -1;
        }
        offset = Integer.parseInt(offsetText);
        String rest = token.substring(slash + 1);
        int pct = rest.indexOf('%');
        String valueText = pct < 0 ? rest : rest.substring(0, pct);
        String maskText = pct < 0 ? null : rest.substring(pct + 1);
        if (valueText.isEmpty()) {
            errors.add(where + ": missing value after '/' in \"" + token + "\"");
            return -1;
        }
        if (valueText.length() % 2 != 0) {
            errors.add(where + ": value \"" + valueText + "\" has an odd number of hex digits");
            return -1;
        }
        if (maskText != null && maskText.length() != valueText.length()) {
            errors.add(where + ": mask \"" + maskText + "\" must have as many hex digits as value \""
                    + valueText + "\"");
            return -1;
        }
        int nbytes = valueText.length() / 2;
        byte[] value = new byte[nbytes];
        byte[] mask = new byte[nbytes];
        for (int i = 0; i < valueText.length(); i++) {
            char c = valueText.charAt(i);
            int shift = i % 2 == 0 ? 4 : 0;
            int m = 0xF;
            int v;
            if (c == '?') {
                m = 0;
                v = 0;
            } else {
                v = Character.digit(c, 16);
                if (v < 0) {
                    errors.add(where + ": bad hex digit '" + c + "' in value \"" + valueText + "\"");
                    return -1;
                }
            }
            if (maskText != null) {
                int mm = Character.digit(maskText.charAt(i), 16);
                if (mm < 0) {
                    errors.add(where + ": bad hex digit '" + maskText.charAt(i) + "' in mask \"" + maskText + "\"");
                    return -1;
                }
                m &= mm;
            }
            mask[i / 2] |= (byte) (m << shift);
            value[i / 2] |= (byte) ((v & m) << shift);
        }
        for (int start = 0; start < nbytes; start += 4) {
            int n = Math.min(4, nbytes - start);
            int m = 0;
            int v = 0;
            for (int i = 0; i < 4; i++) {
                m = m << 8 | (i < n ? mask[start + i] & 0xFF : 0);
                v = v << 8 | (i < n ? value[start + i] & 0xFF : 0);
            }
            words.add(new int[] {offset + start, n, m, v});
        }
        return offset + nbytes;
    }
}

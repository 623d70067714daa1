package click.shell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A text table as the shell commands return it: a header row and data rows, columns left-aligned
 * and separated by two spaces, numeric columns right-aligned, no trailing blanks. Cells never
 * contain line breaks (they become spaces), so every row is one line.
 *
 * <p>Thread ownership: made and rendered by one command call.
 */
final class Table {
    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        this.header = header.clone();
    }

    /** Adds a row; {@code cells} must match the header's width. */
    Table row(Object... cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + header.length
                    + " columns");
        }
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = String.valueOf(cells[i]).replace('\n', ' ').replace('\t', ' ').strip();
        }
        rows.add(text);
        return this;
    }

    int size() {
        return rows.size();
    }

    /** The rendered table, one line per row (the header first), each ending in a newline. */
    @Override
    public String toString() {
        int[] width = new int[header.length];
        boolean[] numeric = new boolean[header.length];
        Arrays.fill(numeric, !rows.isEmpty());
        for (int c = 0; c < header.length; c++) {
            width[c] = header[c].length();
            for (String[] r : rows) {
                width[c] = Math.max(width[c], r[c].length());
                numeric[c] &= isNumber(r[c]);
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, width, numeric);
        for (String[] r : rows) {
            line(sb, r, width, numeric);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] width, boolean[] numeric) {
        int start = sb.length();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                sb.append("  ");
            }
            String pad = " ".repeat(width[c] - cells[c].length());
            if (numeric[c]) {
                sb.append(pad).append(cells[c]);
            } else {
                sb.append(cells[c]).append(pad);
            }
        }
        int end = sb.length();
        while (end > start && sb.charAt(end - 1) == ' ') {
            end--;
        }
        sb.setLength(end);
        sb.append('\n');
    }

    /** Counts and costs ("1204331", "40.9", "-"): right-aligned so digits line up. */
    private static boolean isNumber(String s) {
        if (s.equals("-")) {
            return true;
        }
        if (s.isEmpty()) {
            return false;
        }
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isDigit(ch)) {
                digit = true;
            } else if (ch != '.' && !(ch == '-' && i == 0)) {
                return false;
            }
        }
        return digit;
    }
}

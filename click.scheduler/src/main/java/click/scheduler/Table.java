package click.scheduler;

import java.util.List;
import java.util.Locale;

/** Plain-text tables for the driver's reports: columns two spaces apart, names left, numbers right. */
final class Table {
    private Table() {
    }

    /** {@code rows} (the first is the header) with the first {@code leftColumns} columns left-aligned. */
    static String format(List<String[]> rows, int leftColumns) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String format = c < leftColumns ? "%-" + width[c] + "s" : "%" + width[c] + "s";
                line.append(c == 0 ? "" : "  ").append(String.format(Locale.ROOT, format, row[c]));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }
}

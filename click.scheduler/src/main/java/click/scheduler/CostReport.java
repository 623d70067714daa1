package click.scheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Formats the task cost table, after the paper's Table 1: one row per task, grouped by thread,
 * with its runs, packets (work units), and sampled nanoseconds per run and per packet.
 * <pre>
 * task        class          thread       calls     packets   ns/call  ns/packet
 * src         InfiniteSource      0     1204331    38538592    1310.2       40.9
 * uq          Unqueue             1     9911320    38538590     410.7      105.6
 * </pre>
 * A task that is asleep has {@code (sleeping)} after its name; "-" stands for not measured yet.
 */
final class CostReport {
    private CostReport() {
    }

    static String format(List<SmpTask> tasks) {
        List<SmpTask> rows = new ArrayList<>(tasks);
        rows.sort(Comparator.comparingInt(SmpTask::thread));
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"task", "class", "thread", "calls", "packets", "ns/call", "ns/packet"});
        for (SmpTask t : rows) {
            cells.add(new String[] {
                t.label() + (t.isScheduled() ? "" : " (sleeping)"),
                t.owner() == null ? "-" : t.owner().className(),
                Integer.toString(t.thread()),
                Long.toString(t.calls()),
                Long.toString(t.work()),
                number(t.nsPerCall()),
                number(t.nsPerUnit())
            });
        }
        return Table.format(cells, 2);
    }

    private static String number(double ns) {
        return ns > 0 ? String.format(Locale.ROOT, "%.1f", ns) : "-";
    }
}

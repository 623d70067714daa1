package click.scheduler;

import click.api.StageMeter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Formats the per-stage cost table, after the paper's Table 1: for each stage and router thread
 * that spent measured time in it, how often the stage was entered, the time per entry, the time per
 * packet, and the share of that thread's measured time.
 * <pre>
 * stage    thread  events  ns/event  ns/packet  %thread
 * receive       0    9120      41.3       42.0     38.1
 * push          0       -         -        9.9      9.0
 * enqueue       0    9120      57.8       58.7     52.9
 * dequeue       1    9404      49.0       51.3     40.2
 * push          1       -         -       27.0     21.2
 * free          1    8977      52.1       52.1     38.6
 * total                                  241.0
 * 9120 packets in 2209 measured runs
 * </pre>
 * Packets: the most entries of any per-packet stage (receive, enqueue, transmit, free) over all
 * threads, so "ns/packet" is per packet passing through, whichever thread handled which part; the
 * total is what one packet costs the router. "push" has no entries: it is the time no element
 * marked (see {@link StageMeter}). Nothing measured yet: only the header and a note. Runs dropped
 * as preempted (over {@link StageMeter#LONGEST_RUN_NANOS}) are counted on the last line.
 */
final class StageReport {
    private static final int[] PER_PACKET = {StageMeter.RECEIVE, StageMeter.ENQUEUE, StageMeter.TRANSMIT, StageMeter.FREE};

    private StageReport() {
    }

    static String format(List<StageMeter> threads) {
        long packets = 0;
        for (int s : PER_PACKET) {
            long n = 0;
            for (StageMeter m : threads) {
                n += m.events(s);
            }
            packets = Math.max(packets, n);
        }
        long runs = 0;
        long discarded = 0;
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"stage", "thread", "events", "ns/event", "ns/packet", "%thread"});
        double total = 0;
        for (int t = 0; t < threads.size(); t++) {
            StageMeter m = threads.get(t);
            runs += m.runs();
            discarded += m.discardedRuns();
            long threadNanos = 0;
            for (int s = 0; s < StageMeter.STAGES; s++) {
                threadNanos += m.nanos(s);
            }
            for (int s = 0; s < StageMeter.STAGES; s++) {
                long ns = m.nanos(s);
                if (ns == 0) {
                    continue;
                }
                long events = m.events(s);
                double perPacket = packets > 0 ? (double) ns / packets : 0;
                total += perPacket;
                cells.add(new String[] {
                    StageMeter.name(s),
                    Integer.toString(t),
                    s == StageMeter.PUSH ? "-" : Long.toString(events),
                    s == StageMeter.PUSH || events == 0 ? "-" : number((double) ns / events),
                    packets > 0 ? number(perPacket) : "-",
                    number(100.0 * ns / threadNanos)
                });
            }
        }
        if (packets > 0) {
            cells.add(new String[] {"total", "", "", "", number(total), ""});
        }
        StringBuilder b = new StringBuilder(Table.format(cells, 1));
        b.append(runs == 0 ? "no run measured yet" : packets + " packets in " + runs + " measured runs");
        b.append(discarded == 0 ? "\n" : " (" + discarded + " more dropped as preempted: over 1 ms)\n");
        return b.toString();
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}

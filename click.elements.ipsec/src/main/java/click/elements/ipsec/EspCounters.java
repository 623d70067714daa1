package click.elements.ipsec;

import click.api.DropCounters;
import click.api.HandlerRegistry;
import click.api.Tally;

/**
 * What both ESP elements count: packets passed and packets dropped by reason, with the handlers
 * {@code count}, {@code drops}, {@code drop_details} and {@code reset_counts}.
 *
 * <p>Thread ownership: any thread; the counters are a Tally and atomic per-reason counts.
 */
final class EspCounters<R extends Enum<R>> {
    private final DropCounters<R> drops;
    private final Tally passed = new Tally();

    EspCounters(Class<R> reasons) {
        this.drops = new DropCounters<>(reasons);
    }

    void passed() {
        passed.increment();
    }

    void dropped(R reason) {
        drops.count(reason);
    }

    long drops(R reason) {
        return drops.get(reason);
    }

    void addHandlers(HandlerRegistry h) {
        h.read("count", () -> Long.toString(passed.sum()))
         .read("drops", () -> Long.toString(drops.total()))
         .read("drop_details", drops::details)
         .write("reset_counts", v -> {
             passed.reset();
             drops.reset();
         });
    }
}

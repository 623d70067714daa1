package click.api;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One counter per drop reason, for elements that drop packets for several reasons (CheckIPHeader,
 * IPRewriter, ESP decapsulation). Reasons are an enum whose {@code toString()} is the text users
 * read; tests assert on the counters by reason.
 * <pre>{@code
 *   enum Reason { BAD_CHECKSUM("bad IP checksum"), ...; }
 *   drops.count(Reason.BAD_CHECKSUM);
 *   h.read("drop_details", drops::details);
 * }</pre>
 * Counting is an atomic increment: drops are rare, so the cost is off the common path.
 */
public final class DropCounters<E extends Enum<E>> {
    private final E[] reasons;
    private final AtomicLongArray counts;

    public DropCounters(Class<E> reasonType) {
        this.reasons = reasonType.getEnumConstants();
        this.counts = new AtomicLongArray(reasons.length);
    }

    public void count(E reason) {
        counts.incrementAndGet(reason.ordinal());
    }

    public long get(E reason) {
        return counts.get(reason.ordinal());
    }

    public long total() {
        long t = 0;
        for (int i = 0; i < reasons.length; i++) {
            t += counts.get(i);
        }
        return t;
    }

    public void reset() {
        for (int i = 0; i < reasons.length; i++) {
            counts.set(i, 0);
        }
    }

    /** One line per reason: {@code count<TAB>name<TAB>text}, in declaration order. */
    public String details() {
        StringBuilder sb = new StringBuilder();
        for (E r : reasons) {
            sb.append(counts.get(r.ordinal())).append('\t').append(r.name().toLowerCase(java.util.Locale.ROOT))
              .append('\t').append(r).append('\n');
        }
        return sb.toString();
    }
}

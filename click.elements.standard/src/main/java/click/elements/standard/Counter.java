package click.elements.standard;

import click.api.Arg;
import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementContext;
import click.api.ElementInfo;
import click.api.HandlerException;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.Tally;

/**
 * <h2>Counter</h2>
 * <b>Synopsis:</b> {@code Counter([KEYWORDS])}
 * <p><b>Counts packets and bytes passing through.</b> Category: counters. Ports: 1 input, 1 output,
 * agnostic.
 *
 * <p><b>Processing:</b> every packet passes unchanged from input 0 to output 0; its length is added
 * to byte_count.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>COUNT_CALL</dt><dd>{@code N HANDLER [VALUE]}, optional: when the packet count reaches N,
 * write VALUE (default empty) to the write handler HANDLER (e.g. {@code stop}, or
 * {@code src.active false}), once.</dd>
 * <dt>BYTE_COUNT_CALL</dt><dd>{@code N HANDLER [VALUE]}, optional: the same for the byte count
 * reaching or passing N.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>count (read)</dt><dd>packets seen.</dd>
 * <dt>byte_count (read)</dt><dd>bytes seen (packet lengths at this point of the graph).</dd>
 * <dt>rate (read)</dt><dd>packets per second since the last reset (or start).</dd>
 * <dt>byte_rate, bit_rate (read)</dt><dd>bytes and bits per second since the last reset (or start).</dd>
 * <dt>reset, reset_counts (write)</dt><dd>set both counts to 0, restart the rate clock and re-arm
 * the count calls.</dd>
 * <dt>count_call, byte_count_call (write)</dt><dd>a new COUNT_CALL or BYTE_COUNT_CALL, armed at
 * once; an empty write removes it.</dd>
 * </dl>
 *
 * <p><b>Hot-swap:</b> a Counter of the same name in the new configuration goes on from this one's
 * counts and rate clock (its count calls are the new configuration's).
 * <p>Under several threads the counts use {@link Tally}, so pushing threads never contend.
 * <p><b>Example:</b> {@code FromDump(in.pcap) -> c :: Counter -> Discard;} then read {@code c.count}.
 * <p><b>See also:</b> Discard, Queue.
 */
@ElementInfo(ports = "1/1", processing = "a/a", category = "counters")
public final class Counter extends Element {
    private final Tally count = new Tally();
    private final Tally bytes = new Tally();
    private volatile long since;
    private volatile CountTrigger countCall;
    private volatile CountTrigger byteCall;

    @Override
    public void configure(Args args) throws ConfigException {
        CountTrigger cc = trigger(args.optional("COUNT_CALL"), args);
        CountTrigger bc = trigger(args.optional("BYTE_COUNT_CALL"), args);
        args.complete();
        countCall = cc;
        byteCall = bc;
    }

    private static CountTrigger trigger(Arg arg, Args args) {
        if (!arg.present()) {
            return null;
        }
        try {
            return CountTrigger.parse(arg.raw());
        } catch (IllegalArgumentException e) {
            args.error(arg.name() + ": " + e.getMessage());
            return null;
        }
    }

    private static CountTrigger trigger(String text) throws HandlerException {
        try {
            return text.isBlank() ? null : CountTrigger.parse(text);
        } catch (IllegalArgumentException e) {
            throw new HandlerException(e.getMessage());
        }
    }

    @Override
    public void initialize(ElementContext ctx) {
        since = ctx.clock().nanoTime();
    }

    @Override
    protected Packet simpleAction(Packet p) {
        count.increment();
        bytes.add(p.length());
        // Summing the adders costs a little, so only when a count call is armed.
        CountTrigger cc = countCall;
        if (cc != null) {
            cc.check(count.sum(), this);
        }
        CountTrigger bc = byteCall;
        if (bc != null) {
            bc.check(bytes.sum(), this);
        }
        return p;
    }

    public long count() {
        return count.sum();
    }

    @Override
    public void takeState(Element old) {
        if (old instanceof Counter) {
            Counter from = (Counter) old;
            count.add(from.count.sum());
            bytes.add(from.bytes.sum());
            since = from.since;
        } else if (sameElementClass(old)) { // a Counter of another version of this bundle
            count.add(HandlerValues.readFromOld(this, old, "count"));
            bytes.add(HandlerValues.readFromOld(this, old, "byte_count"));
        }
    }

    private void reset() {
        count.reset();
        bytes.reset();
        since = context().clock().nanoTime();
        CountTrigger cc = countCall;
        CountTrigger bc = byteCall;
        countCall = cc == null ? null : cc.rearmed();
        byteCall = bc == null ? null : bc.rearmed();
    }

    /** {@code amount} per second of the clock since the last reset, with one decimal. */
    private String perSecond(long amount) {
        long elapsed = context().clock().nanoTime() - since;
        return elapsed <= 0 ? "0" : String.format(java.util.Locale.ROOT, "%.1f", amount * 1e9 / elapsed);
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("count", () -> Long.toString(count.sum()))
         .read("byte_count", () -> Long.toString(bytes.sum()))
         .read("rate", () -> perSecond(count.sum()))
         .read("byte_rate", () -> perSecond(bytes.sum()))
         .read("bit_rate", () -> perSecond(bytes.sum() * 8))
         .write("reset", v -> reset())
         .write("reset_counts", v -> reset())
         .write("count_call", v -> countCall = trigger(v))
         .write("byte_count_call", v -> byteCall = trigger(v));
    }
}

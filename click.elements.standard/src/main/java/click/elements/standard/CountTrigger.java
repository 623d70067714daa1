package click.elements.standard;

import click.api.ConfigText;
import click.api.Element;
import click.api.HandlerException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counter's COUNT_CALL and BYTE_COUNT_CALL: "when the count reaches N, write VALUE to HANDLER", once
 * per arming. A new trigger (configuration, handler write, reset) is a new object, armed afresh.
 *
 * <p>Thread ownership: {@link #check} from any pushing thread; the compare-and-set on {@code fired}
 * makes exactly one of them call the handler.
 */
final class CountTrigger {
    private final long threshold;
    private final String handler;
    private final String value;
    private final AtomicBoolean fired = new AtomicBoolean();

    private CountTrigger(long threshold, String handler, String value) {
        this.threshold = threshold;
        this.handler = handler;
        this.value = value;
    }

    /** Parses {@code N HANDLER [VALUE]}; throws {@link IllegalArgumentException} with what was expected. */
    static CountTrigger parse(String text) {
        String[] parts = text.trim().split("\\s+", 3);
        if (parts.length < 2) {
            throw new IllegalArgumentException("expected \"N HANDLER [VALUE]\", got \"" + text.trim() + "\"");
        }
        long n;
        try {
            n = ConfigText.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0) {
            throw new IllegalArgumentException("expected a count (an integer >= 0) first, got \"" + parts[0] + "\"");
        }
        return new CountTrigger(n, parts[1], parts.length == 3 ? ConfigText.unquote(parts[2]) : "");
    }

    /** The same trigger, armed again. */
    CountTrigger rearmed() {
        return new CountTrigger(threshold, handler, value);
    }

    /** Calls the handler, once, when {@code count} has reached the threshold. */
    void check(long count, Element owner) {
        if (count >= threshold && !fired.get() && fired.compareAndSet(false, true)) {
            try {
                owner.context().handlers().write(handler, value);
            } catch (HandlerException e) {
                owner.context().message(owner, "count call to " + handler + " failed: " + e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return threshold + " " + handler + (value.isEmpty() ? "" : " " + value);
    }
}

package click.elements.standard;

import click.api.ConfigText;
import click.api.Element;
import click.api.HandlerException;

/** Parses values written to handlers, with messages that say what was expected and what was given. */
final class HandlerValues {
    private HandlerValues() {
    }

    static boolean parseBool(String text) throws HandlerException {
        try {
            return ConfigText.parseBool(text);
        } catch (IllegalArgumentException e) {
            throw new HandlerException(e.getMessage());
        }
    }

    /** An integer in {@code [min, max]}; {@code what} describes it for the error message. */
    static long parseLong(String text, long min, long max, String what) throws HandlerException {
        try {
            long v = ConfigText.parseLong(text);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below, with what was expected
        }
        throw new HandlerException("expected " + what + ", got \"" + text.trim() + "\"");
    }

    static int parseInt(String text, int min, int max, String what) throws HandlerException {
        return (int) parseLong(text, min, max, what);
    }

    /**
     * The number an old element's read handler gives, for {@code takeState} from an element of the
     * same class loaded from another version of this bundle (which cannot be cast); 0, with a note
     * in the router's log, if it cannot be read.
     */
    static long readFromOld(Element taker, Element old, String handler) {
        try {
            return Long.parseLong(old.context().handlers().read(old.name() + "." + handler).trim());
        } catch (HandlerException | RuntimeException e) {
            taker.context().message(taker, "the old " + old.name() + " :: " + old.className()
                    + " did not hand over " + handler + " (" + e.getMessage() + "); counting afresh");
            return 0;
        }
    }
}

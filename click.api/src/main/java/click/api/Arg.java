package click.api;

import click.api.net.EtherAddress;
import click.api.net.IPAddress;
import click.api.net.IPPrefix;

/**
 * One argument as found by {@link Args}, with typed readers. A reader given a default returns it
 * when the argument is absent; a bad value records an error in the {@link Args} (reported by
 * {@link Args#complete()}) and returns the default, so parsing goes on and every problem is found.
 */
public final class Arg {
    private final Args args;
    private final String name;
    private final String raw;

    Arg(Args args, String name, String raw) {
        this.args = args;
        this.name = name;
        this.raw = raw;
    }

    /** The argument's name as the element reads it (CAPACITY, LIMIT, ...). */
    public String name() {
        return name;
    }

    /** The text as written (after the keyword), or null when absent. */
    public String raw() {
        return raw;
    }

    public boolean present() {
        return raw != null;
    }

    private <T> T bad(String expected, T dflt) {
        args.error(this, expected);
        return dflt;
    }

    /** The argument unquoted as text (Click's string: quotes removed, escapes processed). */
    public String asString(String dflt) {
        if (raw == null) {
            return dflt;
        }
        try {
            return ConfigText.unquote(raw);
        } catch (IllegalArgumentException e) {
            return bad("a string (" + e.getMessage() + ")", dflt);
        }
    }

    /** One word: no spaces, no quotes. */
    public String asWord(String dflt) {
        if (raw == null) {
            return dflt;
        }
        String s = asString(dflt);
        return s == null || s.isEmpty() || s.chars().anyMatch(Character::isWhitespace) ? bad("one word", dflt) : s;
    }

    /** Raw bytes: a quoted string, {@code \<hex>} data, or a mix (Click's DATA syntax). */
    public byte[] asBytes(byte[] dflt) {
        if (raw == null) {
            return dflt;
        }
        try {
            return ConfigText.unquoteBytes(raw);
        } catch (IllegalArgumentException e) {
            return bad("data (" + e.getMessage() + ")", dflt);
        }
    }

    public long asLong(long dflt) {
        if (raw == null) {
            return dflt;
        }
        try {
            return ConfigText.parseLong(raw);
        } catch (NumberFormatException e) {
            return bad("an integer", dflt);
        }
    }

    public int asInt(int dflt) {
        long v = asLong(dflt);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            return bad("an integer within 32 bits", dflt);
        }
        return (int) v;
    }

    /** An integer of at least {@code min}. */
    public int asInt(int dflt, int min, int max) {
        if (raw == null) {
            return dflt;
        }
        String range = max == Integer.MAX_VALUE ? "an integer >= " + min : "an integer from " + min + " to " + max;
        long v;
        try {
            v = ConfigText.parseLong(raw);
        } catch (NumberFormatException e) {
            return bad(range, dflt);  // one message, naming the range, for text that is not a number at all
        }
        return v < min || v > max ? bad(range, dflt) : (int) v;
    }

    public double asDouble(double dflt) {
        if (raw == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            return bad("a number", dflt);
        }
    }

    /** true/false, yes/no, 1/0, on/off. */
    public boolean asBool(boolean dflt) {
        if (raw == null) {
            return dflt;
        }
        try {
            return ConfigText.parseBool(raw);
        } catch (IllegalArgumentException e) {
            return bad("true or false", dflt);
        }
    }

    /** A duration in nanoseconds: {@code 1}, {@code 1.5s}, {@code 200ms}, {@code 10us}, {@code 5m}; bare numbers are seconds. */
    public long asTimeNanos(long dflt) {
        if (raw == null) {
            return dflt;
        }
        try {
            return ConfigText.parseTimeNanos(raw);
        } catch (IllegalArgumentException e) {
            return bad("a time (like 1s, 200ms, 10us)", dflt);
        }
    }

    /** A bandwidth in bytes per second: {@code 10Mbps}, {@code 1.5MBps}, {@code 100kbps}, {@code 1Gbps}; bare numbers are bytes per second. */
    public double asBandwidth(double dflt) {
        if (raw == null) {
            return dflt;
        }
        try {
            return ConfigText.parseBandwidth(raw);
        } catch (IllegalArgumentException e) {
            return bad("a bandwidth (like 10Mbps, 1MBps)", dflt);
        }
    }

    /** An IPv4 address in dotted-quad form, as a 32-bit int. */
    public int asIPv4(int dflt) {
        if (raw == null) {
            return dflt;
        }
        try {
            return IPAddress.parse(raw.trim());
        } catch (IllegalArgumentException e) {
            return bad("an IPv4 address", dflt);
        }
    }

    /** An IPv4 prefix: {@code 192.0.2.0/24}, {@code 192.0.2.0/255.255.255.0} or {@code 192.0.2.0 255.255.255.0}. */
    public IPPrefix asIPv4Prefix(IPPrefix dflt) {
        if (raw == null) {
            return dflt;
        }
        try {
            return IPPrefix.parse(raw.trim());
        } catch (IllegalArgumentException e) {
            return bad("an IPv4 prefix (like 192.0.2.0/24)", dflt);
        }
    }

    /** An Ethernet address {@code 00:11:22:33:44:55} (or with dashes), as a 48-bit long. */
    public long asEther(long dflt) {
        if (raw == null) {
            return dflt;
        }
        try {
            return EtherAddress.parse(raw.trim());
        } catch (IllegalArgumentException e) {
            return bad("an Ethernet address", dflt);
        }
    }

    /** The element named by this argument, which must be of class {@code type}. */
    public <T> T asElement(Class<T> type, T dflt) {
        if (raw == null) {
            return dflt;
        }
        Element e = args.resolve(raw.trim());
        if (e == null) {
            return bad("the name of an element", dflt);
        }
        if (!type.isInstance(e)) {
            return bad("an element of class " + type.getSimpleName() + " (" + raw.trim() + " is "
                    + e.className() + ")", dflt);
        }
        return type.cast(e);
    }

    @Override
    public String toString() {
        return name + "=" + raw;
    }
}

package click.elements.standard;

import click.api.Arg;
import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.Packet;
import java.util.Locale;

/**
 * <h2>Print</h2>
 * <b>Synopsis:</b> {@code Print([LABEL, MAXLENGTH, KEYWORDS])}
 * <p><b>Prints a line for every packet passing through.</b> Category: debugging. Ports: 1 input,
 * 1 output, agnostic.
 *
 * <p><b>Processing:</b> writes one message to the router's log per packet, then passes the packet on
 * unchanged. The line reads {@code LABEL: LEN | DATA}: the label (and its colon) only when LABEL is
 * not empty, then, with TIMESTAMP true, the packet's timestamp in seconds since 1970 and a colon,
 * the packet length right-aligned in 4 columns, a bar, and the first MAXLENGTH data bytes. In HEX
 * the bytes are printed as two hex digits each, in groups of 4 bytes; e.g.
 * {@code in:   60 | 02000000 00010200 00000002 0800}.
 *
 * <p>Print builds a string per packet: it is for watching a router, not for the fast path.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>LABEL</dt><dd>string, default empty: printed first on every line.</dd>
 * <dt>MAXLENGTH</dt><dd>integer, default 24: most data bytes printed; negative prints the whole
 * packet. LENGTH is another name for it.</dd>
 * <dt>CONTENTS</dt><dd>{@code HEX} (default), {@code ASCII} (printable characters as they are,
 * others as {@code .}) or {@code NONE}; true and false mean HEX and NONE.</dd>
 * <dt>TIMESTAMP</dt><dd>boolean, default false: print the timestamp annotation.</dd>
 * <dt>HEADROOM</dt><dd>boolean, default false: print {@code (h HEADROOM t TAILROOM)} after the
 * length.</dd>
 * <dt>ACTIVE</dt><dd>boolean, default true: print at all.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>active (read/write)</dt><dd>ACTIVE.</dd>
 * </dl>
 *
 * <p><b>Annotations used:</b> timestamp (with TIMESTAMP true).
 *
 * <p><b>Differences from Click:</b> PRINTANNO and CPU are not supported. Timestamps print with
 * microseconds, as Click does by default.
 *
 * <p><b>Example:</b> {@code FromDump(in.pcap) -> Print(in, 32, TIMESTAMP true) -> Discard;}
 * <p><b>See also:</b> Counter, ToDump.
 */
@ElementInfo(ports = "1/1", processing = "a/a", category = "debugging")
public final class Print extends Element {
    private enum Contents { HEX, ASCII, NONE }

    private String label = "";
    private int maxLength = 24;
    private Contents contents = Contents.HEX;
    private boolean timestamp;
    private boolean headroom;
    private volatile boolean active = true;

    @Override
    public void configure(Args args) throws ConfigException {
        String lab = args.positional("LABEL").asString("");
        int max = args.positional("MAXLENGTH").asInt(24);
        max = args.optional("LENGTH").asInt(max);
        Contents con = contents(args.optional("CONTENTS"), args);
        boolean ts = args.optional("TIMESTAMP").asBool(false);
        boolean head = args.optional("HEADROOM").asBool(false);
        boolean act = args.optional("ACTIVE").asBool(true);
        args.complete();
        label = lab;
        maxLength = max < 0 ? Integer.MAX_VALUE : max;
        contents = con;
        timestamp = ts;
        headroom = head;
        active = act;
    }

    private static Contents contents(Arg arg, Args args) {
        if (!arg.present()) {
            return Contents.HEX;
        }
        String v = arg.raw().trim().toUpperCase(Locale.ROOT);
        switch (v) {
            case "HEX": case "TRUE": return Contents.HEX;
            case "ASCII": return Contents.ASCII;
            case "NONE": case "FALSE": return Contents.NONE;
            default:
                args.error("expected HEX, ASCII or NONE for CONTENTS, got \"" + arg.raw().trim() + "\"");
                return Contents.HEX;
        }
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (active) {
            context().message(this, line(p));
        }
        return p;
    }

    String line(Packet p) {
        StringBuilder sb = new StringBuilder(label.length() + 32 + 3 * Math.min(maxLength, p.length()));
        if (!label.isEmpty()) {
            sb.append(label).append(": ");
        }
        if (timestamp) {
            long ns = p.timestamp();
            sb.append(ns / 1_000_000_000L).append('.')
              .append(String.format(Locale.ROOT, "%06d", ns % 1_000_000_000L / 1000)).append(": ");
        }
        sb.append(String.format(Locale.ROOT, "%4d", p.length()));
        if (headroom) {
            sb.append(" (h").append(p.headroom()).append(" t").append(p.tailroom()).append(')');
        }
        sb.append(" |");
        int n = Math.min(maxLength, p.length());
        if (contents == Contents.HEX) {
            for (int i = 0; i < n; i++) {
                if (i % 4 == 0) {
                    sb.append(' ');
                }
                sb.append(Character.forDigit(p.u8(i) >> 4, 16)).append(Character.forDigit(p.u8(i) & 15, 16));
            }
        } else if (contents == Contents.ASCII && n > 0) {
            sb.append(' ');
            for (int i = 0; i < n; i++) {
                int c = p.u8(i);
                sb.append(c >= 32 && c < 127 ? (char) c : '.');
            }
        }
        return sb.toString();
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.readWrite("active", () -> Boolean.toString(active), v -> active = HandlerValues.parseBool(v));
    }
}

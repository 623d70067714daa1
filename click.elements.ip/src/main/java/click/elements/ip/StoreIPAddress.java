package click.elements.ip;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementInfo;
import click.api.Packet;
import click.api.Tally;
import click.api.net.Headers;
import click.api.net.IPv4;

/**
 * <h2>StoreIPAddress</h2>
 * <b>Synopsis:</b> {@code StoreIPAddress(OFFSET)} or {@code StoreIPAddress(ADDR, OFFSET)}
 * <p><b>Writes an IP address into the packet.</b> Category: IP. Ports: 1 input, 1 or 2 outputs;
 * agnostic input and first output, push second output.
 *
 * <p><b>Processing:</b> writes ADDR, or without ADDR the destination IP address annotation, at data
 * offset OFFSET. OFFSET may also be {@code src} or {@code dst}: then the address goes into that
 * field of the IP header (found by the network header annotation), and the IP header checksum and
 * any TCP or UDP checksum are updated incrementally (RFC 1624). A packet too short for the write
 * leaves on output 1 if connected, else is dropped.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>ADDR</dt><dd>IP address, optional: the address to store instead of the annotation.</dd>
 * <dt>OFFSET</dt><dd>unsigned integer, {@code src} or {@code dst}, required.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>drops (read)</dt><dd>packets too short to write into.</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> uses the destination IP address (without ADDR) and the network header.
 * <p><b>Example:</b> {@code GetIPAddress(16) -> ... -> StoreIPAddress(dst)}
 * <p><b>See also:</b> GetIPAddress, SetIPAddress.
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah", category = "IP")
public final class StoreIPAddress extends Element {
    /** OFFSET values meaning a field of the IP header rather than a data offset. */
    private static final int SRC_FIELD = -1, DST_FIELD = -2;

    private final Tally drops = new Tally();
    private boolean fixed;
    private int addr;
    private int offset;

    @Override
    public void configure(Args args) throws ConfigException {
        boolean hasAddr = args.size() >= 2;
        int a = hasAddr ? args.requiredPositional("ADDR").asIPv4(0) : 0;
        String off = args.requiredPositional("OFFSET").asWord("0");
        int o = 0;
        if (off.equals("src")) {
            o = SRC_FIELD;
        } else if (off.equals("dst")) {
            o = DST_FIELD;
        } else {
            try {
                o = Integer.parseUnsignedInt(off);
            } catch (NumberFormatException e) {
                args.error("expected an unsigned integer, src or dst for OFFSET, got \"" + off + "\"");
            }
        }
        args.complete();
        fixed = hasAddr;
        addr = a;
        offset = o;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int value = fixed ? addr : p.dstIp();
        if (offset >= 0) {
            if (p.length() < offset + 4) {
                return drop(p);
            }
            p.setI32(offset, value);
            return p;
        }
        int ip = IPv4.headerOffset(p);
        if (!IPv4.hasHeader(p, ip)) {
            return drop(p);
        }
        IPv4.setAddress(p, ip, offset == SRC_FIELD ? Headers.IP_SRC : Headers.IP_DST, value);
        return p;
    }

    private Packet drop(Packet p) {
        drops.increment();
        checkedPush(1, p);
        return null;
    }

    @Override
    public void addHandlers(click.api.HandlerRegistry h) {
        h.read("drops", () -> Long.toString(drops.sum()));
    }
}

package click.elements.ip;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementInfo;
import click.api.HandlerException;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.Tally;
import click.api.net.Checksum;
import click.api.net.Headers;
import click.api.net.IPv4;

/**
 * <h2>SetIPDSCP</h2>
 * <b>Synopsis:</b> {@code SetIPDSCP(DSCP)}
 * <p><b>Sets the IP differentiated services code point.</b> Category: IP. Ports: 1 input, 1 output,
 * agnostic.
 *
 * <p><b>Processing:</b> replaces the upper six bits of the TOS byte with DSCP, keeping the two ECN
 * bits, and updates the header checksum incrementally (RFC 1624).
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>DSCP</dt><dd>integer 0 to 63, required (46 is expedited forwarding).</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>dscp (read/write)</dt><dd>the code point.</dd>
 * <dt>drops (read)</dt><dd>packets too short for their IP header (killed).</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> uses the network header (the data start if unset).
 * <p><b>Example:</b> {@code IPClassifier(udp dst port 5060, -)[0] -> SetIPDSCP(46) -> ...}
 * <p><b>See also:</b> IPClassifier.
 */
@ElementInfo(ports = "1/1", processing = "a/a", category = "IP")
public final class SetIPDSCP extends Element {
    private final Tally drops = new Tally();
    private volatile int dscp;

    @Override
    public void configure(Args args) throws ConfigException {
        int d = args.requiredPositional("DSCP").asInt(0, 0, 63);
        args.complete();
        dscp = d;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int ip = IPv4.headerOffset(p);
        if (!IPv4.hasHeader(p, ip)) {
            drops.increment();
            p.kill();
            return null;
        }
        int oldWord = p.u16(ip + Headers.IP_VHL);
        int newWord = (oldWord & 0xFF03) | dscp << 2;
        p.setU16(ip + Headers.IP_VHL, newWord);
        p.setU16(ip + Headers.IP_SUM, Checksum.update16(p.u16(ip + Headers.IP_SUM), oldWord, newWord));
        return p;
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("drops", () -> Long.toString(drops.sum()));
        h.readWrite("dscp", () -> Integer.toString(dscp), v -> {
            try {
                int d = Integer.parseInt(v.trim());
                if (d < 0 || d > 63) {
                    throw new NumberFormatException();
                }
                dscp = d;
            } catch (NumberFormatException e) {
                throw new HandlerException("expected an integer from 0 to 63, got \"" + v.trim() + "\"");
            }
        });
    }
}

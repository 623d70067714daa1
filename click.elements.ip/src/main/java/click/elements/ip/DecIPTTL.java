package click.elements.ip;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.Tally;
import click.api.net.Checksum;
import click.api.net.Headers;
import click.api.net.IPv4;

/**
 * <h2>DecIPTTL</h2>
 * <b>Synopsis:</b> {@code DecIPTTL([keyword MULTICAST])}
 * <p><b>Decrements the IP time-to-live, sending expired packets elsewhere.</b> Category: IP.
 * Ports: 1 input, 1 or 2 outputs; agnostic input and first output, push second output.
 *
 * <p><b>Processing:</b> a packet whose TTL is 0 or 1 has expired (RFC 1812 5.3.1): it leaves
 * unchanged on output 1, usually to an {@code ICMPError(ADDR, timeexceeded)}, or is dropped if
 * output 1 is not connected. Any other packet has its TTL lowered by one and its header checksum
 * updated incrementally (RFC 1624, no full recomputation), and leaves on output 0.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>MULTICAST</dt><dd>boolean, default true: whether multicast packets are handled too; when
 * false they pass untouched.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>drops (read)</dt><dd>expired packets, and packets too short for their IP header (killed).</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> uses the network header (the data start if unset).
 * <p><b>Example:</b> {@code dt :: DecIPTTL -> IPFragmenter(1500) -> ...; dt[1] -> ICMPError(192.0.2.1, timeexceeded) -> rt;}
 * <p><b>See also:</b> ICMPError, CheckIPHeader.
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah", category = "IP")
public final class DecIPTTL extends Element {
    private final Tally drops = new Tally();
    private boolean multicast = true;

    @Override
    public void configure(Args args) throws ConfigException {
        boolean m = args.optional("MULTICAST").asBool(true);
        args.complete();
        multicast = m;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int ip = IPv4.headerOffset(p);
        if (!IPv4.hasHeader(p, ip)) {
            drops.increment();
            p.kill();
            return null;
        }
        if (!multicast && IPv4.isMulticast(p.i32(ip + Headers.IP_DST))) {
            return p;
        }
        int ttl = p.u8(ip + Headers.IP_TTL);
        if (ttl <= 1) {
            drops.increment();
            checkedPush(1, p);
            return null;
        }
        int oldWord = p.u16(ip + Headers.IP_TTL);
        int newWord = oldWord - 0x100;
        p.setU16(ip + Headers.IP_TTL, newWord);
        p.setU16(ip + Headers.IP_SUM, Checksum.update16(p.u16(ip + Headers.IP_SUM), oldWord, newWord));
        return p;
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("drops", () -> Long.toString(drops.sum()));
    }
}

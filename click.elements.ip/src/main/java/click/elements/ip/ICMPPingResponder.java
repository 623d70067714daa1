package click.elements.ip;

import click.api.Element;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.Tally;
import click.api.net.Checksum;
import click.api.net.Headers;
import click.api.net.IPv4;

/**
 * <h2>ICMPPingResponder</h2>
 * <b>Synopsis:</b> {@code ICMPPingResponder()}
 * <p><b>Answers ICMP echo requests (ping).</b> Category: ICMP. Ports: 1 input, 1 or 2 outputs;
 * agnostic input and first output, push second output.
 *
 * <p><b>Processing:</b> an unfragmented ICMP echo request (IP header found by the network header
 * annotation, else at the data start) becomes its echo reply in place: source and destination
 * swapped, TTL 255, IP options kept as they came, type 0, checksums
 * updated. The reply leaves on output 0 with its destination IP annotation set to the new
 * destination, ready for the route lookup, and its paint annotation cleared: the reply is the
 * router's own packet, not one that came in on an interface (a PaintTee on its way out would
 * otherwise send a redirect about it). Anything else leaves on output 1 if connected, else it is
 * dropped.
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>count (read)</dt><dd>replies sent.</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> uses the network header; sets the destination IP address; clears the paint.
 * <p><b>Example:</b> {@code rt[0] -> IPClassifier(icmp type echo, -)[0] -> ICMPPingResponder -> rt;}
 * <p><b>See also:</b> ICMPError, IPClassifier.
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah", category = "ICMP")
public final class ICMPPingResponder extends Element {
    private final Tally replies = new Tally();

    @Override
    protected Packet simpleAction(Packet p) {
        int ip = IPv4.headerOffset(p);
        if (!IPv4.hasHeader(p, ip)) {
            checkedPush(1, p);
            return null;
        }
        int hlen = IPv4.headerLength(p, ip);
        int icmp = ip + hlen;
        if (p.u8(ip + Headers.IP_PROTO) != Headers.IP_PROTO_ICMP || IPv4.isFragment(p, ip)
                || p.length() < icmp + Headers.ICMP_LEN
                || p.u8(icmp + Headers.ICMP_TYPE) != Headers.ICMP_ECHO) {
            checkedPush(1, p);
            return null;
        }
        int src = p.i32(ip + Headers.IP_SRC);
        int dst = p.i32(ip + Headers.IP_DST);
        p.setI32(ip + Headers.IP_SRC, dst);
        p.setI32(ip + Headers.IP_DST, src);
        p.setU8(ip + Headers.IP_TTL, 255);
        IPv4.setHeaderChecksum(p, ip);
        int oldWord = p.u16(icmp + Headers.ICMP_TYPE);
        int newWord = Headers.ICMP_ECHO_REPLY << 8 | (oldWord & 0xFF);
        p.setU16(icmp + Headers.ICMP_TYPE, newWord);
        p.setU16(icmp + Headers.ICMP_SUM, Checksum.update16(p.u16(icmp + Headers.ICMP_SUM), oldWord, newWord));
        p.setDstIp(src);
        p.setPaint(0);
        replies.increment();
        return p;
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("count", () -> Long.toString(replies.sum()));
    }
}

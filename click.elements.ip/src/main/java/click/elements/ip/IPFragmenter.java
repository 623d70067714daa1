package click.elements.ip;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.Tally;
import click.api.net.Headers;
import click.api.net.IPAnnotations;
import click.api.net.IPv4;

/**
 * <h2>IPFragmenter</h2>
 * <b>Synopsis:</b> {@code IPFragmenter(MTU [, keywords HONOR_DF, VERBOSE])}
 * <p><b>Fragments IP packets larger than the MTU (RFC 791, RFC 1812 5.2.6).</b> Category: IP.
 * Ports: 1 push input, 1 or 2 push outputs.
 *
 * <p><b>Processing:</b> a packet whose IP total length fits in MTU passes unchanged. A larger packet
 * with the don't-fragment bit set (and HONOR_DF true) leaves on output 1 (dropped if unconnected)
 * with the NEXT_HOP_MTU annotation set to MTU, for {@code ICMPError(ADDR, unreachable, needfrag)}.
 * Any other large packet is cut into fragments, each at most MTU bytes, carrying a multiple of 8
 * data bytes (except the last): the first fragment keeps all the IP options, later ones only the
 * options whose copy bit is set (others are dropped, the header padded with end-of-list bytes).
 * Offsets add to the packet's own (a fragment can be fragmented again), the more-fragments bit is
 * set on all but the last (which keeps the packet's own), and every header gets a fresh checksum.
 * Fragments carry the packet's annotations and leave on output 0 in order.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>MTU</dt><dd>integer, at least 68, required.</dd>
 * <dt>HONOR_DF</dt><dd>boolean, default true: when false, don't-fragment packets are fragmented anyway.</dd>
 * <dt>VERBOSE</dt><dd>boolean, default false: report each don't-fragment packet refused.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>drops (read)</dt><dd>don't-fragment packets refused (and packets too malformed to fragment).</dd>
 * <dt>fragments (read)</dt><dd>fragments made.</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> uses the network header (the data start if unset); sets NEXT_HOP_MTU (user
 * bytes 4-7, see click.api.net.IPAnnotations) on refused packets.
 * <p><b>Example:</b> {@code fr :: IPFragmenter(1500) -> arpq; fr[1] -> ICMPError(192.0.2.1, unreachable, needfrag) -> rt;}
 * <p><b>See also:</b> IPReassembler, ICMPError.
 */
@ElementInfo(ports = "1/1-2", processing = "h/h", category = "IP")
public final class IPFragmenter extends Element {
    private static final int COPY_BIT = 0x80;

    private final Tally drops = new Tally();
    private final Tally fragments = new Tally();
    private int mtu;
    private boolean honorDF = true;
    private boolean verbose;

    @Override
    public void configure(Args args) throws ConfigException {
        int m = args.requiredPositional("MTU").asInt(0, 68, 65535);
        boolean df = args.optional("HONOR_DF").asBool(true);
        boolean v = args.optional("VERBOSE").asBool(false);
        args.complete();
        mtu = m;
        honorDF = df;
        verbose = v;
    }

    @Override
    public void push(int port, Packet p) {
        int ip = IPv4.headerOffset(p);
        if (!IPv4.hasHeader(p, ip)) {
            drops.increment();
            p.kill();
            return;
        }
        int total = IPv4.totalLength(p, ip);
        if (total <= mtu) {
            output(0).push(p);
            return;
        }
        int hlen = IPv4.headerLength(p, ip);
        if (ip + total > p.length() || hlen + 8 > mtu) {
            drops.increment();
            p.kill();
            return;
        }
        if (honorDF && (p.u16(ip + Headers.IP_OFF) & Headers.IP_DF) != 0) {
            if (verbose) {
                context().message(this, "IPFragmenter: " + total + "-byte don't-fragment packet exceeds MTU " + mtu);
            }
            p.setUserAnnoI32(IPAnnotations.NEXT_HOP_MTU, mtu);
            drops.increment();
            checkedPush(1, p);
            return;
        }
        fragment(p, ip, hlen, total);
    }

    private void fragment(Packet p, int ip, int hlen, int total) {
        byte[] laterOptions = copiedOptions(p, ip, hlen);
        int off = p.u16(ip + Headers.IP_OFF);
        int df = off & Headers.IP_DF;
        int baseOffset = (off & Headers.IP_OFFMASK) << 3;
        boolean lastHasMore = (off & Headers.IP_MF) != 0;
        int dataLen = total - hlen;
        int at = 0;
        while (at < dataLen) {
            boolean first = at == 0;
            int fh = first ? hlen : Headers.IP_MIN_LEN + laterOptions.length;
            int n = Math.min((mtu - fh) & ~7, dataLen - at);
            boolean more = at + n < dataLen || lastHasMore;
            Packet f = Packet.make(fh + n);
            f.copyAnnotationsFrom(p);
            if (first) {
                p.getBytes(ip, f.buffer(), f.offset(), hlen);
            } else {
                p.getBytes(ip, f.buffer(), f.offset(), Headers.IP_MIN_LEN);
                f.setBytes(Headers.IP_MIN_LEN, laterOptions, 0, laterOptions.length);
                f.setU8(Headers.IP_VHL, 0x40 | fh >> 2);
            }
            p.getBytes(ip + hlen + at, f.buffer(), f.offset() + fh, n);
            f.setU16(Headers.IP_LEN, fh + n);
            f.setU16(Headers.IP_OFF, df | (baseOffset + at) >> 3 | (more ? Headers.IP_MF : 0));
            IPv4.setHeaderChecksum(f, 0);
            f.setNetworkHeader(0, fh);
            at += n;
            fragments.increment();
            output(0).push(f);
        }
        p.kill();
    }

    /** The options with the copy bit set, padded with end-of-list bytes to a multiple of 4. */
    private static byte[] copiedOptions(Packet p, int ip, int hlen) {
        byte[] out = new byte[hlen - Headers.IP_MIN_LEN];
        int n = 0;
        int i = Headers.IP_MIN_LEN;
        while (i < hlen) {
            int opt = p.u8(ip + i);
            if (opt == IPGWOptions.OPT_EOL) {
                break;
            }
            if (opt == IPGWOptions.OPT_NOP) {
                i++;
                continue;
            }
            int len = i + 1 < hlen ? p.u8(ip + i + 1) : 0;
            if (len < 2 || i + len > hlen) {
                break;
            }
            if ((opt & COPY_BIT) != 0) {
                p.getBytes(ip + i, out, n, len);
                n += len;
            }
            i += len;
        }
        return java.util.Arrays.copyOf(out, (n + 3) & ~3);
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("drops", () -> Long.toString(drops.sum()))
         .read("fragments", () -> Long.toString(fragments.sum()));
    }
}

package click.elements.nat;

import static click.api.net.Headers.ICMP_ECHO;
import static click.api.net.Headers.ICMP_ID;
import static click.api.net.Headers.ICMP_LEN;
import static click.api.net.Headers.ICMP_PARAM_PROBLEM;
import static click.api.net.Headers.ICMP_REDIRECT;
import static click.api.net.Headers.ICMP_SOURCE_QUENCH;
import static click.api.net.Headers.ICMP_SUM;
import static click.api.net.Headers.ICMP_TIME_EXCEEDED;
import static click.api.net.Headers.ICMP_TYPE;
import static click.api.net.Headers.ICMP_UNREACH;
import static click.api.net.Headers.IP_DST;
import static click.api.net.Headers.IP_MIN_LEN;
import static click.api.net.Headers.IP_PROTO;
import static click.api.net.Headers.IP_PROTO_ICMP;
import static click.api.net.Headers.IP_PROTO_TCP;
import static click.api.net.Headers.IP_PROTO_UDP;
import static click.api.net.Headers.IP_SRC;
import static click.api.net.Headers.IP_SUM;
import static click.api.net.Headers.TCP_SUM;
import static click.api.net.Headers.UDP_SUM;

import click.api.Args;
import click.api.ConfigException;
import click.api.DropCounters;
import click.api.Element;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.Tally;
import click.api.net.Checksum;

import java.util.ArrayList;
import java.util.List;

/**
 * <h2>ICMPRewriter</h2>
 * <b>Synopsis:</b> {@code ICMPRewriter(MAPS [, DST_ANNO])}
 * <p><b>Rewrites ICMP error messages about translated packets.</b> Category: nat. Ports: 1 input,
 * 1 or more outputs; push.
 *
 * <p><b>Processing:</b> an ICMP error (destination unreachable, source quench, redirect, time
 * exceeded, parameter problem) quotes the IP header and first bytes of the packet that caused it.
 * If that packet went through a NAT, the quote shows its translated addresses and ports, and the
 * error is addressed to the NAT. ICMPRewriter looks the quoted flow up in the rewriters named by
 * MAPS (a space-separated list of IPRewriter, TCPRewriter, UDPRewriter, ICMPPingRewriter or
 * IPAddrRewriter elements, checked in order) and, if one has a mapping, rewrites the quote back to
 * the original flow, sends the error to the original sender (the outer destination address), and
 * updates the quoted IP checksum, the quoted TCP/UDP/ICMP checksum where the quote includes it,
 * the outer ICMP checksum and the outer IP checksum, all incrementally. The result goes to output
 * 0, or, for a map written {@code NAME:OFFSET}, to output OFFSET plus the output of the mapping
 * half that matched. Other ICMP messages, errors about unknown flows, non-ICMP packets and
 * truncated ones go to output 1 if it exists, else are dropped.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>MAPS</dt><dd>element names, mandatory: the rewriters whose tables to use, each optionally
 * {@code NAME:OFFSET}.</dd>
 * <dt>DST_ANNO</dt><dd>boolean, default true: set the destination address annotation to the new
 * outer destination.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>rewritten (read)</dt><dd>ICMP errors rewritten.</dd>
 * <dt>drops, drop_details (read)</dt><dd>packets that were not rewritten, in total and by reason
 * (they leave on output 1 when it exists).</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> needs the network header annotation; sets the destination IP address
 * annotation (DST_ANNO).
 *
 * <p><b>Example:</b> ICMP errors from outside about NATed UDP flows, back to the inside host:
 * <pre>{@code
 * rw :: IPRewriter(pattern 192.0.2.1 1024-65535 - - 0 1, drop);
 * outside -> c :: IPClassifier(icmp type 3, -);
 * c[0] -> ICMPRewriter(rw) -> inside;
 * c[1] -> [1]rw;
 * }</pre>
 * <p><b>See also:</b> IPRewriter, ICMPPingRewriter, IPAddrRewriter.
 */
@ElementInfo(ports = "1/1-", processing = "h/h", category = "nat")
public final class ICMPRewriter extends Element {
    enum Reason {
        NOT_ICMP("not an ICMP packet, or IP header missing"),
        NOT_ERROR("ICMP message that is not an error this element rewrites"),
        TRUNCATED("quoted IP header missing or truncated"),
        NO_MAPPING("no rewriter has a mapping for the quoted flow");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private record Map(RewriterBase rewriter, int portOffset) {
    }

    private final DropCounters<Reason> notRewritten = new DropCounters<>(Reason.class);
    private final Tally rewritten = new Tally();
    private Map[] maps = new Map[0];
    private boolean dstAnno = true;

    @Override
    public void configure(Args args) throws ConfigException {
        String names = args.requiredPositional("MAPS").asString("");
        boolean anno = args.optional("DST_ANNO").asBool(true);
        List<Map> found = new ArrayList<>();
        for (String word : names.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            int colon = word.indexOf(':');
            String name = colon < 0 ? word : word.substring(0, colon);
            int offset = -1;
            if (colon >= 0) {
                try {
                    offset = Integer.parseInt(word.substring(colon + 1));
                } catch (NumberFormatException e) {
                    offset = -2;
                }
            }
            Element e = context().findElement(this, name);
            if (e == null) {
                args.error("MAPS: no element named '" + name + "'");
            } else if (!(e instanceof RewriterBase rw)) {
                args.error("MAPS: '" + name + "' is a " + e.className() + ", not an IP rewriter");
            } else if (offset == -2 || offset < -1) {
                args.error("MAPS: bad port offset in '" + word + "' (expected NAME:OFFSET, OFFSET an output number)");
            } else if (offset >= 0 && offset + e.noutputs() > noutputs()) {
                args.error("MAPS: '" + word + "' needs " + (offset + e.noutputs()) + " outputs, this element has "
                        + noutputs());
            } else {
                found.add(new Map(rw, offset));
            }
        }
        if (found.isEmpty() && names.trim().isEmpty()) {
            args.error("MAPS: expected the names of IP rewriters, got nothing");
        }
        args.complete();
        maps = found.toArray(new Map[0]);
        dstAnno = anno;
    }

    @Override
    public void push(int port, Packet p) {
        int out = handle(p);
        if (out >= 0) {
            rewritten.increment();
            output(out).push(p);
        } else {
            checkedPush(1, p);
        }
    }

    /** Rewrites {@code p} and returns its output, or returns -1 after counting why it was not rewritten. */
    private int handle(Packet p) {
        int ip = p.hasNetworkHeader() ? p.networkHeaderOffset() : -1;
        if (ip < 0 || p.length() < ip + IP_MIN_LEN || (p.u8(ip) & 0xF) < 5 || p.u8(ip + IP_PROTO) != IP_PROTO_ICMP) {
            return fail(Reason.NOT_ICMP);
        }
        int th = RewriterBase.transportOffset(p, ip);
        if (p.length() < th + ICMP_LEN) {
            return fail(Reason.TRUNCATED);
        }
        int type = p.u8(th + ICMP_TYPE);
        if (type != ICMP_UNREACH && type != ICMP_SOURCE_QUENCH && type != ICMP_REDIRECT
                && type != ICMP_TIME_EXCEEDED && type != ICMP_PARAM_PROBLEM) {
            return fail(Reason.NOT_ERROR);
        }
        int qip = th + ICMP_LEN;
        if (p.length() < qip + IP_MIN_LEN || (p.u8(qip) >>> 4) != 4 || (p.u8(qip) & 0xF) < 5) {
            return fail(Reason.TRUNCATED);
        }
        int qth = RewriterBase.transportOffset(p, qip);
        FlowKey probe = FlowKey.probe();
        for (Map m : maps) {
            Mapping.Half h = m.rewriter.findQuoted(p, qip, qth, probe);
            if (h != null) {
                rewriteQuote(p, ip, th, qip, qth, h);
                return m.portOffset < 0 ? 0 : m.portOffset + h.output;
            }
        }
        return fail(Reason.NO_MAPPING);
    }

    private int fail(Reason r) {
        notRewritten.count(r);
        return -1;
    }

    /**
     * Rewrites the quoted packet the way its own direction's mapping undoes translation: packets
     * matching {@code h} travel against the quote, so the quote's (src, sport, dst, dport) becomes
     * (h.daddr, h.dport, h.saddr, h.sport); a zero field of {@code h} stays unchanged.
     */
    private void rewriteQuote(Packet p, int ip, int th, int qip, int qth, Mapping.Half h) {
        int outerSum = th + ICMP_SUM;
        int qproto = p.u8(qip + IP_PROTO);
        int oldQSrc = p.i32(qip + IP_SRC);
        int oldQDst = p.i32(qip + IP_DST);
        int newQSrc = h.daddr != 0 ? h.daddr : oldQSrc;
        int newQDst = h.saddr != 0 ? h.saddr : oldQDst;
        // the quoted transport checksum covers the addresses through the pseudo-header, when quoted
        int qsum = -1;
        if (qproto == IP_PROTO_TCP && p.length() >= qth + TCP_SUM + 2) {
            qsum = qth + TCP_SUM;
        } else if (qproto == IP_PROTO_UDP && p.length() >= qth + UDP_SUM + 2 && p.u16(qth + UDP_SUM) != 0) {
            qsum = qth + UDP_SUM;
        }
        change32(p, qip + IP_SRC, newQSrc, qip + IP_SUM, qsum, outerSum);
        change32(p, qip + IP_DST, newQDst, qip + IP_SUM, qsum, outerSum);
        if ((qproto == IP_PROTO_TCP || qproto == IP_PROTO_UDP) && p.length() >= qth + 4) {
            if (h.dport != 0) change16(p, qth, h.dport, qsum, -1, outerSum);
            if (h.sport != 0) change16(p, qth + 2, h.sport, qsum, -1, outerSum);
        } else if (qproto == IP_PROTO_ICMP && p.length() >= qth + ICMP_ID + 2) {
            int ident = p.u8(qth + ICMP_TYPE) == ICMP_ECHO ? h.dport : h.sport;
            change16(p, qth + ICMP_ID, ident, qth + ICMP_SUM, -1, outerSum);
        }
        // the error goes to whoever sent the quoted packet
        if (p.i32(ip + IP_DST) == oldQSrc && newQSrc != oldQSrc) {
            Rewrite.word32(p, ip + IP_DST, newQSrc, ip + IP_SUM);
        }
        if (dstAnno) {
            p.setDstIp(p.i32(ip + IP_DST));
        }
    }

    private static void change32(Packet p, int at, int value, int ipSum, int transportSum, int outerSum) {
        change16(p, at, value >>> 16, ipSum, transportSum, outerSum);
        change16(p, at + 2, value & 0xFFFF, ipSum, transportSum, outerSum);
    }

    /**
     * Sets the 16-bit word at {@code at}, updating the quoted checksums that cover it
     * ({@code sumA}, {@code sumB}; -1 for none) and the outer ICMP checksum, which covers the word
     * and those checksums too.
     */
    private static void change16(Packet p, int at, int value, int sumA, int sumB, int outerSum) {
        int old = p.u16(at);
        if (old == value) {
            return;
        }
        p.setU16(at, value);
        adjust(p, outerSum, old, value);
        covering(p, sumA, old, value, outerSum);
        covering(p, sumB, old, value, outerSum);
    }

    private static void covering(Packet p, int sumAt, int old, int value, int outerSum) {
        if (sumAt >= 0) {
            int before = p.u16(sumAt);
            int after = Checksum.update16(before, old, value);
            p.setU16(sumAt, after);
            adjust(p, outerSum, before, after);
        }
    }

    private static void adjust(Packet p, int sumAt, int old, int value) {
        p.setU16(sumAt, Checksum.update16(p.u16(sumAt), old, value));
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("rewritten", () -> Long.toString(rewritten.sum()))
         .read("drops", () -> Long.toString(notRewritten.total()))
         .read("drop_details", notRewritten::details);
    }
}

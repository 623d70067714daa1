package click.elements.ip;

import click.api.ConfigException;
import click.api.ElementInfo;
import click.api.HandlerException;
import click.api.HandlerRegistry;
import click.elements.ip.classifier.PatternException;
import click.elements.ip.classifier.PatternParser;
import click.elements.ip.classifier.ProgramCompiler.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * <h2>IPClassifier</h2>
 * <b>Synopsis:</b> {@code IPClassifier(PATTERN_0, ..., PATTERN_N-1)}
 * <p><b>Classifies IP packets by contents, with tcpdump-like patterns.</b> Category: IP,
 * classification. Ports: 1 input; N outputs, one per pattern. Push.
 *
 * <p><b>Processing:</b> each packet goes to the output of the first pattern it matches; a packet
 * matching no pattern is dropped. The IP header is found at the network header annotation (set by
 * CheckIPHeader or MarkIPHeader); unlike Click, a packet without it is read as starting with its
 * IP header. The patterns are compiled, when configured, into one decision program in which tests
 * already decided on the way (the protocol check repeated by several patterns, say) are skipped.
 *
 * <p><b>Primitives</b> (a value may be a number, or a name where one is listed):
 * <ul>
 * <li>{@code [SRCDST] host ADDR}: SRCDST is {@code src}, {@code dst}, {@code src or dst} (the
 *     default) or {@code src and dst}.</li>
 * <li>{@code [SRCDST] net ADDR/LEN} or {@code [SRCDST] net ADDR mask MASK}.</li>
 * <li>{@code [SRCDST] [tcp | udp] port PORT}: without tcp or udp, either. Port names: echo,
 *     discard, daytime, chargen, ftp-data, ftp, ssh, telnet, smtp, domain (dns), bootps, bootpc,
 *     tftp, finger, www (http), pop3, sunrpc, auth, nntp, ntp, netbios-ns, netbios-dgm,
 *     netbios-ssn, imap, snmp, snmp-trap, bgp, irc, imap3, ldap, https, isakmp, syslog, rip
 *     (route), submission, imaps, pop3s, pptp.</li>
 * <li>{@code ip proto PROTO}: names icmp, igmp, ipip, tcp, udp, dccp, gre, esp, ah, sctp, and
 *     tcpudp (TCP or UDP).</li>
 * <li>{@code ip vers V}, {@code ip hl HL} (32-bit words), {@code ip id ID}, {@code ip len LEN},
 *     {@code ip tos TOS}, {@code ip dscp DSCP}, {@code ip ttl TTL}, {@code ip ect} (ECN capable),
 *     {@code ip ce} (congestion experienced), {@code ip frag} (more-fragments bit or a fragment
 *     offset), {@code ip unfrag}.</li>
 * <li>{@code tcp opt FLAG}: the TCP flag is set; flags syn, fin, ack, rst, psh, urg.
 *     {@code tcp win WIN}: the TCP window.</li>
 * <li>{@code icmp type TYPE}: names echo-reply, unreachable, sourcequench, redirect, echo,
 *     routeradvert, routersolicit, timeexceeded, parameterproblem, timestamp, timestamp-reply,
 *     inforeq, inforeq-reply, maskreq, maskreq-reply.</li>
 * <li>{@code ip[POS:LEN] VALUE}: LEN (1 to 4, default 1) bytes at byte POS of the IP header.
 *     {@code transp[POS:LEN]}, {@code tcp[...]}, {@code udp[...]}, {@code icmp[...]}: the same in
 *     the transport header (of that protocol only).</li>
 * <li>{@code true}, {@code false}; a pattern that is just {@code -}, {@code any} or {@code all}
 *     matches every packet.</li>
 * </ul>
 * Every primitive but {@code tcp opt} takes a relation before the value: {@code ==} (the default,
 * also {@code =}) or {@code !=}; numeric ones also {@code <}, {@code >}, {@code <=}, {@code >=}.
 * Most take a mask, {@code PRIMITIVE & MASK [RELATION] VALUE}, as in {@code ip tos & 0xfc == 0x10}.
 * Primitives combine with {@code and}, {@code or}, {@code not} (also {@code &&}, {@code ||},
 * {@code !}), parentheses, and {@code COND ? A : B} (the colon between spaces); writing two
 * primitives side by side means {@code and}.
 *
 * <p><b>Shorthands, as in Click:</b> {@code tcp} is {@code ip proto tcp}; {@code www} is
 * {@code port www}; {@code syn} is {@code tcp opt syn}; {@code 10.0.0.0/8} is
 * {@code net 10.0.0.0/8}; {@code 192.0.2.1} is {@code host 192.0.2.1}; {@code frag} is
 * {@code ip frag}. A primitive with no qualifiers repeats the previous one's type, direction and
 * protocol: {@code src host 192.0.2.1 or 192.0.2.2}, {@code udp port 53 or 67},
 * {@code dst port >= 1000 and <= 2000}. A name that could mean several things ({@code echo}: a
 * port or an ICMP type) must be qualified.
 *
 * <p><b>Fine points, as in Click:</b> port, TCP flag, TCP window, ICMP type and transport-header
 * tests match only the first fragment (fragment offset 0) of a packet of the right protocol. A
 * test of bytes the packet does not have is false (its {@code not} is true). For a {@code src or
 * dst} primitive, {@code !=}, {@code <} and {@code <=} negate the whole primitive:
 * {@code port != 53} matches TCP and UDP packets whose ports are both other than 53, and
 * {@code tcp port != 53} is not {@code not tcp port 53}, which also matches non-TCP packets. A
 * {@code not} written between qualifiers negates the whole primitive ({@code tcp not port 80} is
 * {@code not tcp port 80}).
 *
 * <p><b>Differences from Click:</b> names come from the tables above, never from /etc/services;
 * {@code ip[POS:LEN]} may span a 4-byte boundary; {@code ether} primitives are not supported;
 * where Click warns (a pattern no packet can reach, {@code src} on a primitive that has no
 * direction) this element says nothing.
 *
 * <p><b>Errors</b> name the pattern (counted from 0, like the outputs), what was expected and
 * what was found: {@code pattern 2: expected a port number after "port", got "http2"}.
 *
 * <p><b>Keywords:</b> none.
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>program (read)</dt><dd>the compiled decision program: one field test per line with where
 * its yes and no branches go.</dd>
 * <dt>patternN (read/write)</dt><dd>pattern N; writing replaces it (the whole program is
 * recompiled and swapped in at once; a bad pattern leaves the old program).</dd>
 * <dt>drops (read)</dt><dd>packets that matched no pattern (a jclick addition).</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> uses the network and transport header positions if set.
 * <p><b>Example:</b>
 * <pre>{@code
 * IPClassifier(10.0.0.0/24 and syn,
 *              10.0.0.0/24 and fin ack,
 *              10.0.0.0/24 and tcp,
 *              -);
 * }</pre>
 * sends SYN packets from or to 10.0.0.x to output 0, their FIN+ACK packets to output 1, other
 * TCP packets from that net to output 2, and everything else to output 3.
 * <p><b>See also:</b> IPFilter, Classifier, CheckIPHeader, MarkIPHeader, tcpdump(1).
 */
@ElementInfo(ports = "1/-", processing = "h/h", category = "IP, classification")
public final class IPClassifier extends PatternClassifier {
    @Override
    String checkCount(int patterns) {
        if (patterns == noutputs()) {
            return null;
        }
        return "IPClassifier has " + noutputs() + " output" + (noutputs() == 1 ? "" : "s") + ", so it needs "
                + noutputs() + " pattern" + (noutputs() == 1 ? "" : "s") + " (one per output), got " + patterns;
    }

    @Override
    Rule rule(int index, List<String> words) throws PatternException {
        return new Rule(PatternParser.parse(words), index);
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        super.addHandlers(h);
        for (int i = 0; i < noutputs(); i++) {
            int index = i;
            h.readWrite("pattern" + i, () -> arguments().size() > index ? arguments().get(index) : "",
                    v -> replacePattern(index, v))
             .describe("pattern" + i, "the pattern for output " + i + "; write to replace it");
        }
    }

    private void replacePattern(int index, String pattern) throws HandlerException {
        List<String> next = new ArrayList<>(arguments());
        next.set(index, pattern.trim());
        try {
            reconfigure(next);
        } catch (ConfigException e) {
            throw new HandlerException(String.join("; ", e.messages()));
        }
    }
}

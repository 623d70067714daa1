package click.elements.ip;

import static click.api.net.Headers.IP_DF;
import static click.api.net.Headers.IP_MF;
import static click.api.net.Headers.TH_ACK;
import static click.api.net.Headers.TH_FIN;
import static click.api.net.Headers.TH_SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import click.api.Packet;
import click.testing.ElementHarness;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pattern language against a catalogue of packets: for each pattern, exactly the listed packets
 * match. Every packet is tried twice, once with the IP header at offset 0 and no annotation, and
 * once behind 14 bytes of junk with the network header annotation set.
 */
class PatternTableTest {
    /** The catalogue; comments give what the patterns below rely on. */
    private static final Map<String, Supplier<IPv4PacketBuilder>> PACKETS = new LinkedHashMap<>();

    static {
        // TCP 192.0.2.1:12345 -> 203.0.113.5:80 SYN, ttl 64, tos 0, window 8192
        PACKETS.put("SYN", () -> IPv4PacketBuilder.tcp("192.0.2.1", 12345, "203.0.113.5", 80, TH_SYN));
        PACKETS.put("SYNACK", () -> IPv4PacketBuilder.tcp("203.0.113.5", 80, "192.0.2.1", 12345, TH_SYN | TH_ACK));
        // ttl 3, tos 0xb8 = DSCP 46 (EF)
        PACKETS.put("SSH", () -> IPv4PacketBuilder.tcp("198.51.100.7", 22, "192.0.2.2", 40000, TH_ACK).ttl(3).tos(0xb8));
        PACKETS.put("FINACK", () -> IPv4PacketBuilder.tcp("10.0.0.5", 1024, "10.1.0.1", 443, TH_FIN | TH_ACK));
        PACKETS.put("DNS", () -> IPv4PacketBuilder.udp("192.0.2.2", 5353, "198.51.100.1", 53));
        // tos 3 = ECN CE
        PACKETS.put("HIGHUDP", () -> IPv4PacketBuilder.udp("192.0.2.9", 1000, "192.0.2.10", 2000).tos(0x03));
        PACKETS.put("ECHO", () -> IPv4PacketBuilder.icmp("192.0.2.1", "203.0.113.9", 8, 0));
        // ttl 255, tos 1 = ECT(1)
        PACKETS.put("REPLY", () -> IPv4PacketBuilder.icmp("203.0.113.9", "192.0.2.1", 0, 0).ttl(255).tos(0x01));
        PACKETS.put("GRE", () -> {
            IPv4PacketBuilder b = IPv4PacketBuilder.ip(47, "192.0.2.1", "192.0.2.2");
            b.transport = new byte[4];
            return b;
        });
        // first fragment (MF, offset 0) and a later one (offset 185) whose payload looks like SYN's TCP header
        PACKETS.put("FRAG1", () -> IPv4PacketBuilder.tcp("192.0.2.1", 12345, "203.0.113.5", 80, TH_SYN).fragment(IP_MF, 0));
        PACKETS.put("FRAG2", () -> IPv4PacketBuilder.tcp("192.0.2.1", 12345, "203.0.113.5", 80, TH_SYN).fragment(0, 185));
        // don't-fragment is not fragmented
        PACKETS.put("DF", () -> IPv4PacketBuilder.tcp("10.0.0.5", 1025, "10.1.0.1", 443, TH_ACK).fragment(IP_DF, 0));
        // 8 bytes of IP options (IHL 7, total length 48), id 0x1234
        PACKETS.put("OPTS", () -> {
            IPv4PacketBuilder b = IPv4PacketBuilder.tcp("192.0.2.1", 1111, "203.0.113.5", 80, TH_SYN).options(8);
            b.id = 0x1234;
            return b;
        });
        // SYN cut after the source port; and after 8 bytes (no TTL, protocol or addresses)
        PACKETS.put("SHORT", () -> IPv4PacketBuilder.tcp("192.0.2.1", 12345, "203.0.113.5", 80, TH_SYN).truncate(22));
        PACKETS.put("TINY", () -> IPv4PacketBuilder.tcp("192.0.2.1", 12345, "203.0.113.5", 80, TH_SYN).truncate(8));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                row("src host 192.0.2.1 and tcp dst port 80", "SYN FRAG1 OPTS"),
                row("ip dscp 46", "SSH"),
                row("icmp type echo", "ECHO"),
                row("icmp type echo-reply", "REPLY"),
                row("icmp type 0 or 8", "ECHO REPLY"),
                row("echo-reply", "REPLY"),
                row("ip frag", "FRAG1 FRAG2"),
                row("frag", "FRAG1 FRAG2"),
                row("ip unfrag", "SYN SYNACK SSH FINACK DNS HIGHUDP ECHO REPLY GRE DF OPTS SHORT TINY"),
                row("net 198.51.100.0/24", "SSH DNS"),
                row("198.51.100.0/24", "SSH DNS"),
                row("dst net 203.0.113.0 mask 255.255.255.0", "SYN ECHO FRAG1 FRAG2 OPTS SHORT"),
                row("src and dst net 192.0.2.0/24", "HIGHUDP GRE"),
                row("src host 192.0.2.1 or 192.0.2.2", "SYN DNS ECHO GRE FRAG1 FRAG2 OPTS SHORT"),
                row("192.0.2.1", "SYN SYNACK ECHO REPLY GRE FRAG1 FRAG2 OPTS SHORT"),
                row("src host != 192.0.2.1", "SYNACK SSH FINACK DNS HIGHUDP REPLY DF"),
                row("host 192.0.2.1 && (icmp || udp)", "ECHO REPLY"),
                row("tcp syn", "SYN SYNACK FRAG1 OPTS"),
                row("syn", "SYN SYNACK FRAG1 OPTS"),
                row("tcp opt ack && !(tcp opt syn)", "SSH FINACK DF"),
                row("fin ack", "FINACK"),
                row("udp port 53", "DNS"),
                row("udp and not dst port 53", "HIGHUDP"),
                row("src or dst port 22", "SSH"),
                row("www", "SYN SYNACK FRAG1 OPTS"),
                row("tcp port http", "SYN SYNACK FRAG1 OPTS"),
                row("dst port > 1023", "SYNACK SSH HIGHUDP"),
                row("dst port >= 1000 and <= 2000", "HIGHUDP"),
                row("src port 1000 or 1024", "FINACK HIGHUDP"),
                row("src port & 0xff00 == 0x0400", "FINACK DF OPTS"),
                row("src port 22 or tcp opt fin", "SSH FINACK"),
                row("tcp port != 80", "SSH FINACK DF"),
                row("port < 1100", "FINACK DF"),
                row("!(tcp port 80)", "SSH FINACK DNS HIGHUDP ECHO REPLY GRE FRAG2 DF SHORT TINY"),
                row("tcp not port 80", "SSH FINACK DNS HIGHUDP ECHO REPLY GRE FRAG2 DF SHORT TINY"),
                row("ip proto 47", "GRE"),
                row("ip proto tcp", "SYN SYNACK SSH FINACK FRAG1 FRAG2 DF OPTS SHORT"),
                row("ip proto != tcp", "DNS HIGHUDP ECHO REPLY GRE"),
                row("not tcp", "DNS HIGHUDP ECHO REPLY GRE TINY"),
                row("icmp", "ECHO REPLY"),
                row("tcp or udp", "SYN SYNACK SSH FINACK DNS HIGHUDP FRAG1 FRAG2 DF OPTS SHORT"),
                row("ip tos 0", "SYN SYNACK FINACK DNS ECHO GRE FRAG1 FRAG2 DF OPTS SHORT TINY"),
                row("ip ttl < 5", "SSH"),
                row("ip ttl 3 or 255", "SSH REPLY"),
                row("ip ttl >= 64", "SYN SYNACK FINACK DNS HIGHUDP ECHO REPLY GRE FRAG1 FRAG2 DF OPTS SHORT"),
                row("ip ttl > 300", ""),
                row("ip vers 4", "SYN SYNACK SSH FINACK DNS HIGHUDP ECHO REPLY GRE FRAG1 FRAG2 DF OPTS SHORT TINY"),
                row("ip hl > 5", "OPTS"),
                row("ip id 0x1234", "OPTS"),
                row("ip len > 40", "OPTS"),
                row("ip ce", "HIGHUDP"),
                row("ip ect", "HIGHUDP REPLY"),
                row("tcp win 8192", "SYN SYNACK SSH FINACK FRAG1 DF OPTS"),
                row("ip[9] = 6", "SYN SYNACK SSH FINACK FRAG1 FRAG2 DF OPTS SHORT"),
                row("ip[12:4] & 255.255.255.0 == 0xc0000200", "SYN DNS HIGHUDP ECHO GRE FRAG1 FRAG2 OPTS SHORT"),
                row("ip[16,19] == 0xcb007105", "SYN FRAG1 FRAG2 OPTS SHORT"),
                row("tcp[13] & 2 != 0", "SYN SYNACK FRAG1 OPTS"),
                row("transp[0:2] == 80", "SYNACK"),
                row("udp[2:2] > 1000", "HIGHUDP"),
                row("tcp ? dst port 80 : icmp", "SYN FRAG1 OPTS ECHO REPLY"),
                row("true", "*"),
                row("-", "*"),
                row("any", "*"),
                row("false", ""),
                row("not true or false", ""));
    }

    private static Arguments row(String pattern, String matching) {
        return Arguments.of(pattern, matching);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void patternMatchesExactlyTheListedPackets(String pattern, String matching) throws Exception {
        Set<String> expected = new TreeSet<>(matching.equals("*") ? PACKETS.keySet()
                : matching.isEmpty() ? Set.of() : Set.of(matching.split(" ")));
        for (boolean annotated : new boolean[] {false, true}) {
            ElementHarness<IPClassifier> h = ElementHarness.of(new IPClassifier()).outputs(2)
                    .configure(pattern + ", -");
            Set<String> matched = new TreeSet<>();
            for (Map.Entry<String, Supplier<IPv4PacketBuilder>> e : PACKETS.entrySet()) {
                IPv4PacketBuilder b = e.getValue().get();
                if (annotated) {
                    b.annotated(14);
                }
                h.push(0, b.packet());
                if (!h.output(0).isEmpty()) {
                    matched.add(e.getKey());
                }
                h.clearOutputs();
            }
            assertEquals(expected, matched, (annotated ? "annotated, " : "") + "pattern " + pattern);
            h.assertNoLeaks();
        }
    }

    /** The catalogue, as packets, for other tests. */
    static List<Packet> allPackets() {
        List<Packet> out = new ArrayList<>();
        for (Supplier<IPv4PacketBuilder> s : PACKETS.values()) {
            out.add(s.get().packet());
        }
        return out;
    }
}

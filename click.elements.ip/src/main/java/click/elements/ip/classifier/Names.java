package click.elements.ip.classifier;

import java.util.Map;

/**
 * The names the pattern language knows: IP protocols, TCP/UDP ports, TCP flags and ICMP types.
 * The tables are Click's, plus a few common port names (http, imap, ...); unlike Click at user
 * level, /etc/services and /etc/protocols are not read, so a pattern means the same everywhere.
 */
final class Names {
    private Names() {
    }

    /** Pseudo-protocol: TCP or UDP. */
    static final int TCP_OR_UDP = 256;
    /** Pseudo-protocol: any transport header (no protocol check). */
    static final int ANY_TRANSPORT = 257;
    static final int ICMP = 1;
    static final int TCP = 6;
    static final int UDP = 17;
    static final int DCCP = 33;

    static final Map<String, Integer> PROTOCOLS = Map.ofEntries(
            Map.entry("icmp", ICMP), Map.entry("igmp", 2), Map.entry("ipip", 4), Map.entry("tcp", TCP),
            Map.entry("udp", UDP), Map.entry("dccp", DCCP), Map.entry("gre", 47), Map.entry("esp", 50),
            Map.entry("ah", 51), Map.entry("sctp", 132),
            Map.entry("tcpudp", TCP_OR_UDP), Map.entry("transp", ANY_TRANSPORT));

    static final Map<String, Integer> PORTS = Map.ofEntries(
            Map.entry("echo", 7), Map.entry("discard", 9), Map.entry("daytime", 13), Map.entry("chargen", 19),
            Map.entry("ftp-data", 20), Map.entry("ftp", 21), Map.entry("ssh", 22), Map.entry("telnet", 23),
            Map.entry("smtp", 25), Map.entry("domain", 53), Map.entry("dns", 53), Map.entry("bootps", 67),
            Map.entry("bootpc", 68), Map.entry("tftp", 69), Map.entry("finger", 79), Map.entry("www", 80),
            Map.entry("http", 80), Map.entry("pop3", 110), Map.entry("sunrpc", 111), Map.entry("auth", 113),
            Map.entry("nntp", 119), Map.entry("ntp", 123), Map.entry("netbios-ns", 137),
            Map.entry("netbios-dgm", 138), Map.entry("netbios-ssn", 139), Map.entry("imap", 143),
            Map.entry("snmp", 161), Map.entry("snmp-trap", 162), Map.entry("bgp", 179), Map.entry("irc", 194),
            Map.entry("imap3", 220), Map.entry("ldap", 389), Map.entry("https", 443), Map.entry("isakmp", 500),
            Map.entry("syslog", 514), Map.entry("rip", 520), Map.entry("route", 520),
            Map.entry("submission", 587), Map.entry("imaps", 993), Map.entry("pop3s", 995),
            Map.entry("pptp", 1723));

    static final Map<String, Integer> TCP_FLAGS = Map.of(
            "fin", 0x01, "syn", 0x02, "rst", 0x04, "psh", 0x08, "ack", 0x10, "urg", 0x20);

    static final Map<String, Integer> ICMP_TYPES = Map.ofEntries(
            Map.entry("echo-reply", 0), Map.entry("unreachable", 3), Map.entry("sourcequench", 4),
            Map.entry("redirect", 5), Map.entry("echo", 8), Map.entry("routeradvert", 9),
            Map.entry("routersolicit", 10), Map.entry("timeexceeded", 11), Map.entry("parameterproblem", 12),
            Map.entry("timestamp", 13), Map.entry("timestamp-reply", 14), Map.entry("inforeq", 15),
            Map.entry("inforeq-reply", 16), Map.entry("maskreq", 17), Map.entry("maskreq-reply", 18));

    /** The protocol's name for messages ("tcp"), or "ip proto N". */
    static String protocolName(int proto) {
        for (Map.Entry<String, Integer> e : PROTOCOLS.entrySet()) {
            if (e.getValue() == proto) {
                return e.getKey();
            }
        }
        return "ip proto " + proto;
    }
}

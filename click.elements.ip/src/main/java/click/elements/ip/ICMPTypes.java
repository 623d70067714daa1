package click.elements.ip;

import click.api.net.Headers;
import java.util.Map;

/** Click's names for ICMP types and codes, as ICMPError's configuration accepts them. */
final class ICMPTypes {
    private ICMPTypes() {
    }

    static final Map<String, Integer> TYPES = Map.ofEntries(
            Map.entry("echo-reply", Headers.ICMP_ECHO_REPLY),
            Map.entry("unreachable", Headers.ICMP_UNREACH),
            Map.entry("sourcequench", Headers.ICMP_SOURCE_QUENCH),
            Map.entry("redirect", Headers.ICMP_REDIRECT),
            Map.entry("echo", Headers.ICMP_ECHO),
            Map.entry("timeexceeded", Headers.ICMP_TIME_EXCEEDED),
            Map.entry("parameterproblem", Headers.ICMP_PARAM_PROBLEM));

    static final Map<String, Integer> UNREACH_CODES = Map.ofEntries(
            Map.entry("net", 0), Map.entry("host", 1), Map.entry("protocol", 2), Map.entry("port", 3),
            Map.entry("needfrag", 4), Map.entry("srcroutefail", 5), Map.entry("net-unknown", 6),
            Map.entry("host-unknown", 7), Map.entry("isolated", 8), Map.entry("net-prohibited", 9),
            Map.entry("host-prohibited", 10), Map.entry("tos-net", 11), Map.entry("tos-host", 12),
            Map.entry("filter-prohibited", 13), Map.entry("host-precedence", 14), Map.entry("precedence-cutoff", 15));
    static final Map<String, Integer> REDIRECT_CODES = Map.of("net", 0, "host", 1, "tos-net", 2, "tos-host", 3);
    static final Map<String, Integer> TIMXCEED_CODES = Map.of("transit", 0, "reassembly", 1);
    static final Map<String, Integer> PARAMPROB_CODES = Map.of("erroratptr", 0, "missingopt", 1, "length", 2);

    /** Codes by name for {@code type}; empty for types without named codes. */
    static Map<String, Integer> codes(int type) {
        return switch (type) {
            case Headers.ICMP_UNREACH -> UNREACH_CODES;
            case Headers.ICMP_REDIRECT -> REDIRECT_CODES;
            case Headers.ICMP_TIME_EXCEEDED -> TIMXCEED_CODES;
            case Headers.ICMP_PARAM_PROBLEM -> PARAMPROB_CODES;
            default -> Map.of();
        };
    }

    /** Whether an ICMP message of this type is an error message (never answered by another error). */
    static boolean isError(int type) {
        return type == Headers.ICMP_UNREACH || type == Headers.ICMP_SOURCE_QUENCH || type == Headers.ICMP_REDIRECT
                || type == Headers.ICMP_TIME_EXCEEDED || type == Headers.ICMP_PARAM_PROBLEM;
    }

    /** A type or code given by name or number; -1 if neither. */
    static int parse(String word, Map<String, Integer> names) {
        Integer v = names.get(word);
        if (v != null) {
            return v;
        }
        try {
            int n = Integer.parseInt(word);
            return n >= 0 && n <= 255 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

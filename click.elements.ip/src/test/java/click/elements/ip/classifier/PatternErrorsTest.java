package click.elements.ip.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad patterns: each message says what was expected, where, and what was found instead. */
class PatternErrorsTest {
    static Stream<Arguments> badPatterns() {
        return Stream.of(
                bad("", "empty pattern"),
                bad("tcp dst port http2", "expected a port number after \"port\", got \"http2\""),
                bad("port 1000-2000", "expected a port number after \"port\", got \"1000-2000\""
                        + " (for a range, write e.g. \"dst port >= 1000 and <= 2000\")"),
                bad("host 10.0.0.0/8", "expected an IP address after \"host\", got \"10.0.0.0/8\""),
                bad("src net 10.0.0.1", "expected an IP prefix (ADDR/LEN or ADDR mask MASK) after \"net\", got \"10.0.0.1\""),
                bad("net 10.0.0.0 mask 255.0", "expected a netmask such as 255.255.255.0 after \"mask\", got \"255.0\""),
                bad("ip ttl 300", "value 300 out of range for \"ip ttl\" (0-255)"),
                bad("ip dscp 64", "value 64 out of range for \"ip dscp\" (0-63)"),
                bad("port 70000", "value 70000 out of range for \"port\" (0-65535)"),
                bad("ip ttl >", "expected a value after \">\", got end of pattern"),
                bad("ip ttl & 0x100 == 1", "mask 0x100 out of range for \"ip ttl\" (at most 0xff)"),
                bad("ip ttl & 0 == 1", "mask after \"&\" must not be zero"),
                bad("echo", "\"echo\" is ambiguous; try \"port echo\" or \"icmp type echo\""),
                bad("udp syn", "\"udp syn\" is meaningless; try \"tcp opt syn\""),
                bad("icmp type www", "\"icmp type www\" is meaningless; try \"port www\""),
                bad("80", "a bare number needs a field before it, as in \"port 80\" or \"ip ttl 80\"; got \"80\""),
                bad("src", "expected a type (host, net, port, proto, ...) or a value after \"src\", got end of pattern"),
                bad("frobnicate", "unknown word \"frobnicate\": expected a primitive such as \"host 192.0.2.1\","
                        + " \"tcp port 80\" or \"ip ttl < 5\""),
                bad("icmp port 80", "\"port\" needs tcp, udp or dccp, not \"icmp\""),
                bad("tcp udp", "two protocols in one primitive: \"tcp\" and \"udp\""),
                bad("udp type 3", "two protocols in one primitive: \"udp\" and \"icmp type\""),
                bad("host port 80", "\"host\" and \"port\" in one primitive: write one test per primitive"
                        + " and join them with and/or"),
                bad("src dst host 10.0.0.1", "\"dst\": source or destination given twice"),
                bad("host > 10.0.0.1", "\">\" cannot compare addresses; use == or !="),
                bad("tcp opt != syn", "\"tcp opt\" takes no relation and no mask; use \"not\" to negate it"),
                bad("ip frag 1", "\"frag\" takes no value, relation or mask"),
                bad("ip[9:5] = 6", "field length in \"[9:5]\" must be 1 to 4 bytes"),
                bad("ip[x] = 6", "expected [POS] or [POS:LEN] after \"ip\", got \"[x]\""),
                bad("ip[9 = 6", "expected \"]\" to close \"[\" after \"6\", got end of pattern"),
                bad("(tcp", "expected \")\" to close \"(\" after \"tcp\", got end of pattern"),
                bad("tcp)", "unexpected \")\" after a complete expression"),
                bad("tcp and", "expected an expression after \"and\", got end of pattern"),
                bad("tcp or or udp", "expected an expression after \"or\", got \"or\""),
                bad("not", "expected an expression after \"not\", got end of pattern"),
                bad("tcp ? udp", "expected \":\" (with spaces around it) to go with \"?\" after \"udp\","
                        + " got end of pattern"),
                bad("ip proto > tcpudp", "\"tcpudp\" takes no relation other than == and != and no mask"),
                bad("port -5", "number -5 out of range (0-4294967295)"),
                bad("((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((("
                        + "((((((((((((((((tcp", "pattern nested more than 100 levels deep"));
    }

    private static Arguments bad(String pattern, String message) {
        return Arguments.of(pattern, message);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badPatterns")
    void badPatternIsRejectedWithAMessageSayingWhatWasExpected(String pattern, String message) {
        PatternException e = assertThrows(PatternException.class, () -> PatternParser.parse(pattern));
        assertEquals(message, e.getMessage());
    }
}

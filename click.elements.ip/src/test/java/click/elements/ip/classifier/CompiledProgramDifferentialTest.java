package click.elements.ip.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import click.api.Packet;
import click.elements.ip.IPv4PacketBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The compiled program (layout, jump threading, node merging, flattening) against
 * {@link ReferenceInterpreter} on the same parsed rules: random rule lists built from the whole
 * pattern language, random packets whose fields come from the same small pools as the patterns'
 * values (so tests do hit), with options, fragments, truncation and header annotations. Fixed
 * seeds, so a failure repeats.
 */
class CompiledProgramDifferentialTest {
    private static final String[] ADDRS = {"192.0.2.1", "192.0.2.2", "198.51.100.7", "10.0.0.1"};
    private static final int[] PORTS = {22, 53, 80, 443, 1023, 1024, 8080};
    private static final int[] PROTOS = {1, 6, 17, 47, 6, 17};
    private static final int[] SMALL = {0, 1, 3, 5, 8, 64, 128, 255};
    private static final String[] RELS = {"", "== ", "!= ", "< ", "> ", "<= ", ">= "};

    private final Random random = new Random(0x1DC1A55L);

    @Test
    void compiledProgramAgreesWithTheInterpreterOnRandomRulesAndPackets() throws Exception {
        int checked = 0;
        for (int program = 0; program < 400; program++) {
            List<ProgramCompiler.Rule> rules = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            int n = 1 + random.nextInt(6);
            for (int i = 0; i < n; i++) {
                String text = expression(0);
                texts.add(text);
                int output = random.nextInt(5) == 0 ? ProgramCompiler.DROP : i;
                rules.add(new ProgramCompiler.Rule(PatternParser.parse(text), output));
            }
            Program compiled = ProgramCompiler.compile(rules);
            for (int k = 0; k < 150; k++) {
                assertAgrees(rules, compiled, () -> "rules " + texts + "\nprogram:\n" + compiled.describe());
                checked++;
            }
        }
        assertEquals(400 * 150, checked);
    }

    @Test
    void singlePatternsOfEveryKindAgreeWithTheInterpreter() throws Exception {
        for (int i = 0; i < 2000; i++) {
            String text = primitive();
            List<ProgramCompiler.Rule> rules = List.of(new ProgramCompiler.Rule(PatternParser.parse(text), 0));
            Program compiled = ProgramCompiler.compile(rules);
            for (int k = 0; k < 20; k++) {
                assertAgrees(rules, compiled, () -> text);
            }
        }
    }

    /** Checks the program against the interpreter on one random packet. */
    private void assertAgrees(List<ProgramCompiler.Rule> rules, Program compiled, Supplier<String> what) {
        IPv4PacketBuilder b = packet();
        Packet p = b.packet();
        byte[] data = p.toByteArray();
        int ihl = data.length > b.linkHeader ? data[b.linkHeader] & 0xF : 0;
        ReferenceInterpreter ref = new ReferenceInterpreter(data, b.linkHeader, b.linkHeader + 4 * ihl);
        assertEquals(ref.firstMatch(rules), compiled.match(p), () -> what.get() + "\npacket " + hex(data));
        p.kill();
    }

    // ---- random patterns ----

    private String expression(int depth) {
        int choice = depth >= 3 ? 0 : random.nextInt(7);
        switch (choice) {
            case 1: return expression(depth + 1) + " and " + expression(depth + 1);
            case 2: return expression(depth + 1) + " || " + expression(depth + 1);
            case 3: return "not (" + expression(depth + 1) + ")";
            case 4: return "(" + expression(depth + 1) + ") " + expression(depth + 1);
            case 5: return expression(depth + 1) + " ? " + expression(depth + 1) + " : " + expression(depth + 1);
            default: return primitive();
        }
    }

    private String primitive() {
        switch (random.nextInt(22)) {
            case 0: return pick("", "src ", "dst ", "src or dst ", "src and dst ") + "host " + rel(true) + addr();
            case 1: return pick("", "src ", "dst ") + "net " + addr() + "/" + pick("8", "16", "24", "30");
            case 2: return pick("", "src ", "dst ") + "net " + addr() + " mask 255.255." + pick("0.0", "255.0");
            case 3: return pick("tcp", "udp", "icmp", "not tcp", "ip proto " + rel(false) + pick(PROTOS));
            case 4: return pick("", "src ", "dst ", "src or dst ", "src and dst ") + pick("", "tcp ", "udp ")
                    + "port " + rel(false) + port();
            case 5: return pick("", "tcp ") + "port & 0xff00 " + rel(false) + pick(0, 0x400, 0x1f00);
            case 6: return pick("dst port ", "src tcp port ", "udp port ") + port() + " or " + port();
            case 7: return pick("tcp opt ", "") + pick("syn", "ack", "fin", "rst", "psh", "urg");
            case 8: return "icmp type " + pick("echo", "echo-reply", "unreachable", rel(false) + pick(SMALL));
            case 9: return "ip ttl " + rel(false) + pick(SMALL);
            case 10: return "ip tos " + rel(false) + pick(SMALL);
            case 11: return "ip dscp " + rel(false) + pick(0, 10, 46, 63);
            case 12: return "ip hl " + rel(false) + pick(0, 4, 5, 6, 15);
            case 13: return "ip vers " + rel(false) + pick(0, 4, 6, 15);
            case 14: return pick("ip frag", "ip unfrag", "ip ce", "ip ect", "frag", "ip ect 2");
            case 15: return "ip len " + rel(false) + pick(0, 20, 28, 40, 60, 65535);
            case 16: return "tcp win " + rel(false) + pick(0, 8192, 65535);
            case 17: return "ip[" + random.nextInt(24) + ":" + (1 + random.nextInt(4)) + "] "
                    + pick("", "& 0xf0 ", "& 3 ") + rel(false) + pick(SMALL);
            case 18: return pick("transp", "tcp", "udp", "icmp") + "[" + random.nextInt(16) + "] "
                    + pick("", "& 2 ", "& 0x80 ") + rel(false) + pick(SMALL);
            case 19: return pick("tcp", "udp") + "[" + pick(0, 2) + ":2] " + rel(false) + port();
            case 20: return "ip ttl " + rel(false) + pick(SMALL) + " or " + rel(false) + pick(SMALL);
            default: return pick("true", "false", "tcp or udp");
        }
    }

    private String rel(boolean equalityOnly) {
        return equalityOnly ? pick("", "!= ") : RELS[random.nextInt(RELS.length)];
    }

    private String addr() {
        return ADDRS[random.nextInt(ADDRS.length)];
    }

    private int port() {
        return PORTS[random.nextInt(PORTS.length)];
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private int pick(int... options) {
        return options[random.nextInt(options.length)];
    }

    // ---- random packets ----

    private IPv4PacketBuilder packet() {
        int proto = PROTOS[random.nextInt(PROTOS.length)];
        IPv4PacketBuilder b = IPv4PacketBuilder.ip(proto, addr(), addr());
        if (random.nextInt(8) == 0) {
            b.src = random.nextInt();
        }
        b.transport = new byte[proto == 6 ? 20 : 8];
        random.nextBytes(b.transport);
        if (proto == 6 || proto == 17 || random.nextBoolean()) {
            put16(b.transport, 0, port());
            put16(b.transport, 2, port());
        }
        if (proto == 1) {
            b.transport[0] = (byte) pick(0, 3, 8, 11, 255);
        }
        if (proto == 6) {
            b.transport[13] = (byte) random.nextInt(64);
            put16(b.transport, 14, pick(0, 8192, 65535));
        }
        b.ttl = pick(SMALL);
        b.tos = random.nextBoolean() ? pick(SMALL) : random.nextInt(256);
        b.id = random.nextInt(65536);
        switch (random.nextInt(8)) {
            case 0: b.fragment(0x2000, 0); break;                       // first fragment
            case 1: b.fragment(0, 1 + random.nextInt(100)); break;      // later fragment
            case 2: b.fragment(0x4000, 0); break;                       // don't fragment
            default: break;
        }
        switch (random.nextInt(10)) {
            case 0: b.options(4 * (1 + random.nextInt(10))); break;
            case 1: b.ihlOverride = random.nextInt(5); break;             // bogus short IHL
            case 2: b.version = random.nextInt(16); break;
            default: break;
        }
        if (random.nextInt(5) == 0) {
            b.truncate(random.nextInt(b.headerLength() + b.transport.length + 1));
        }
        if (random.nextInt(3) == 0) {
            b.annotated(random.nextBoolean() ? 14 : 0);
        }
        return b;
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    private static String hex(byte[] data) {
        StringBuilder sb = new StringBuilder();
        for (byte x : data) {
            sb.append(String.format("%02x", x & 0xFF));
        }
        return sb.toString();
    }
}

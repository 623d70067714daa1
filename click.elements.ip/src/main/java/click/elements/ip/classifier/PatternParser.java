package click.elements.ip.classifier;

import static click.elements.ip.classifier.Primitive.UNKNOWN;

import click.api.ConfigText;
import click.api.net.IPAddress;
import click.api.net.IPPrefix;
import click.elements.ip.classifier.FieldTest.Base;
import click.elements.ip.classifier.Primitive.DataKind;
import click.elements.ip.classifier.Primitive.Dir;
import click.elements.ip.classifier.Primitive.Field;
import click.elements.ip.classifier.Primitive.Kind;
import click.elements.ip.classifier.Primitive.Previous;
import java.util.List;
import java.util.Map;

/**
 * Parses one IPClassifier pattern into an {@link Expr}, following Click's grammar and meaning:
 * <pre>
 *   expr   ::= orexpr | orexpr ? expr : expr
 *   orexpr ::= term { (or | ||) term }
 *   term   ::= factor { [and | &&] factor }        juxtaposition means and
 *   factor ::= (not | !) factor | ( expr ) | true | false | primitive
 *   primitive ::= qualifiers [ [POS:LEN] ] [ &amp; MASK ] [ RELATION ] [ VALUE ]
 * </pre>
 * Qualifiers are a type word (host, net, port, proto, opt, frag, ttl, ...), a protocol (tcp,
 * udp, icmp, ...), a direction (src, dst, src or dst, src and dst), {@code ip}, and {@code not}.
 * A primitive without qualifiers inherits type, direction and protocol from the one before it, so
 * {@code src host 192.0.2.1 or 192.0.2.2} tests the source address twice and {@code dst port 80
 * or 443} tests the destination port twice.
 *
 * <p>What a primitive means ({@link Primitive} settles it): transport-header tests (ports, TCP flags, ICMP type, TCP window,
 * {@code tcp[...]}) match only first fragments of the right protocol; a test of bytes the packet
 * does not hold is false. A negative relation ({@code !=}, {@code <}, {@code <=}) on a two-field
 * primitive negates the whole primitive, as in Click: {@code port != 53} matches TCP and UDP
 * packets where neither port is 53.
 */
public final class PatternParser {
    private static final int MAX_DEPTH = 100;

    /** A qualifier word that names what the primitive tests. */
    private record TypeWord(Kind kind, Field field) {
    }

    private static final Map<String, TypeWord> TYPE_WORDS = Map.ofEntries(
            Map.entry("host", new TypeWord(Kind.HOST, null)),
            Map.entry("net", new TypeWord(Kind.NET, null)),
            Map.entry("port", new TypeWord(Kind.PORT, null)),
            Map.entry("proto", new TypeWord(Kind.PROTO, null)),
            Map.entry("opt", new TypeWord(Kind.TCPOPT, null)),
            Map.entry("frag", new TypeWord(Kind.FRAG, null)),
            Map.entry("unfrag", new TypeWord(Kind.UNFRAG, null)),
            Map.entry("ect", new TypeWord(Kind.ECT, null)),
            Map.entry("ce", new TypeWord(Kind.CE, null)),
            Map.entry("vers", field("ip vers", Base.NETWORK, 0, 1, 4, 0xF, UNKNOWN)),
            Map.entry("hl", field("ip hl", Base.NETWORK, 0, 1, 0, 0xF, UNKNOWN)),
            Map.entry("tos", new TypeWord(Kind.FIELD, Primitive.TOS)),
            Map.entry("dscp", field("ip dscp", Base.NETWORK, 1, 1, 2, 0x3F, UNKNOWN)),
            Map.entry("len", field("ip len", Base.NETWORK, 2, 2, 0, 0xFFFF, UNKNOWN)),
            Map.entry("id", field("ip id", Base.NETWORK, 4, 2, 0, 0xFFFF, UNKNOWN)),
            Map.entry("ttl", field("ip ttl", Base.NETWORK, 8, 1, 0, 0xFF, UNKNOWN)),
            Map.entry("type", new TypeWord(Kind.FIELD, Primitive.ICMP_TYPE)),
            Map.entry("win", field("tcp win", Base.TRANSPORT, 14, 2, 0, 0xFFFF, Names.TCP)));

    private static TypeWord field(String name, Base base, int offset, int width, int shift, int mask, int proto) {
        return new TypeWord(Kind.FIELD, new Field(name, base, offset, width, shift, mask, proto));
    }

    private final List<String> words;
    private int pos;
    private Previous previous;

    private PatternParser(List<String> words) {
        this.words = words;
    }

    /** Parses a whole pattern; {@code -}, {@code any} and {@code all} alone match every packet. */
    public static Expr parse(String pattern) throws PatternException {
        return parse(PatternLexer.tokenize(pattern));
    }

    /** Parses a pattern already split by {@link PatternLexer}. */
    public static Expr parse(List<String> words) throws PatternException {
        if (words.isEmpty()) {
            throw new PatternException("empty pattern");
        }
        if (words.size() == 1 && (words.get(0).equals("-") || words.get(0).equals("any")
                || words.get(0).equals("all"))) {
            return Expr.TRUE;
        }
        PatternParser p = new PatternParser(words);
        Expr e = p.expr(0);
        if (p.pos < words.size()) {
            throw new PatternException("unexpected \"" + words.get(p.pos) + "\" after a complete expression");
        }
        return e;
    }

    // ---- expressions ----

    private Expr expr(int depth) throws PatternException {
        if (depth > MAX_DEPTH) {
            throw new PatternException("pattern nested more than " + MAX_DEPTH + " levels deep");
        }
        Expr cond = orExpr(depth);
        if (!at("?")) {
            return cond;
        }
        pos++;
        Expr then = expr(depth + 1);
        if (!at(":")) {
            throw expected("\":\" (with spaces around it) to go with \"?\"", pos);
        }
        pos++;
        return Expr.ternary(cond, then, expr(depth + 1));
    }

    private Expr orExpr(int depth) throws PatternException {
        Expr e = term(depth);
        while (at("or") || at("||")) {
            pos++;
            e = Expr.or(e, term(depth));
        }
        return e;
    }

    private Expr term(int depth) throws PatternException {
        Expr e = factor(depth);
        while (pos < words.size() && !at(")") && !at("or") && !at("||") && !at("?") && !at(":")) {
            if (at("and") || at("&&")) {
                pos++;
            }
            e = Expr.and(e, factor(depth));
        }
        return e;
    }

    private Expr factor(int depth) throws PatternException {
        if (depth > MAX_DEPTH) {
            throw new PatternException("pattern nested more than " + MAX_DEPTH + " levels deep");
        }
        if (pos >= words.size()) {
            throw expected("an expression", pos);
        }
        String w = words.get(pos);
        switch (w) {
            case "not": case "!":
                pos++;
                return Expr.not(factor(depth + 1));
            case "(":
                pos++;
                Expr e = expr(depth + 1);
                if (!at(")")) {
                    throw expected("\")\" to close \"(\"", pos);
                }
                pos++;
                return e;
            case ")": case "or": case "||": case "and": case "&&": case "?": case ":":
                throw expected("an expression", pos);
            case "true":
                pos++;
                return Expr.TRUE;
            case "false":
                pos++;
                return Expr.FALSE;
            default:
                return primitive();
        }
    }

    // ---- primitives ----

    private Expr primitive() throws PatternException {
        Primitive p = new Primitive(words, pos);
        qualifiers(p);
        boolean qualified = pos > p.start;
        Previous inherit = qualified ? null : previous;
        if (qualified && p.kind == null && at("[")) {
            brackets(p);
        }
        if (at("&")) {
            ++pos;
            p.givenMask = mask();
        }
        if (pos < words.size() && Relation.ofToken(words.get(pos)) != null) {
            p.relAt = pos;
            p.givenRel = Relation.ofToken(words.get(pos++));
        }
        data(p);
        if (pos == p.start) {
            throw new PatternException("unknown word \"" + words.get(pos)
                    + "\": expected a primitive such as \"host 192.0.2.1\", \"tcp port 80\" or \"ip ttl < 5\"");
        }
        if (p.givenRel != null && p.data == DataKind.NONE) {
            throw expected("a value", pos);
        }
        p.end = pos;
        p.resolve(inherit);
        Expr e = p.build();
        previous = p.resolved();
        return p.negated ? Expr.not(e) : e;
    }

    private void qualifiers(Primitive p) throws PatternException {
        boolean sawIp = false;
        while (pos < words.size()) {
            String w = words.get(pos);
            TypeWord tw = TYPE_WORDS.get(w);
            Integer proto = Names.PROTOCOLS.get(w);
            if (tw != null) {
                if (p.kind != null) {
                    throw new PatternException("\"" + p.typeWord + "\" and \"" + w
                            + "\" in one primitive: write one test per primitive and join them with and/or");
                }
                p.kind = tw.kind();
                p.field = tw.field();
                p.typeWord = w;
                if (tw.field() != null && tw.field().proto() != UNKNOWN) {
                    p.setProto(tw.field().proto(), tw.field().name());
                }
            } else if (proto != null) {
                p.setProto(proto, w);
            } else if (w.equals("src")) {
                String joiner = pos + 2 < words.size() ? words.get(pos + 1) : "";
                boolean pair = pos + 2 < words.size()
                        && (words.get(pos + 2).equals("dst") || words.get(pos + 2).equals("dest"));
                if (pair && (joiner.equals("or") || joiner.equals("||"))) {
                    p.setDir(Dir.OR, w);
                    pos += 2;
                } else if (pair && (joiner.equals("and") || joiner.equals("&&"))) {
                    p.setDir(Dir.AND, w);
                    pos += 2;
                } else {
                    p.setDir(Dir.SRC, w);
                }
            } else if (w.equals("dst") || w.equals("dest")) {
                p.setDir(Dir.DST, w);
            } else if (w.equals("ip") && !sawIp) {
                sawIp = true;
            } else if (w.equals("not") || w.equals("!")) {
                // As in Click, a "not" among the qualifiers negates the whole primitive.
                p.negated = !p.negated;
            } else {
                return;
            }
            pos++;
        }
    }

    /** {@code [POS]}, {@code [POS:LEN]} or {@code [POS,LAST]} after {@code ip}, {@code tcp}, {@code transp}, ... */
    private void brackets(Primitive p) throws PatternException {
        int open = pos++;
        StringBuilder text = new StringBuilder();
        while (pos < words.size() && !at("]")) {
            text.append(words.get(pos++));
        }
        if (pos >= words.size()) {
            throw expected("\"]\" to close \"[\"", pos);
        }
        pos++;
        String s = text.toString();
        long offset;
        long length;
        try {
            int colon = s.indexOf(':');
            int comma = s.indexOf(',');
            if (colon >= 0) {
                offset = ConfigText.parseLong(s.substring(0, colon));
                length = ConfigText.parseLong(s.substring(colon + 1));
            } else if (comma >= 0) {
                offset = ConfigText.parseLong(s.substring(0, comma));
                length = ConfigText.parseLong(s.substring(comma + 1)) - offset + 1;
            } else {
                offset = ConfigText.parseLong(s);
                length = 1;
            }
        } catch (NumberFormatException e) {
            throw new PatternException("expected [POS] or [POS:LEN] after \"" + words.get(open - 1) + "\", got \"["
                    + s + "]\"");
        }
        if (offset < 0 || offset > 0xFFFF) {
            throw new PatternException("field position " + offset + " in \"[" + s + "]\" out of range (0-65535)");
        }
        if (length < 1 || length > 4) {
            throw new PatternException("field length in \"[" + s + "]\" must be 1 to 4 bytes");
        }
        int width = (int) length;
        Base base = p.proto == UNKNOWN ? Base.NETWORK : Base.TRANSPORT;
        String name = (p.proto == UNKNOWN ? "ip" : Names.protocolName(p.proto)) + "[" + s + "]";
        p.kind = Kind.FIELD;
        p.field = new Field(name, base, (int) offset, width, 0, (int) ((1L << (8 * width)) - 1), p.proto);
        p.typeWord = name;
    }

    private Long mask() throws PatternException {
        if (pos < words.size()) {
            String w = words.get(pos);
            Long m = unsignedOrNull(w);
            if (m == null) {
                try {
                    m = Integer.toUnsignedLong(IPAddress.parse(w));
                } catch (IllegalArgumentException e) {
                    m = null;
                }
            }
            if (m != null) {
                if (m == 0) {
                    throw new PatternException("mask after \"&\" must not be zero");
                }
                pos++;
                return m;
            }
        }
        throw expected("a mask (a number or an IP address)", pos);
    }

    /** Reads the value word if there is one the primitive can use; leaves pos alone otherwise. */
    private void data(Primitive p) throws PatternException {
        p.dataAt = pos;
        if (pos >= words.size()) {
            return;
        }
        String w = words.get(pos);
        if (TYPE_WORDS.containsKey(w)) {
            return;
        }
        Integer proto = Names.PROTOCOLS.get(w);
        if (proto != null && (p.kind == null || p.kind == Kind.PROTO)) {
            p.data = DataKind.PROTO;
            p.datum = proto;
            pos++;
            return;
        }
        if (name(p, w)) {
            pos++;
            return;
        }
        Long v = unsignedOrNull(w);
        if (v != null) {
            p.data = DataKind.INT;
            p.datum = v;
            pos++;
            return;
        }
        Integer addr = addressOrNull(w);
        if (addr != null) {
            p.datum = Integer.toUnsignedLong(addr);
            p.data = DataKind.HOST;
            pos++;
            if (at("mask")) {
                Integer mask = pos + 1 < words.size() ? addressOrNull(words.get(pos + 1)) : null;
                if (mask == null) {
                    throw expected("a netmask such as 255.255.255.0", pos + 1);
                }
                p.netmask = mask;
                p.data = DataKind.NET;
                pos += 2;
            }
            return;
        }
        if (w.indexOf('/') > 0) {
            try {
                IPPrefix prefix = IPPrefix.parse(w);
                p.data = DataKind.NET;
                p.datum = Integer.toUnsignedLong(prefix.addr());
                p.netmask = prefix.mask();
                pos++;
            } catch (IllegalArgumentException e) {
                // not data: the caller reports what it expected
            }
        }
    }

    /**
     * Looks {@code w} up as a port name, TCP flag or ICMP type, among those the primitive's type
     * and protocol allow. A name that fits none or several of them is an error, as in Click.
     */
    private boolean name(Primitive p, String w) throws PatternException {
        Integer port = Names.PORTS.get(w);
        Integer flag = Names.TCP_FLAGS.get(w);
        Integer icmp = Names.ICMP_TYPES.get(w);
        if (port == null && flag == null && icmp == null) {
            return false;
        }
        int proto = p.proto;
        boolean portFits = port != null && (p.kind == null || p.kind == Kind.PORT)
                && (proto == UNKNOWN || proto == Names.TCP || proto == Names.UDP || proto == Names.TCP_OR_UDP
                    || proto == Names.DCCP);
        boolean flagFits = flag != null && (p.kind == null || p.kind == Kind.TCPOPT)
                && (proto == UNKNOWN || proto == Names.TCP || proto == Names.TCP_OR_UDP);
        boolean icmpFits = icmp != null && (p.kind == null || p.field == Primitive.ICMP_TYPE)
                && (proto == UNKNOWN || proto == Names.ICMP);
        int fits = (portFits ? 1 : 0) + (flagFits ? 1 : 0) + (icmpFits ? 1 : 0);
        if (fits == 1) {
            p.data = portFits ? DataKind.PORT : flagFits ? DataKind.TCPOPT : DataKind.ICMP_TYPE;
            p.datum = portFits ? port : flagFits ? flag : icmp;
            return true;
        }
        StringBuilder tries = new StringBuilder();
        if (port != null) {
            tries.append("\"port ").append(w).append('"');
        }
        if (flag != null) {
            tries.append(tries.length() > 0 ? " or " : "").append("\"tcp opt ").append(w).append('"');
        }
        if (icmp != null) {
            tries.append(tries.length() > 0 ? " or " : "").append("\"icmp type ").append(w).append('"');
        }
        String written = String.join(" ", words.subList(p.start, pos + 1));
        throw new PatternException("\"" + written + "\" is " + (fits > 1 ? "ambiguous" : "meaningless")
                + "; try " + tries);
    }

    // ---- words ----

    private boolean at(String w) {
        return pos < words.size() && words.get(pos).equals(w);
    }

    private PatternException expected(String what, int at) {
        return expected(words, what, at);
    }

    /** "expected WHAT after PREVIOUS WORD, got WORD AT {@code at}". */
    static PatternException expected(List<String> words, String what, int at) {
        String after = at > 0 ? " after \"" + words.get(at - 1) + "\"" : "";
        String got = at < words.size() ? "\"" + words.get(at) + "\"" : "end of pattern";
        String hint = at < words.size() && words.get(at).matches("\\d+-\\d+")
                ? " (for a range, write e.g. \"dst port >= 1000 and <= 2000\")" : "";
        return new PatternException("expected " + what + after + ", got " + got + hint);
    }

    private static Integer addressOrNull(String w) {
        try {
            return IPAddress.parse(w);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A non-negative number of at most 32 bits, or null if {@code w} is not a number at all. */
    private Long unsignedOrNull(String w) throws PatternException {
        if (w.isEmpty() || !(Character.isDigit(w.charAt(0)) || (w.charAt(0) == '-' && w.length() > 1
                && Character.isDigit(w.charAt(1))))) {
            return null;
        }
        long v;
        try {
            v = ConfigText.parseLong(w);
        } catch (NumberFormatException e) {
            return null;
        }
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new PatternException("number " + w + " out of range (0-4294967295)");
        }
        return v;
    }
}

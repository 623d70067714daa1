package click.elements.ip.classifier;

import click.api.ConfigText;
import click.api.net.IPAddress;
import click.api.net.IPPrefix;
import click.elements.ip.classifier.FieldTest.Base;
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
 * <p>What a primitive means: transport-header tests (ports, TCP flags, ICMP type, TCP window,
 * {@code tcp[...]}) match only first fragments of the right protocol; a test of bytes the packet
 * does not hold is false. A negative relation ({@code !=}, {@code <}, {@code <=}) on a two-field
 * primitive negates the whole primitive, as in Click: {@code port != 53} matches TCP and UDP
 * packets where neither port is 53.
 */
public final class PatternParser {
    private static final int UNKNOWN = -1;
    private static final int MAX_DEPTH = 100;

    private enum Kind { HOST, NET, PORT, PROTO, TCPOPT, FRAG, UNFRAG, ECT, CE, FIELD }

    private enum Dir { NONE, SRC, DST, OR, AND }

    private enum DataKind { NONE, INT, HOST, NET, PROTO, PORT, TCPOPT, ICMP_TYPE }

    /** A header field a primitive can compare: where it is, how wide, and which protocol it needs. */
    private record Field(String name, Base base, int offset, int width, int shift, int mask, int proto) {
    }

    private static final Field TOS = new Field("ip tos", Base.NETWORK, 1, 1, 0, 0xFF, UNKNOWN);
    private static final Field ICMP_TYPE = new Field("icmp type", Base.TRANSPORT, 0, 1, 0, 0xFF, Names.ICMP);

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
            Map.entry("tos", new TypeWord(Kind.FIELD, TOS)),
            Map.entry("dscp", field("ip dscp", Base.NETWORK, 1, 1, 2, 0x3F, UNKNOWN)),
            Map.entry("len", field("ip len", Base.NETWORK, 2, 2, 0, 0xFFFF, UNKNOWN)),
            Map.entry("id", field("ip id", Base.NETWORK, 4, 2, 0, 0xFFFF, UNKNOWN)),
            Map.entry("ttl", field("ip ttl", Base.NETWORK, 8, 1, 0, 0xFF, UNKNOWN)),
            Map.entry("type", new TypeWord(Kind.FIELD, ICMP_TYPE)),
            Map.entry("win", field("tcp win", Base.TRANSPORT, 14, 2, 0, 0xFFFF, Names.TCP)));

    private static TypeWord field(String name, Base base, int offset, int width, int shift, int mask, int proto) {
        return new TypeWord(Kind.FIELD, new Field(name, base, offset, width, shift, mask, proto));
    }

    private static final Expr FIRST_FRAGMENT = Expr.leaf(new FieldTest(Base.NETWORK, 6, 2, 0, 0x1FFF, Relation.EQ, 0));

    /** What the previous primitive resolved to, for the next one to inherit. */
    private record Previous(Kind kind, Field field, Dir dir, int proto) {
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

    /** The parts of one primitive as written, before its meaning is settled. */
    private final class Primitive {
        final int start = pos;
        Kind kind;
        Field field;
        String typeWord;
        Dir dir = Dir.NONE;
        int proto = UNKNOWN;
        String protoWord;
        boolean negated;
        Long mask;
        int maskAt;
        Relation rel;
        int relAt;
        DataKind data = DataKind.NONE;
        int dataAt;
        long value;
        int netmask;

        void setProto(int p, String word) throws PatternException {
            if (proto != UNKNOWN && proto != p) {
                throw new PatternException("two protocols in one primitive: \"" + protoWord + "\" and \""
                        + word + "\"");
            }
            proto = p;
            protoWord = word;
        }

        void setDir(Dir d, String word) throws PatternException {
            if (dir != Dir.NONE) {
                throw new PatternException("\"" + word + "\": source or destination given twice");
            }
            dir = d;
        }
    }

    private Expr primitive() throws PatternException {
        Primitive p = new Primitive();
        qualifiers(p);
        boolean qualified = pos > p.start;
        Previous inherit = qualified ? null : previous;
        if (qualified && p.kind == null && at("[")) {
            brackets(p);
        }
        if (at("&")) {
            p.maskAt = ++pos;
            p.mask = mask();
        }
        if (pos < words.size() && Relation.ofToken(words.get(pos)) != null) {
            p.relAt = pos;
            p.rel = Relation.ofToken(words.get(pos++));
        }
        data(p);
        if (pos == p.start) {
            throw new PatternException("unknown word \"" + words.get(pos)
                    + "\": expected a primitive such as \"host 192.0.2.1\", \"tcp port 80\" or \"ip ttl < 5\"");
        }
        if (p.rel != null && p.data == DataKind.NONE) {
            throw expected("a value", pos);
        }
        resolve(p, inherit);
        Expr e = build(p);
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
            p.value = proto;
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
            p.value = v;
            pos++;
            return;
        }
        Integer addr = addressOrNull(w);
        if (addr != null) {
            p.value = Integer.toUnsignedLong(addr);
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
                p.value = Integer.toUnsignedLong(prefix.addr());
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
        boolean icmpFits = icmp != null && (p.kind == null || p.field == ICMP_TYPE)
                && (proto == UNKNOWN || proto == Names.ICMP);
        int fits = (portFits ? 1 : 0) + (flagFits ? 1 : 0) + (icmpFits ? 1 : 0);
        if (fits == 1) {
            p.data = portFits ? DataKind.PORT : flagFits ? DataKind.TCPOPT : DataKind.ICMP_TYPE;
            p.value = portFits ? port : flagFits ? flag : icmp;
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

    /** Settles the primitive's type from its value and the previous primitive, as Click does. */
    private void resolve(Primitive p, Previous inherit) throws PatternException {
        if (p.kind != null) {
            return;
        }
        switch (p.data) {
            case HOST: case NET: case TCPOPT:
                p.kind = p.data == DataKind.HOST ? Kind.HOST : p.data == DataKind.NET ? Kind.NET : Kind.TCPOPT;
                if (p.dir == Dir.NONE && inherit != null) {
                    p.dir = inherit.dir();
                }
                return;
            case PORT:
                p.kind = Kind.PORT;
                inheritPort(p, inherit);
                return;
            case PROTO:
                p.kind = Kind.PROTO;
                return;
            case ICMP_TYPE:
                p.kind = Kind.FIELD;
                p.field = ICMP_TYPE;
                p.setProto(Names.ICMP, "icmp type");
                return;
            case INT:
                if (inherit == null || (inherit.kind() != Kind.FIELD && inherit.kind() != Kind.PROTO
                        && inherit.kind() != Kind.PORT)) {
                    throw new PatternException("a bare number needs a field before it, as in \"port "
                            + words.get(p.dataAt) + "\" or \"ip ttl " + words.get(p.dataAt) + "\"; got \""
                            + String.join(" ", words.subList(p.start, pos)) + "\"");
                }
                p.kind = inherit.kind();
                p.field = inherit.field();
                if (p.kind == Kind.PORT) {
                    inheritPort(p, inherit);
                } else if (p.kind == Kind.FIELD && p.field.proto() != UNKNOWN && p.proto == UNKNOWN) {
                    p.proto = p.field.proto();
                }
                return;
            default:
                if (p.proto != UNKNOWN) {
                    p.kind = Kind.PROTO;
                    return;
                }
                throw expected("a type (host, net, port, proto, ...) or a value", p.dataAt);
        }
    }

    private static void inheritPort(Primitive p, Previous inherit) {
        if (inherit != null) {
            if (p.dir == Dir.NONE) {
                p.dir = inherit.dir();
            }
            if (p.proto == UNKNOWN) {
                p.proto = inherit.proto();
            }
        }
    }

    private Expr build(Primitive p) throws PatternException {
        Relation rel = p.rel == null ? Relation.EQ : p.rel;
        Expr core;
        int prevProto = p.proto;
        switch (p.kind) {
            case HOST: case NET: {
                boolean isNet = p.kind == Kind.NET;
                if (p.data != (isNet ? DataKind.NET : DataKind.HOST)) {
                    throw expected(isNet ? "an IP prefix (ADDR/LEN or ADDR mask MASK)" : "an IP address", p.dataAt);
                }
                onlyEquality(p, rel);
                long mask = p.mask != null ? p.mask : isNet ? Integer.toUnsignedLong(p.netmask) : 0xFFFFFFFFL;
                if (p.dir == Dir.NONE) {
                    p.dir = Dir.OR;
                }
                core = twoFields(p.dir, rel, Base.NETWORK, 12, 16, 4, (int) mask, (int) (p.value & mask));
                break;
            }
            case PORT: {
                if (p.proto == UNKNOWN) {
                    p.proto = Names.TCP_OR_UDP;
                } else if (p.proto != Names.TCP && p.proto != Names.UDP && p.proto != Names.TCP_OR_UDP
                        && p.proto != Names.DCCP) {
                    throw new PatternException("\"port\" needs tcp, udp or dccp, not \"" + Names.protocolName(p.proto)
                            + "\"");
                }
                if (p.data != DataKind.INT && p.data != DataKind.PORT) {
                    throw expected("a port number", p.dataAt);
                }
                int mask = checkMask(p, "port", 0xFFFF);
                checkValue(p, rel, "port", 0xFFFF);
                if (p.dir == Dir.NONE) {
                    p.dir = Dir.OR;
                }
                prevProto = p.proto;
                core = Expr.and(FIRST_FRAGMENT,
                        twoFields(p.dir, rel, Base.TRANSPORT, 0, 2, 2, mask, (int) p.value));
                break;
            }
            case PROTO: {
                long value;
                if (p.data == DataKind.INT || p.data == DataKind.PROTO) {
                    if (p.protoWord != null && p.value != p.proto) {
                        throw new PatternException("protocol given twice: \"" + p.protoWord + "\" and \""
                                + words.get(p.dataAt) + "\"");
                    }
                    value = p.value;
                } else if (p.data == DataKind.NONE && p.proto != UNKNOWN) {
                    value = p.proto;
                } else {
                    throw expected("an IP protocol name or number", p.dataAt);
                }
                p.proto = UNKNOWN;   // the protocol is the test itself, not a guard
                prevProto = UNKNOWN;
                if (value > 0xFF && p.data != DataKind.INT) {
                    // tcpudp and transp: sets of protocols, not numbers
                    if (p.mask != null || (rel != Relation.EQ && rel != Relation.NE)) {
                        throw new PatternException("\"" + Names.protocolName((int) value)
                                + "\" takes no relation other than == and != and no mask");
                    }
                    core = value == Names.ANY_TRANSPORT ? Expr.TRUE : Expr.or(protoIs(Names.TCP), protoIs(Names.UDP));
                    if (rel == Relation.NE) {
                        core = Expr.and(Expr.leaf(FieldTest.available(Base.NETWORK, 10)), Expr.not(core));
                    } else {
                        prevProto = (int) value;
                    }
                    break;
                }
                p.value = value;
                int mask = checkMask(p, "ip proto", 0xFF);
                checkValue(p, rel, "ip proto", 0xFF);
                if (rel == Relation.EQ && mask == 0xFF) {
                    prevProto = (int) value;
                }
                core = Expr.leaf(new FieldTest(Base.NETWORK, 9, 1, 0, mask, rel, (int) value));
                break;
            }
            case TCPOPT: {
                if (p.proto == UNKNOWN) {
                    p.proto = Names.TCP;
                } else if (p.proto != Names.TCP) {
                    throw new PatternException("\"tcp opt\" needs tcp, not \"" + Names.protocolName(p.proto) + "\"");
                }
                if (p.data != DataKind.TCPOPT && p.data != DataKind.INT) {
                    throw expected("a TCP flag (syn, fin, ack, rst, psh, urg)", p.dataAt);
                }
                if (rel != Relation.EQ || p.mask != null) {
                    throw new PatternException("\"tcp opt\" takes no relation and no mask; use \"not\" to negate it");
                }
                checkValue(p, rel, "tcp opt", 0xFF);
                prevProto = p.proto;
                int flags = (int) p.value;
                core = Expr.and(FIRST_FRAGMENT,
                        Expr.leaf(new FieldTest(Base.TRANSPORT, 13, 1, 0, flags, Relation.EQ, flags)));
                break;
            }
            case FRAG: case UNFRAG: case CE: {
                if (p.data != DataKind.NONE || p.mask != null || p.rel != null) {
                    throw new PatternException("\"" + p.typeWord + "\" takes no value, relation or mask");
                }
                core = p.kind == Kind.CE
                        ? Expr.leaf(new FieldTest(Base.NETWORK, 1, 1, 0, 3, Relation.EQ, 3))
                        : Expr.leaf(new FieldTest(Base.NETWORK, 6, 2, 0, 0x3FFF,
                                p.kind == Kind.FRAG ? Relation.NE : Relation.EQ, 0));
                break;
            }
            case ECT: {
                if (p.data == DataKind.NONE) {
                    if (p.mask != null) {
                        throw new PatternException("\"ect\" with a mask needs a value");
                    }
                    core = Expr.leaf(new FieldTest(Base.NETWORK, 1, 1, 0, 3, Relation.NE, 0));
                    break;
                }
                if (p.data != DataKind.INT) {
                    throw expected("an ECN value (0-3)", p.dataAt);
                }
                int mask = checkMask(p, "ip ect", 3);
                checkValue(p, rel, "ip ect", 3);
                core = Expr.leaf(new FieldTest(Base.NETWORK, 1, 1, 0, mask, rel, (int) p.value));
                break;
            }
            default: {
                Field f = p.field;
                boolean icmpType = f == ICMP_TYPE;
                if (p.data != DataKind.INT && !(icmpType && p.data == DataKind.ICMP_TYPE)) {
                    throw expected(icmpType ? "an ICMP type name or number" : "a number", p.dataAt);
                }
                long full = Integer.toUnsignedLong(f.mask());
                int mask = checkMask(p, f.name(), full);
                checkValue(p, rel, f.name(), full);
                core = Expr.leaf(new FieldTest(f.base(), f.offset(), f.width(), f.shift(), mask, rel, (int) p.value));
                if (f.base() == Base.TRANSPORT) {
                    core = Expr.and(FIRST_FRAGMENT, core);
                }
                break;
            }
        }
        previous = new Previous(p.kind, p.field, p.dir, prevProto);
        return Expr.and(protoGuard(p.proto), core);
    }

    /**
     * A test of the source and/or destination field. Positive relations apply to each field and
     * combine by the direction; a negative relation negates the positive primitive as a whole.
     */
    private static Expr twoFields(Dir dir, Relation rel, Base base, int src, int dst, int width, int mask, int value) {
        if (dir == Dir.SRC || dir == Dir.DST) {
            return Expr.leaf(new FieldTest(base, dir == Dir.SRC ? src : dst, width, 0, mask, rel, value));
        }
        Relation positive = rel.negative() ? rel.complement() : rel;
        Expr s = Expr.leaf(new FieldTest(base, src, width, 0, mask, positive, value));
        Expr d = Expr.leaf(new FieldTest(base, dst, width, 0, mask, positive, value));
        Expr both = dir == Dir.OR ? Expr.or(s, d) : Expr.and(s, d);
        if (!rel.negative()) {
            return both;
        }
        return Expr.and(Expr.leaf(FieldTest.available(base, Math.max(src, dst) + width)), Expr.not(both));
    }

    private static Expr protoIs(int proto) {
        return Expr.leaf(new FieldTest(Base.NETWORK, 9, 1, 0, 0xFF, Relation.EQ, proto));
    }

    private static Expr protoGuard(int proto) {
        if (proto == UNKNOWN || proto == Names.ANY_TRANSPORT) {
            return Expr.TRUE;
        }
        if (proto == Names.TCP_OR_UDP) {
            return Expr.or(protoIs(Names.TCP), protoIs(Names.UDP));
        }
        return protoIs(proto);
    }

    private void onlyEquality(Primitive p, Relation rel) throws PatternException {
        if (rel != Relation.EQ && rel != Relation.NE) {
            throw new PatternException("\"" + words.get(p.relAt) + "\" cannot compare addresses; use == or !=");
        }
    }

    private static int checkMask(Primitive p, String what, long full) throws PatternException {
        if (p.mask == null) {
            return (int) full;
        }
        if ((p.mask & ~full) != 0) {
            throw new PatternException("mask 0x" + Long.toHexString(p.mask) + " out of range for \"" + what
                    + "\" (at most 0x" + Long.toHexString(full) + ")");
        }
        return p.mask.intValue();
    }

    /** Equality values must fit the field; order relations may exceed it (they are then constant). */
    private static void checkValue(Primitive p, Relation rel, String what, long full) throws PatternException {
        if ((rel == Relation.EQ || rel == Relation.NE) && p.value > full) {
            throw new PatternException("value " + p.value + " out of range for \"" + what + "\" (0-" + full + ")");
        }
    }

    // ---- words ----

    private boolean at(String w) {
        return pos < words.size() && words.get(pos).equals(w);
    }

    private PatternException expected(String what, int at) {
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

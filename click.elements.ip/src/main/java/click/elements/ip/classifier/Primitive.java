package click.elements.ip.classifier;

import click.elements.ip.classifier.FieldTest.Base;
import java.util.List;

/**
 * One primitive of a pattern ({@code src tcp port > 1023}, {@code ip ttl 5}, {@code syn}): the
 * parts {@link PatternParser} collected as written, then what Click makes of them. {@link #resolve}
 * settles the type (from the value, or inherited from the previous primitive), and {@link #build}
 * checks values, masks and relations and turns the primitive into field tests, with the protocol
 * and first-fragment guards that transport-header tests need.
 */
final class Primitive {
    static final int UNKNOWN = -1;

    enum Kind { HOST, NET, PORT, PROTO, TCPOPT, FRAG, UNFRAG, ECT, CE, FIELD }

    enum Dir { NONE, SRC, DST, OR, AND }

    enum DataKind { NONE, INT, HOST, NET, PROTO, PORT, TCPOPT, ICMP_TYPE }

    /** A header field a primitive can compare: where it is, how wide, and which protocol it needs. */
    record Field(String name, Base base, int offset, int width, int shift, int mask, int proto) {
    }

    static final Field TOS = new Field("ip tos", Base.NETWORK, 1, 1, 0, 0xFF, UNKNOWN);
    static final Field ICMP_TYPE = new Field("icmp type", Base.TRANSPORT, 0, 1, 0, 0xFF, Names.ICMP);

    private static final Expr FIRST_FRAGMENT = Expr.leaf(new FieldTest(Base.NETWORK, 6, 2, 0, 0x1FFF, Relation.EQ, 0));

    /** What the previous primitive resolved to, for the next one to inherit. */
    record Previous(Kind kind, Field field, Dir dir, int proto) {
    }

    private final List<String> words;
    /** Index of the primitive's first word, and of the word after its last. */
    final int start;
    int end;

    // As written (set by the parser); kind and field may also be settled by resolve().
    Kind kind;
    Field field;
    String typeWord;
    Dir dir = Dir.NONE;
    int proto = UNKNOWN;
    String protoWord;
    boolean negated;
    Long givenMask;
    Relation givenRel;
    int relAt;
    DataKind data = DataKind.NONE;
    int dataAt;
    long datum;
    int netmask;

    private Previous resolved;

    Primitive(List<String> words, int start) {
        this.words = words;
        this.start = start;
    }

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

    /** What this primitive came to, for the next one to inherit; set by {@link #build}. */
    Previous resolved() {
        return resolved;
    }

    /** Settles the primitive's type from its value and the previous primitive, as Click does. */
    void resolve(Previous inherit) throws PatternException {
        if (kind != null) {
            return;
        }
        switch (data) {
            case HOST: case NET: case TCPOPT:
                kind = data == DataKind.HOST ? Kind.HOST : data == DataKind.NET ? Kind.NET : Kind.TCPOPT;
                if (dir == Dir.NONE && inherit != null) {
                    dir = inherit.dir();
                }
                return;
            case PORT:
                kind = Kind.PORT;
                inheritPort(inherit);
                return;
            case PROTO:
                kind = Kind.PROTO;
                return;
            case ICMP_TYPE:
                kind = Kind.FIELD;
                field = ICMP_TYPE;
                setProto(Names.ICMP, "icmp type");
                return;
            case INT:
                if (inherit == null || (inherit.kind() != Kind.FIELD && inherit.kind() != Kind.PROTO
                        && inherit.kind() != Kind.PORT)) {
                    throw new PatternException("a bare number needs a field before it, as in \"port "
                            + words.get(dataAt) + "\" or \"ip ttl " + words.get(dataAt) + "\"; got \""
                            + String.join(" ", words.subList(start, end)) + "\"");
                }
                kind = inherit.kind();
                field = inherit.field();
                if (kind == Kind.PORT) {
                    inheritPort(inherit);
                } else if (kind == Kind.FIELD && field.proto() != UNKNOWN && proto == UNKNOWN) {
                    proto = field.proto();
                }
                return;
            default:
                if (proto != UNKNOWN) {
                    kind = Kind.PROTO;
                    return;
                }
                throw expected("a type (host, net, port, proto, ...) or a value", dataAt);
        }
    }

    private void inheritPort(Previous inherit) {
        if (inherit != null) {
            if (dir == Dir.NONE) {
                dir = inherit.dir();
            }
            if (proto == UNKNOWN) {
                proto = inherit.proto();
            }
        }
    }

    Expr build() throws PatternException {
        Relation rel = givenRel == null ? Relation.EQ : givenRel;
        Expr core;
        int prevProto = proto;
        switch (kind) {
            case HOST: case NET: {
                boolean isNet = kind == Kind.NET;
                if (data != (isNet ? DataKind.NET : DataKind.HOST)) {
                    throw expected(isNet ? "an IP prefix (ADDR/LEN or ADDR mask MASK)" : "an IP address", dataAt);
                }
                onlyEquality(rel);
                long mask = givenMask != null ? givenMask : isNet ? Integer.toUnsignedLong(netmask) : 0xFFFFFFFFL;
                if (dir == Dir.NONE) {
                    dir = Dir.OR;
                }
                core = twoFields(dir, rel, Base.NETWORK, 12, 16, 4, (int) mask, (int) (datum & mask));
                break;
            }
            case PORT: {
                if (proto == UNKNOWN) {
                    proto = Names.TCP_OR_UDP;
                } else if (proto != Names.TCP && proto != Names.UDP && proto != Names.TCP_OR_UDP
                        && proto != Names.DCCP) {
                    throw new PatternException("\"port\" needs tcp, udp or dccp, not \"" + Names.protocolName(proto)
                            + "\"");
                }
                if (data != DataKind.INT && data != DataKind.PORT) {
                    throw expected("a port number", dataAt);
                }
                int mask = checkMask("port", 0xFFFF);
                checkValue(rel, "port", 0xFFFF);
                if (dir == Dir.NONE) {
                    dir = Dir.OR;
                }
                prevProto = proto;
                core = Expr.and(FIRST_FRAGMENT,
                        twoFields(dir, rel, Base.TRANSPORT, 0, 2, 2, mask, (int) datum));
                break;
            }
            case PROTO: {
                long value;
                if (data == DataKind.INT || data == DataKind.PROTO) {
                    if (protoWord != null && datum != proto) {
                        throw new PatternException("protocol given twice: \"" + protoWord + "\" and \""
                                + words.get(dataAt) + "\"");
                    }
                    value = datum;
                } else if (data == DataKind.NONE && proto != UNKNOWN) {
                    value = proto;
                } else {
                    throw expected("an IP protocol name or number", dataAt);
                }
                proto = UNKNOWN;   // the protocol is the test itself, not a guard
                prevProto = UNKNOWN;
                if (value > 0xFF && data != DataKind.INT) {
                    // tcpudp and transp: sets of protocols, not numbers
                    if (givenMask != null || (rel != Relation.EQ && rel != Relation.NE)) {
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
                datum = value;
                int mask = checkMask("ip proto", 0xFF);
                checkValue(rel, "ip proto", 0xFF);
                if (rel == Relation.EQ && mask == 0xFF) {
                    prevProto = (int) value;
                }
                core = Expr.leaf(new FieldTest(Base.NETWORK, 9, 1, 0, mask, rel, (int) value));
                break;
            }
            case TCPOPT: {
                if (proto == UNKNOWN) {
                    proto = Names.TCP;
                } else if (proto != Names.TCP) {
                    throw new PatternException("\"tcp opt\" needs tcp, not \"" + Names.protocolName(proto) + "\"");
                }
                if (data != DataKind.TCPOPT && data != DataKind.INT) {
                    throw expected("a TCP flag (syn, fin, ack, rst, psh, urg)", dataAt);
                }
                if (rel != Relation.EQ || givenMask != null) {
                    throw new PatternException("\"tcp opt\" takes no relation and no mask; use \"not\" to negate it");
                }
                checkValue(rel, "tcp opt", 0xFF);
                prevProto = proto;
                int flags = (int) datum;
                core = Expr.and(FIRST_FRAGMENT,
                        Expr.leaf(new FieldTest(Base.TRANSPORT, 13, 1, 0, flags, Relation.EQ, flags)));
                break;
            }
            case FRAG: case UNFRAG: case CE: {
                if (data != DataKind.NONE || givenMask != null || givenRel != null) {
                    throw new PatternException("\"" + typeWord + "\" takes no value, relation or mask");
                }
                core = kind == Kind.CE
                        ? Expr.leaf(new FieldTest(Base.NETWORK, 1, 1, 0, 3, Relation.EQ, 3))
                        : Expr.leaf(new FieldTest(Base.NETWORK, 6, 2, 0, 0x3FFF,
                                kind == Kind.FRAG ? Relation.NE : Relation.EQ, 0));
                break;
            }
            case ECT: {
                if (data == DataKind.NONE) {
                    if (givenMask != null) {
                        throw new PatternException("\"ect\" with a mask needs a value");
                    }
                    core = Expr.leaf(new FieldTest(Base.NETWORK, 1, 1, 0, 3, Relation.NE, 0));
                    break;
                }
                if (data != DataKind.INT) {
                    throw expected("an ECN value (0-3)", dataAt);
                }
                int mask = checkMask("ip ect", 3);
                checkValue(rel, "ip ect", 3);
                core = Expr.leaf(new FieldTest(Base.NETWORK, 1, 1, 0, mask, rel, (int) datum));
                break;
            }
            default: {
                Field f = field;
                boolean icmpType = f == ICMP_TYPE;
                if (data != DataKind.INT && !(icmpType && data == DataKind.ICMP_TYPE)) {
                    throw expected(icmpType ? "an ICMP type name or number" : "a number", dataAt);
                }
                long full = Integer.toUnsignedLong(f.mask());
                int mask = checkMask(f.name(), full);
                checkValue(rel, f.name(), full);
                core = Expr.leaf(new FieldTest(f.base(), f.offset(), f.width(), f.shift(), mask, rel, (int) datum));
                if (f.base() == Base.TRANSPORT) {
                    core = Expr.and(FIRST_FRAGMENT, core);
                }
                break;
            }
        }
        resolved = new Previous(kind, field, dir, prevProto);
        return Expr.and(protoGuard(proto), core);
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

    private void onlyEquality(Relation rel) throws PatternException {
        if (rel != Relation.EQ && rel != Relation.NE) {
            throw new PatternException("\"" + words.get(relAt) + "\" cannot compare addresses; use == or !=");
        }
    }

    private int checkMask(String what, long full) throws PatternException {
        if (givenMask == null) {
            return (int) full;
        }
        if ((givenMask & ~full) != 0) {
            throw new PatternException("mask 0x" + Long.toHexString(givenMask) + " out of range for \"" + what
                    + "\" (at most 0x" + Long.toHexString(full) + ")");
        }
        return givenMask.intValue();
    }

    /** Equality values must fit the field; order relations may exceed it (they are then constant). */
    private void checkValue(Relation rel, String what, long full) throws PatternException {
        if ((rel == Relation.EQ || rel == Relation.NE) && datum > full) {
            throw new PatternException("value " + datum + " out of range for \"" + what + "\" (0-" + full + ")");
        }
    }

    private PatternException expected(String what, int at) {
        return PatternParser.expected(words, what, at);
    }
}

package click.elements.ipsec;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementContext;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.net.Headers;
import click.api.net.IPv4;

/**
 * <h2>IPsecESPEncap</h2>
 * <b>Synopsis:</b> {@code IPsecESPEncap(SAD, SA [, keywords TTL, DF])}
 * <p><b>Encrypts IPv4 packets into an ESP tunnel (RFC 4303 tunnel mode).</b> Category: IPsec.
 * Ports: 1 input, 1 output, agnostic.
 *
 * <p><b>Processing:</b> the input packet's data must start with an IPv4 header (the output path
 * of an IP router, before ARP). Using the SA named SA in the IPsecSADatabase SAD, it:
 * <ol>
 * <li>takes the SA's next sequence number (an atomic increment: several threads may encrypt for
 * one SA, and no number is ever used twice);</li>
 * <li>appends the ESP trailer: padding bytes 1, 2, 3, ... up to the cipher's block size (4 bytes
 * for GCM), the pad length, and next header 4 (IPv4 in IP);</li>
 * <li>prepends the ESP header: SPI, sequence number and IV. CBC IVs are random, from a per-thread
 * generator seeded by SecureRandom; the GCM IV is the 64-bit sequence number, which never repeats
 * within an SA (RFC 4106 section 3.1);</li>
 * <li>encrypts the inner packet and trailer in place and appends the ICV (the truncated HMAC over
 * the ESP header, IV and ciphertext, or the GCM tag, whose additional data is SPI and sequence
 * number);</li>
 * <li>prepends the outer IPv4 header (as in RFC 2003 IP-in-IP): protocol 50, the SA's source and
 * destination, TTL, the inner TOS byte, and a fresh identification: the low 16 bits of the
 * sequence number, unique per SA for 65536 packets and free of any shared counter of its own.</li>
 * </ol>
 * The packet leaves with its network header annotation on the outer header and its destination
 * address annotation set to the tunnel's far end, ready for the route lookup toward the peer.
 *
 * <p>Dropped (and counted by reason) instead: packets that are not IPv4, packets of an SA that
 * was removed, that has used up its 2^32-1 sequence numbers (RFC 4303 forbids wrapping; the SA must
 * be replaced), or that passed its hard lifetime, and packets too big for their buffer to grow by
 * the ESP overhead.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>SAD</dt><dd>element name, mandatory: the IPsecSADatabase holding the SA.</dd>
 * <dt>SA</dt><dd>word, mandatory: the SA's name; it must exist when the router starts.</dd>
 * <dt>TTL</dt><dd>integer 1-255, default 64: the outer header's TTL.</dd>
 * <dt>DF</dt><dd>{@code copy} (default), {@code set} or {@code clear}: the outer don't-fragment bit
 * copies the inner one (RFC 4301 section 8.1's default), or is always set or always clear. Note
 * that with {@code copy} an inner DF packet that grows past the outgoing MTU cannot be fragmented
 * and is answered by IPFragmenter with "fragmentation needed".</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>count (read)</dt><dd>packets encapsulated.</dd>
 * <dt>drops (read)</dt><dd>packets dropped.</dd>
 * <dt>drop_details (read)</dt><dd>one line per reason: count, name, text.</dd>
 * <dt>reset_counts (write)</dt><dd>sets count and drop counts to 0 (not the SA's counters).</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> sets the network header and the destination IP address.
 *
 * <p><b>Differences from Click:</b> Click splits ESP into stages (IPsecESPEncap adds SPI, counter
 * and a fixed 8-byte IV; IPsecAuthHMACSHA1 and IPsecDES/IPsecAES follow; IPEncap adds the outer
 * header), configured with the SPI and keys in each. This element does all of it from one SA,
 * because combined-mode GCM cannot be split into a cipher and an integrity stage, and because the
 * stages must agree on IV length, padding and ICV length, which is the SA's business. The
 * arguments are the database and SA name rather than an SPI.
 *
 * <p><b>Example</b> (two tunnels chosen by destination, as in the paper's Figure 5):
 * <pre>
 *   out :: IPClassifier(dst net 10.2.0.0/16, dst net 10.3.0.0/16, -);
 *   out[0] -> IPsecESPEncap(sad, to_site2) -> rt;
 *   out[1] -> IPsecESPEncap(sad, to_site3) -> rt;
 *   out[2] -> rt;
 * </pre>
 * <p><b>See also:</b> IPsecSADatabase, IPsecESPUnencap.
 */
@ElementInfo(ports = "1/1", processing = "a/a", category = "IPsec")
public final class IPsecESPEncap extends Element {
    /** Why a packet was not encapsulated. */
    enum Reason {
        NOT_IPV4("not an IPv4 packet"),
        NO_SA("SA removed from the database"),
        SEQUENCE_EXHAUSTED("SA used all 2^32-1 sequence numbers"),
        HARD_LIFETIME("SA passed its hard lifetime"),
        NO_ROOM("no room in the buffer for the ESP overhead");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static final int OUTER = Headers.IP_MIN_LEN;
    private static final int NEXT_HEADER_IPV4 = Headers.IP_PROTO_IPIP;

    private enum DfPolicy { COPY, SET, CLEAR }

    private final EspCounters<Reason> counters = new EspCounters<>(Reason.class);
    private IPsecSADatabase database;
    private String saName;
    private IPsecSADatabase.Slot slot;
    private int ttl = 64;
    private DfPolicy df = DfPolicy.COPY;
    private IvSource cbcIvs = IvSource.RANDOM;

    @Override
    public void configure(Args args) throws ConfigException {
        IPsecSADatabase db = args.requiredPositional("SAD").asElement(IPsecSADatabase.class, null);
        String name = args.requiredPositional("SA").asWord(null);
        int t = args.optional("TTL").asInt(64, 1, 255);
        String dfWord = args.optional("DF").asWord("copy");
        DfPolicy policy = switch (dfWord.toLowerCase(java.util.Locale.ROOT)) {
            case "copy" -> DfPolicy.COPY;
            case "set", "true" -> DfPolicy.SET;
            case "clear", "false" -> DfPolicy.CLEAR;
            default -> {
                args.error("expected copy, set or clear for DF, got \"" + dfWord + "\"");
                yield DfPolicy.COPY;
            }
        };
        args.complete();
        database = db;
        saName = name;
        ttl = t;
        df = policy;
    }

    @Override
    public void initialize(ElementContext ctx) throws ConfigException {
        // the database is configured by now, whatever the declaration order
        IPsecSADatabase.Slot s = database.slot(saName);
        if (s == null) {
            throw new ConfigException("no SA named \"" + saName + "\" in " + database.name());
        }
        slot = s;
    }

    /** For tests: the IV source of CBC SAs, to reproduce published vectors. */
    void cbcIvSource(IvSource ivs) {
        cbcIvs = ivs;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        SecurityAssociation sa = slot.sa;
        if (sa == null) {
            return drop(p, Reason.NO_SA);
        }
        int innerLength = p.length();
        if (innerLength < Headers.IP_MIN_LEN || p.u8(Headers.IP_VHL) >> 4 != 4) {
            return drop(p, Reason.NOT_IPV4);
        }
        EncryptionAlgorithm enc = sa.enc;
        int plainLength = align(innerLength + 2, enc.blockSize);
        int padLength = plainLength - innerLength - 2;
        int tail = padLength + 2 + sa.icvLength();
        int head = OUTER + EspCrypto.ESP_HEADER + enc.ivLength;
        if (p.tailroom() < tail || p.headroom() + p.tailroom() - tail < head) {
            return drop(p, Reason.NO_ROOM);
        }
        long seq = sa.nextSequence();
        if (seq > SecurityAssociation.MAX_SEQUENCE) {
            return drop(p, Reason.SEQUENCE_EXHAUSTED);
        }
        SecurityAssociation.Lifetime life = sa.charge(innerLength);
        if (life == SecurityAssociation.Lifetime.HARD_LIMIT_PASSED) {
            return drop(p, Reason.HARD_LIFETIME);
        }
        if (life == SecurityAssociation.Lifetime.SOFT_LIMIT_REACHED) {
            context().message(this, "SA " + sa.name + " passed its soft lifetime; replace it soon");
        }
        int tos = p.u8(Headers.IP_TOS);
        int innerDf = p.u16(Headers.IP_OFF) & Headers.IP_DF;

        p.put(tail);
        int t = innerLength;
        for (int i = 1; i <= padLength; i++) {
            p.setU8(t++, i);
        }
        p.setU8(t++, padLength);
        p.setU8(t, NEXT_HEADER_IPV4);

        p.push(head);
        p.setI32(OUTER, sa.spi);
        p.setI32(OUTER + 4, (int) seq);
        sa.crypto().seal(p.buffer(), p.offset() + OUTER, plainLength, seq,
                enc.combinedMode() ? IvSource.SEQUENCE : cbcIvs);

        p.setU8(Headers.IP_VHL, 0x45);
        p.setU8(Headers.IP_TOS, tos);
        p.setU16(Headers.IP_LEN, p.length());
        p.setU16(Headers.IP_ID, (int) seq);
        p.setU16(Headers.IP_OFF, switch (df) {
            case COPY -> innerDf;
            case SET -> Headers.IP_DF;
            case CLEAR -> 0;
        });
        p.setU8(Headers.IP_TTL, ttl);
        p.setU8(Headers.IP_PROTO, Headers.IP_PROTO_ESP);
        p.setI32(Headers.IP_SRC, sa.src);
        p.setI32(Headers.IP_DST, sa.dst);
        IPv4.setHeaderChecksum(p, 0);
        p.setNetworkHeader(0, OUTER);
        p.setDstIp(sa.dst);
        counters.passed();
        return p;
    }

    private static int align(int n, int block) {
        return (n + block - 1) / block * block;
    }

    private Packet drop(Packet p, Reason r) {
        counters.dropped(r);
        p.kill();
        return null;
    }

    /** Packets dropped for {@code r} (for tests). */
    long drops(Reason r) {
        return counters.drops(r);
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        counters.addHandlers(h);
    }
}

package click.elements.ipsec;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.net.Headers;
import click.api.net.IPv4;

/**
 * <h2>IPsecESPUnencap</h2>
 * <b>Synopsis:</b> {@code IPsecESPUnencap(SAD)}
 * <p><b>Decrypts ESP tunnel packets back into the IPv4 packets they carry (RFC 4303 tunnel
 * mode).</b> Category: IPsec. Ports: 1 input, 1 or 2 outputs; agnostic input and first output,
 * push second output.
 *
 * <p><b>Processing:</b> the input is an IPv4 packet of protocol 50 whose header starts at the
 * network header annotation (or at the data start without one), as CheckIPHeader leaves it. Its
 * SPI selects the SA in the IPsecSADatabase SAD. Then, in the order RFC 4303 section 3.4 gives:
 * <ol>
 * <li>the sequence number is checked against the SA's anti-replay window (section 3.4.3): too old
 * or already seen is a replay;</li>
 * <li>the ICV is verified (HMAC compared in constant time, or the GCM tag) before anything is
 * decrypted or believed;</li>
 * <li>only then is the window updated, so forged packets cannot move it;</li>
 * <li>the payload is decrypted in place, and the trailer checked: next header must be 4 (IPv4),
 * the padding must be 1, 2, 3, ... as RFC 4303 section 2.4 prescribes by default;</li>
 * <li>the outer header, ESP header, IV, trailer and ICV are removed and the inner packet leaves
 * on output 0 with its network header annotation on the inner header and its destination address
 * annotation set to the inner destination.</li>
 * </ol>
 * A packet that fails leaves on output 1 if it is connected, else it is dropped; either way it is
 * counted under its reason. Fragments are refused: reassemble (IPReassembler) before this element.
 * The inner packet is not checked against the SA's traffic selectors (there is no security
 * policy database); put an IPClassifier after this element to restrict what a tunnel may carry.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>SAD</dt><dd>element name, mandatory: the IPsecSADatabase holding the inbound SAs.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>count (read)</dt><dd>packets decapsulated.</dd>
 * <dt>drops (read)</dt><dd>packets refused.</dd>
 * <dt>drop_details (read)</dt><dd>one line per reason: count, name, text (not IPv4 ESP, fragment,
 * truncated, unknown SPI, bad length, replay, bad ICV, hard lifetime, bad padding, bad next header,
 * bad inner packet).</dd>
 * <dt>reset_counts (write)</dt><dd>sets count and drop counts to 0.</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> uses the network header; sets the network header and the destination
 * IP address.
 *
 * <p><b>Differences from Click:</b> Click's IPsecESPUnencap only strips the ESP header and
 * trailer; decryption and authentication are separate stages before it, and Click checks no replay
 * window. Here one element does all of section 3.4 from the SA database, and also removes the outer
 * header (Click uses Strip or CheckIPHeader and Strip for that).
 *
 * <p><b>Example:</b> {@code c[1] -> CheckIPHeader -> IPsecESPUnencap(sad) -> GetIPAddress(16) -> rt;}
 * <p><b>See also:</b> IPsecSADatabase, IPsecESPEncap, IPReassembler.
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah", category = "IPsec")
public final class IPsecESPUnencap extends Element {
    /** Why a packet was refused. */
    enum Reason {
        NOT_ESP("not an IPv4 ESP packet"),
        FRAGMENT("fragment (reassemble first)"),
        TRUNCATED("truncated packet"),
        UNKNOWN_SPI("unknown SPI"),
        BAD_LENGTH("ciphertext not a whole number of blocks"),
        REPLAY("replayed or too old sequence number"),
        BAD_ICV("integrity check failed"),
        HARD_LIFETIME("SA passed its hard lifetime"),
        BAD_PADDING("bad padding"),
        BAD_NEXT_HEADER("next header is not IPv4"),
        BAD_INNER("inner packet is not a whole IPv4 packet");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private final EspCounters<Reason> counters = new EspCounters<>(Reason.class);
    private IPsecSADatabase database;

    @Override
    public void configure(Args args) throws ConfigException {
        IPsecSADatabase db = args.requiredPositional("SAD").asElement(IPsecSADatabase.class, null);
        args.complete();
        database = db;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int ip = p.hasNetworkHeader() ? p.networkHeaderOffset() : 0;
        if (ip < 0 || p.length() - ip < Headers.IP_MIN_LEN) {
            return drop(p, Reason.TRUNCATED);
        }
        int hlen = IPv4.headerLength(p, ip);
        int total = IPv4.totalLength(p, ip);
        if (p.u8(ip + Headers.IP_VHL) >> 4 != 4 || p.u8(ip + Headers.IP_PROTO) != Headers.IP_PROTO_ESP
                || hlen < Headers.IP_MIN_LEN) {
            return drop(p, Reason.NOT_ESP);
        }
        if (total < hlen || ip + total > p.length()) {
            return drop(p, Reason.TRUNCATED);
        }
        if (IPv4.isFragment(p, ip)) {
            return drop(p, Reason.FRAGMENT);
        }
        int esp = ip + hlen;
        int espLength = total - hlen;
        if (espLength < EspCrypto.ESP_HEADER) {
            return drop(p, Reason.TRUNCATED);
        }
        SecurityAssociation sa = database.lookup(p.i32(esp));
        if (sa == null) {
            return drop(p, Reason.UNKNOWN_SPI);
        }
        EncryptionAlgorithm enc = sa.enc;
        int cipherLength = espLength - EspCrypto.ESP_HEADER - enc.ivLength - sa.icvLength();
        if (cipherLength < enc.blockSize) {
            return drop(p, Reason.TRUNCATED);
        }
        if (cipherLength % enc.blockSize != 0) {
            return drop(p, Reason.BAD_LENGTH);
        }
        long seq = p.i32(esp + 4) & 0xFFFFFFFFL;
        ReplayWindow window = sa.counters.window;
        if (!window.check(seq)) {
            return drop(p, Reason.REPLAY);
        }
        if (!sa.crypto().open(p.buffer(), p.offset() + esp, cipherLength)) {
            return drop(p, Reason.BAD_ICV);
        }
        if (!window.checkAndUpdate(seq)) {
            return drop(p, Reason.REPLAY); // another thread accepted the same number meanwhile
        }
        int plain = esp + EspCrypto.ESP_HEADER + enc.ivLength;
        int end = plain + cipherLength;
        if (p.u8(end - 1) != Headers.IP_PROTO_IPIP) {
            return drop(p, Reason.BAD_NEXT_HEADER);
        }
        int padLength = p.u8(end - 2);
        int innerLength = cipherLength - 2 - padLength;
        if (innerLength < 0 || !paddingValid(p, plain + innerLength, padLength)) {
            return drop(p, Reason.BAD_PADDING);
        }
        SecurityAssociation.Lifetime life = sa.charge(innerLength);
        if (life == SecurityAssociation.Lifetime.HARD_LIMIT_PASSED) {
            return drop(p, Reason.HARD_LIFETIME);
        }
        if (life == SecurityAssociation.Lifetime.SOFT_LIMIT_REACHED) {
            context().message(this, "SA " + sa.name + " passed its soft lifetime; replace it soon");
        }
        p.pull(plain);
        p.setLength(innerLength);
        if (innerLength < Headers.IP_MIN_LEN || p.u8(Headers.IP_VHL) >> 4 != 4
                || IPv4.headerLength(p, 0) < Headers.IP_MIN_LEN
                || IPv4.totalLength(p, 0) != innerLength || IPv4.headerLength(p, 0) > innerLength) {
            return drop(p, Reason.BAD_INNER);
        }
        p.setNetworkHeader(0, IPv4.headerLength(p, 0));
        p.setDstIp(p.i32(Headers.IP_DST));
        counters.passed();
        return p;
    }

    /** Whether the {@code n} padding bytes at {@code at} are 1, 2, ..., n (RFC 4303 section 2.4). */
    private static boolean paddingValid(Packet p, int at, int n) {
        for (int i = 0; i < n; i++) {
            if (p.u8(at + i) != i + 1) {
                return false;
            }
        }
        return true;
    }

    private Packet drop(Packet p, Reason r) {
        counters.dropped(r);
        checkedPush(1, p);
        return null;
    }

    /** Packets refused for {@code r} (for tests). */
    long drops(Reason r) {
        return counters.drops(r);
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        counters.addHandlers(h);
    }
}

package click.elements.ipsec;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementInfo;
import click.api.HandlerException;
import click.api.HandlerRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * <h2>IPsecSADatabase</h2>
 * <b>Synopsis:</b> {@code IPsecSADatabase(SA, SA, ...)}
 * <p><b>Holds the security associations of ESP tunnels.</b> Category: IPsec. Ports: none.
 *
 * <p><b>Processing:</b> none; IPsecESPEncap takes its outbound SA from here by name, and
 * IPsecESPUnencap finds the inbound SA of each packet here by SPI. Both look up without locks or
 * allocation: the SPI index is an immutable open-addressing table replaced as a whole on every
 * change, and each name has a slot an encapsulator holds on to, so a replaced SA takes effect with
 * the next packet.
 *
 * <p>Each argument is one SA (RFC 4301's Security Association Database entry), a name and then
 * keywords separated by spaces:
 * <pre>
 *   NAME SPI spi SRC addr DST addr ENC algorithm KEY hex [AUTH algorithm AUTHKEY hex]
 *        [REPLAY n] [SEQ n] [SOFT_PACKETS n] [HARD_PACKETS n] [SOFT_BYTES n] [HARD_BYTES n]
 * </pre>
 * <dl>
 * <dt>SPI</dt><dd>integer from 256 to 0xffffffff, unique in the database.</dd>
 * <dt>SRC, DST</dt><dd>IPv4 addresses: the tunnel's outer source and destination.</dd>
 * <dt>ENC</dt><dd>{@code 3des-cbc} (24-byte KEY), {@code aes-cbc} (16, 24 or 32 bytes) or
 * {@code aes-gcm-16} (RFC 4106: 16, 24 or 32 key bytes then a 4-byte salt).</dd>
 * <dt>KEY, AUTHKEY</dt><dd>hex digits, optionally after {@code 0x}.</dd>
 * <dt>AUTH</dt><dd>{@code hmac-sha1-96} (20-byte AUTHKEY), {@code hmac-sha256-128} (32 bytes), or
 * {@code none}: required for the CBC ciphers (none must be said explicitly: encryption without
 * integrity is allowed by RFC 4303 but open to attacks); must be absent or none for GCM.</dd>
 * <dt>REPLAY</dt><dd>anti-replay window in packets, a multiple of 64 up to 4096; default 64.</dd>
 * <dt>SEQ</dt><dd>the last sequence number sent, default 0 (the first packet carries 1).</dd>
 * <dt>SOFT_PACKETS, HARD_PACKETS, SOFT_BYTES, HARD_BYTES</dt><dd>lifetime limits on packets and
 * inner-packet bytes (RFC 4301 section 4.4.2.1), default unlimited. Passing a soft limit marks
 * the SA {@code soft-expired} in the table and logs one message: with no key exchange here, that is
 * the operator's cue to {@code replace} the SA. Packets beyond a hard limit are dropped.</dd>
 * </dl>
 * An SA is one-way: a gateway lists the SAs it sends on (used by IPsecESPEncap) and those it
 * receives on (used by IPsecESPUnencap); the peer gateway lists the same SAs the other way round.
 * The sequence number may not wrap (no extended sequence numbers): after 2^32-1 packets the SA is
 * {@code exhausted} and its packets are dropped until it is replaced by one with a new SPI.
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>table (read)</dt><dd>one line per SA: name, SPI, endpoints, algorithms, last sequence number
 * sent, replay window and highest sequence number received, packets, bytes, limits, state. Never
 * the keys.</dd>
 * <dt>count (read)</dt><dd>number of SAs.</dd>
 * <dt>add (write)</dt><dd>adds an SA given in the syntax above; its name and SPI must be new.</dd>
 * <dt>replace (write)</dt><dd>replaces the same-named SA. With the same SPI, the sequence counter,
 * replay window and lifetime counters carry over (an SA's numbers never restart under one SPI, so
 * GCM nonces never repeat); with a new SPI they start afresh.</dd>
 * <dt>remove (write)</dt><dd>removes the SA of that name; encapsulators using it drop their
 * packets (counted) until an SA of that name is added again.</dd>
 * </dl>
 *
 * <p><b>Differences from Click:</b> Click has no SA database element: its Figure 5/6-era elements
 * take the SPI and keys as arguments of each stage (IPsecESPEncap, IPsecAuthHMACSHA1, IPsecDES),
 * and its later IPsecRouteTable/RadixIPsecLookup keep SA data inside route entries with an
 * annotation carrying it between stages. Here the SAs are one named table, as in RFC 4301, so the
 * keys live in one place, the table can be read (without keys) and changed while running, and the
 * per-SA state (sequence numbers, replay window, lifetimes) has a single owner.
 *
 * <p><b>Example:</b>
 * <pre>
 *   sad :: IPsecSADatabase(
 *     to_b   SPI 0x1001 SRC 192.0.2.1 DST 198.51.100.1 ENC aes-cbc KEY 0x00112233445566778899aabbccddeeff
 *            AUTH hmac-sha1-96 AUTHKEY 0x0102030405060708090a0b0c0d0e0f1011121314,
 *     from_b SPI 0x2001 SRC 198.51.100.1 DST 192.0.2.1 ENC aes-gcm-16 KEY 0x000102030405060708090a0b0c0d0e0fcafebabe);
 *   ... -> IPsecESPEncap(sad, to_b) -> ...
 *   ... -> IPsecESPUnencap(sad) -> ...
 * </pre>
 * <p><b>See also:</b> IPsecESPEncap, IPsecESPUnencap.
 */
@ElementInfo(ports = "0/0", category = "IPsec")
public final class IPsecSADatabase extends Element {
    /** Where an encapsulator finds its SA by name; empty (null) while no SA of that name exists. */
    static final class Slot {
        volatile SecurityAssociation sa;
    }

    private static final SecurityAssociation[] EMPTY = new SecurityAssociation[16];

    /** Name -> slot; changed only by configuration and handler writes (one thread at a time). */
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    /** The SPI index: open addressing, linear probing, power-of-two length; replaced, never changed. */
    private volatile SecurityAssociation[] bySpi = EMPTY;

    @Override
    public void configure(Args args) throws ConfigException {
        List<String> errors = new ArrayList<>();
        Map<String, SecurityAssociation> parsed = new LinkedHashMap<>();
        for (String spec : args.rest()) {
            try {
                SecurityAssociation sa = SecurityAssociation.parse(spec);
                String clash = clash(parsed.values(), sa, null);
                if (clash != null) {
                    errors.add(clash);
                } else {
                    parsed.put(sa.name, sa);
                }
            } catch (ConfigException e) {
                errors.addAll(e.messages());
            }
        }
        args.complete();
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        synchronized (this) {
            // a live reconfiguration keeps the counters of SAs whose name and SPI stay
            for (Map.Entry<String, Slot> e : slots.entrySet()) {
                SecurityAssociation old = e.getValue().sa;
                SecurityAssociation now = parsed.get(e.getKey());
                if (old != null && now != null && old.spi == now.spi) {
                    parsed.put(now.name, now.withCounters(old.counters));
                }
            }
            for (Slot s : slots.values()) {
                s.sa = null;
            }
            for (SecurityAssociation sa : parsed.values()) {
                slots.computeIfAbsent(sa.name, n -> new Slot()).sa = sa;
            }
            reindex();
        }
    }

    /** The slot of SA {@code name}, or null if no such SA exists now. */
    synchronized Slot slot(String name) {
        Slot s = slots.get(name);
        return s == null || s.sa == null ? null : s;
    }

    /** The SA with this SPI, or null. Lock-free and allocation-free: safe on the packet path. */
    SecurityAssociation lookup(int spi) {
        SecurityAssociation[] t = bySpi;
        int mask = t.length - 1;
        for (int i = mix(spi) & mask; ; i = (i + 1) & mask) {
            SecurityAssociation sa = t[i];
            if (sa == null || sa.spi == spi) {
                return sa;
            }
        }
    }

    private static int mix(int spi) {
        int h = spi * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** Rebuilds the SPI index from the slots (at most half full, so probes stay short and end). */
    private void reindex() {
        List<SecurityAssociation> all = current();
        int n = Integer.highestOneBit(Math.max(8, all.size()) * 2) * 2;
        SecurityAssociation[] t = new SecurityAssociation[n];
        for (SecurityAssociation sa : all) {
            int i = mix(sa.spi) & (n - 1);
            while (t[i] != null) {
                i = (i + 1) & (n - 1);
            }
            t[i] = sa;
        }
        bySpi = t;
    }

    private synchronized List<SecurityAssociation> current() {
        List<SecurityAssociation> out = new ArrayList<>();
        for (Slot s : slots.values()) {
            SecurityAssociation sa = s.sa;
            if (sa != null) {
                out.add(sa);
            }
        }
        return out;
    }

    /** A message if {@code sa}'s name or SPI is already used by another SA than {@code except}, else null. */
    private static String clash(Iterable<SecurityAssociation> existing, SecurityAssociation sa, String except) {
        for (SecurityAssociation o : existing) {
            if (o.name.equals(except)) {
                continue;
            }
            if (o.name.equals(sa.name)) {
                return "SA " + sa.name + " is defined twice";
            }
            if (o.spi == sa.spi) {
                return "SA " + sa.name + " uses SPI 0x" + Integer.toHexString(sa.spi) + ", already used by SA " + o.name;
            }
        }
        return null;
    }

    private synchronized void add(String spec) throws HandlerException {
        SecurityAssociation sa = parseForHandler(spec);
        String clash = clash(current(), sa, null);
        if (clash != null) {
            throw new HandlerException(clash);
        }
        slots.computeIfAbsent(sa.name, n -> new Slot()).sa = sa;
        reindex();
    }

    private synchronized void replace(String spec) throws HandlerException {
        SecurityAssociation sa = parseForHandler(spec);
        Slot slot = slots.get(sa.name);
        if (slot == null || slot.sa == null) {
            throw new HandlerException("no SA " + sa.name + " to replace (use add)");
        }
        String clash = clash(current(), sa, sa.name);
        if (clash != null) {
            throw new HandlerException(clash);
        }
        SecurityAssociation old = slot.sa;
        slot.sa = old.spi == sa.spi ? sa.withCounters(old.counters) : sa;
        reindex();
    }

    private synchronized void remove(String name) throws HandlerException {
        Slot slot = slots.get(name.trim());
        if (slot == null || slot.sa == null) {
            throw new HandlerException("no SA named \"" + name.trim() + "\"");
        }
        slot.sa = null;
        reindex();
    }

    private static SecurityAssociation parseForHandler(String spec) throws HandlerException {
        try {
            return SecurityAssociation.parse(spec);
        } catch (ConfigException e) {
            throw new HandlerException(e.getMessage());
        }
    }

    /** The {@code table} handler's text: one line per SA, no keys. */
    String table() {
        StringBuilder sb = new StringBuilder();
        for (SecurityAssociation sa : current()) {
            sb.append(sa.describe()).append('\n');
        }
        return sb.toString();
    }

    /**
     * Hot swap: SAs that keep their name and SPI take over the old database's counters, so the
     * new router neither reuses sequence numbers nor accepts replays the old one had seen.
     */
    @Override
    public void takeState(Element old) {
        if (!(old instanceof IPsecSADatabase previous)) {
            return;
        }
        synchronized (this) {
            for (SecurityAssociation o : previous.current()) {
                Slot s = slots.get(o.name);
                if (s != null && s.sa != null && s.sa.spi == o.spi) {
                    s.sa = s.sa.withCounters(o.counters);
                }
            }
            reindex();
        }
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("table", this::table)
         .read("count", () -> Integer.toString(current().size()))
         .write("add", this::add)
         .write("replace", this::replace)
         .write("remove", this::remove);
    }
}

package click.elements.ip;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementContext;
import click.api.ElementInfo;
import click.api.HandlerException;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.Tally;
import click.api.Timer;
import click.api.net.EtherAddress;
import click.api.net.Headers;
import click.api.net.IPAddress;
import click.api.net.IPPrefix;

import java.util.ArrayDeque;

/**
 * <h2>ARPQuerier</h2>
 * <b>Synopsis:</b> {@code ARPQuerier(IP, ETH [, keywords CAPACITY, TIMEOUT, BROADCAST])}
 * <p><b>Puts IP packets in Ethernet headers, finding next hops' addresses with ARP (RFC 826).</b>
 * Category: ARP. Ports: 2 push inputs, 1 or 2 push outputs.
 *
 * <p><b>Processing:</b> input 0 takes IP packets whose destination IP annotation is the next hop.
 * If the table holds a live Ethernet address for it, the packet gets an Ethernet header (that
 * address, ETH, type IP) and leaves on output 0. Otherwise the packet waits in the entry's queue
 * and an ARP request for the next hop leaves on output 1, or output 0 when there is only one; at
 * most 10 requests a second go out for one address (later packets just wait). Input 1 takes ARP
 * replies with their Ethernet header: the sender's mapping is recorded (or refreshed) and the
 * packets waiting for it leave at once, in order.
 *
 * <p>Packets for 0.0.0.0 are dropped; packets for 255.255.255.255 or the BROADCAST address go to
 * FF:FF:FF:FF:FF:FF without a query. At most CAPACITY packets wait in all; beyond that the oldest
 * waiting packet of the same entry (or the new one) is dropped. A resolved entry lives TIMEOUT
 * after its last reply; packets to an expired entry wait for a new reply as if it were unknown. An
 * unanswered entry gives up, dropping its packets, {@value #UNRESOLVED_LIFETIME_SECONDS} seconds after
 * its first query (a jclick choice; Click keeps them until polled). Time comes from the router's
 * clock.
 *
 * <p>The forwarding path (a live entry) reads the table without locking; queueing, replies and
 * handler changes take the element's lock. On a hot swap, the new ARPQuerier of the same name takes
 * over the old one's entries and waiting packets.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>IP</dt><dd>IP address, or ADDR/LEN to also give the subnet broadcast, required: this interface's address.</dd>
 * <dt>ETH</dt><dd>Ethernet address, required.</dd>
 * <dt>CAPACITY</dt><dd>integer, default 2048: packets waiting for replies at most.</dd>
 * <dt>TIMEOUT</dt><dd>time, default 5min: lifetime of a resolved entry.</dd>
 * <dt>BROADCAST</dt><dd>IP address: the local broadcast address (default from IP's prefix, if given).</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>table (read)</dt><dd>one line per entry: IP, Ethernet address (or "-"), "ok" or "pending",
 * waiting packets, age in seconds.</dd>
 * <dt>insert (write)</dt><dd>{@code IP ETH}: adds or refreshes an entry, sending its waiting packets.</dd>
 * <dt>delete (write)</dt><dd>{@code IP}: removes an entry, dropping its waiting packets.</dd>
 * <dt>clear (write)</dt><dd>removes every entry.</dd>
 * <dt>count (read)</dt><dd>entries.</dd>
 * <dt>length (read)</dt><dd>packets waiting.</dd>
 * <dt>queries (read)</dt><dd>ARP requests sent.</dd>
 * <dt>responses (read)</dt><dd>ARP replies received.</dd>
 * <dt>drops (read)</dt><dd>packets dropped (no address, over capacity, given up).</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> uses the destination IP address.
 * <p><b>Example:</b> {@code c[1] -> [1]arpq; ... -> arpq :: ARPQuerier(192.0.2.1, 02:00:00:00:00:01) -> Queue -> ToDevice(eth0);}
 * <p><b>See also:</b> ARPResponder, EtherEncap.
 */
@ElementInfo(ports = "2/1-2", processing = "h/h", flow = "xy/x", category = "ARP")
public final class ARPQuerier extends Element {
    static final int UNRESOLVED_LIFETIME_SECONDS = 5;
    private static final long QUERY_INTERVAL = 100_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final int ARP_FRAME = Headers.ETHER_LEN + Headers.ARP_LEN;

    /**
     * One table entry. {@code eth} and {@code expires} are written under the element's lock and
     * read without it: {@code expires} is written last, so a reader that sees a live deadline also
     * sees the address that goes with it.
     */
    private static final class Entry {
        final int ip;
        volatile long eth = -1;
        volatile long expires = Long.MIN_VALUE;
        final ArrayDeque<Packet> waiting = new ArrayDeque<>();
        long created;
        long lastQuery = Long.MIN_VALUE;
        long lastReply;

        Entry(int ip) {
            this.ip = ip;
        }
    }

    // Thread ownership: any thread pushes; the timer and handlers run on router threads too. The
    // live-entry path reads `table` and entry fields without a lock; everything that changes
    // entries, queues or the table holds `this`, and packets are sent only after it is released.
    // Invariants: waitingTotal is the sum of every entry's waiting queue; entries counts the
    // table's non-null slots, at most half of them, so every probe ends at a null slot.
    private final Tally drops = new Tally();
    private final Tally queries = new Tally();
    private final Tally responses = new Tally();
    private int myIp;
    private long myEth;
    private int broadcast;
    private int capacity;
    private long timeout;
    /** Open-addressed table, replaced whole when it grows or loses entries; a null slot ends a probe. */
    private volatile Entry[] table = new Entry[64];
    private int entries;
    private int waitingTotal;
    private Timer timer;

    @Override
    public void configure(Args args) throws ConfigException {
        IPPrefix me = args.requiredPositional("IP").asIPv4Prefix(new IPPrefix(0, -1));
        long eth = args.requiredPositional("ETH").asEther(0);
        int cap = args.optional("CAPACITY").asInt(2048, 0, Integer.MAX_VALUE);
        long t = args.optional("TIMEOUT").asTimeNanos(300 * SECOND);
        int b = args.optional("BROADCAST").asIPv4(me.mask() == -1 ? 0 : me.addr() | ~me.mask());
        args.complete();
        myIp = me.addr();
        myEth = eth;
        capacity = cap;
        timeout = t;
        broadcast = b;
    }

    @Override
    public void initialize(ElementContext ctx) {
        timer = ctx.newTimer(this, this::expire);
        timer.scheduleAfter(SECOND);
    }

    @Override
    public void push(int port, Packet p) {
        if (port == 0) {
            handleIP(p);
        } else {
            handleReply(p);
        }
    }

    private void handleIP(Packet p) {
        int dst = p.dstIp();
        if (dst == -1 || (dst == broadcast && broadcast != 0)) {
            send(p, EtherAddress.BROADCAST);
            return;
        }
        if (dst == 0) {
            drops.increment();
            p.kill();
            return;
        }
        Entry e = find(table, dst);
        if (e != null && context().clock().nanoTime() < e.expires) {
            send(p, e.eth);
            return;
        }
        enqueue(p, dst);
    }

    private void send(Packet p, long eth) {
        p.push(Headers.ETHER_LEN);
        EtherAddress.write(p.buffer(), p.offset() + Headers.ETHER_DST, eth);
        EtherAddress.write(p.buffer(), p.offset() + Headers.ETHER_SRC, myEth);
        p.setU16(Headers.ETHER_TYPE, Headers.ETHERTYPE_IP);
        output(0).push(p);
    }

    private static Entry find(Entry[] t, int ip) {
        int mask = t.length - 1;
        for (int i = hash(ip) & mask; ; i = (i + 1) & mask) {
            Entry e = t[i];
            if (e == null || e.ip == ip) {
                return e;
            }
        }
    }

    private static int hash(int ip) {
        return ip * 0x9E3779B9 >>> 7;
    }

    private void enqueue(Packet p, int dst) {
        Packet query = null;
        Packet dropped = null;
        Packet sendNow = null;
        long now = context().clock().nanoTime();
        synchronized (this) {
            Entry e = find(table, dst);
            if (e != null && now < e.expires) {
                sendNow = p; // resolved while we waited for the lock
            } else {
                if (e == null) {
                    e = insertEntry(dst, now);
                }
                if (waitingTotal >= capacity) {
                    dropped = e.waiting.pollFirst();
                    if (dropped == null) {
                        dropped = p;
                        p = null;
                    } else {
                        waitingTotal--;
                    }
                }
                if (p != null) {
                    e.waiting.addLast(p);
                    waitingTotal++;
                }
                if (now - e.lastQuery >= QUERY_INTERVAL || e.lastQuery == Long.MIN_VALUE) {
                    e.lastQuery = now;
                    query = makeQuery(dst);
                }
            }
        }
        if (sendNow != null) {
            Entry e = find(table, dst);
            send(sendNow, e.eth);
        }
        if (dropped != null) {
            drops.increment();
            dropped.kill();
        }
        if (query != null) {
            queries.increment();
            checkedPushQuery(query);
        }
    }

    private void checkedPushQuery(Packet q) {
        output(noutputs() > 1 ? 1 : 0).push(q);
    }

    private Entry insertEntry(int ip, long now) {
        Entry[] t = table;
        if ((entries + 1) * 2 > t.length) {
            t = rehash(t, t.length * 2, 0);
        }
        Entry e = new Entry(ip);
        e.created = now;
        int mask = t.length - 1;
        int i = hash(ip) & mask;
        while (t[i] != null) {
            i = (i + 1) & mask;
        }
        t[i] = e;
        entries++;
        table = t;
        return e;
    }

    /** A copy of {@code t} in an array of {@code size} slots, without the entry for {@code drop} (0: none). */
    private static Entry[] rehash(Entry[] t, int size, int drop) {
        Entry[] n = new Entry[size];
        for (Entry e : t) {
            if (e != null && !(drop != 0 && e.ip == drop)) {
                int i = hash(e.ip) & (size - 1);
                while (n[i] != null) {
                    i = (i + 1) & (size - 1);
                }
                n[i] = e;
            }
        }
        return n;
    }

    private Packet makeQuery(int target) {
        Packet q = Packet.make(ARP_FRAME);
        byte[] b = q.buffer();
        int o = q.offset();
        EtherAddress.write(b, o + Headers.ETHER_DST, EtherAddress.BROADCAST);
        EtherAddress.write(b, o + Headers.ETHER_SRC, myEth);
        q.setU16(Headers.ETHER_TYPE, Headers.ETHERTYPE_ARP);
        int a = Headers.ETHER_LEN;
        q.setU16(a + Headers.ARP_HTYPE, 1);
        q.setU16(a + Headers.ARP_PTYPE, Headers.ETHERTYPE_IP);
        q.setU8(a + Headers.ARP_HLEN, 6);
        q.setU8(a + Headers.ARP_PLEN, 4);
        q.setU16(a + Headers.ARP_OP, Headers.ARPOP_REQUEST);
        EtherAddress.write(b, o + a + Headers.ARP_SHA, myEth);
        q.setI32(a + Headers.ARP_SPA, myIp);
        EtherAddress.write(b, o + a + Headers.ARP_THA, 0);
        q.setI32(a + Headers.ARP_TPA, target);
        return q;
    }

    private void handleReply(Packet p) {
        int a = Headers.ETHER_LEN;
        if (p.length() < ARP_FRAME || p.u16(Headers.ETHER_TYPE) != Headers.ETHERTYPE_ARP
                || p.u16(a + Headers.ARP_HTYPE) != 1 || p.u16(a + Headers.ARP_PTYPE) != Headers.ETHERTYPE_IP
                || p.u16(a + Headers.ARP_OP) != Headers.ARPOP_REPLY) {
            p.kill();
            return;
        }
        responses.increment();
        int ip = p.i32(a + Headers.ARP_SPA);
        long eth = EtherAddress.read(p.buffer(), p.offset() + a + Headers.ARP_SHA);
        p.kill();
        if (EtherAddress.isGroup(eth) || ip == 0) {
            return;
        }
        resolve(ip, eth);
    }

    /** Records {@code ip -> eth} and sends the packets that waited for it. */
    private void resolve(int ip, long eth) {
        ArrayDeque<Packet> ready;
        synchronized (this) {
            long now = context().clock().nanoTime();
            Entry e = find(table, ip);
            if (e == null) {
                e = insertEntry(ip, now);
            }
            e.eth = eth;
            e.lastReply = now;
            e.expires = now + timeout;
            if (e.waiting.isEmpty()) {
                return;
            }
            ready = new ArrayDeque<>(e.waiting);
            waitingTotal -= e.waiting.size();
            e.waiting.clear();
        }
        for (Packet w : ready) {
            send(w, eth);
        }
    }

    /** Periodic: forgets expired entries and gives up on unanswered ones. */
    private void expire() {
        ArrayDeque<Packet> dead = new ArrayDeque<>();
        synchronized (this) {
            long now = context().clock().nanoTime();
            Entry[] t = table;
            boolean removed = false;
            for (Entry e : t) {
                if (e == null) {
                    continue;
                }
                boolean resolvedAndOld = e.expires != Long.MIN_VALUE && now >= e.expires && e.waiting.isEmpty();
                boolean unanswered = e.expires == Long.MIN_VALUE && now - e.created >= UNRESOLVED_LIFETIME_SECONDS * SECOND;
                boolean staleWaiting = e.expires != Long.MIN_VALUE && now >= e.expires && !e.waiting.isEmpty()
                        && now - e.lastQuery >= UNRESOLVED_LIFETIME_SECONDS * SECOND;
                if (resolvedAndOld || unanswered || staleWaiting) {
                    dead.addAll(e.waiting);
                    waitingTotal -= e.waiting.size();
                    e.waiting.clear();
                    t = rehash(t, t.length, e.ip);
                    entries--;
                    removed = true;
                }
            }
            if (removed) {
                table = t;
            }
        }
        drops.add(dead.size());
        for (Packet p : dead) {
            p.kill();
        }
        timer.scheduleAfter(SECOND);
    }

    /**
     * Hot swap: takes the old querier's entries, resolved and waiting, with their packets, so a new
     * configuration neither forgets its neighbours nor loses packets waiting for them.
     */
    @Override
    public void takeState(Element old) {
        if (!(old instanceof ARPQuerier o)) {
            return;
        }
        synchronized (o) {
            synchronized (this) {
                for (Entry e : o.table) {
                    if (e == null || find(table, e.ip) != null) {
                        continue;
                    }
                    Entry mine = insertEntry(e.ip, e.created);
                    mine.lastQuery = e.lastQuery;
                    mine.lastReply = e.lastReply;
                    mine.eth = e.eth;
                    mine.expires = e.expires;
                    mine.waiting.addAll(e.waiting);
                    waitingTotal += e.waiting.size();
                    o.waitingTotal -= e.waiting.size();
                    e.waiting.clear();
                }
            }
        }
    }

    @Override
    public void cleanup() {
        synchronized (this) {
            for (Entry e : table) {
                if (e != null) {
                    for (Packet p : e.waiting) {
                        p.kill();
                    }
                    e.waiting.clear();
                }
            }
            waitingTotal = 0;
        }
    }

    // ---- handlers ----

    private synchronized String tableText() {
        long now = context().clock().nanoTime();
        StringBuilder sb = new StringBuilder();
        for (Entry e : table) {
            if (e != null) {
                boolean ok = now < e.expires;
                sb.append(IPAddress.toString(e.ip)).append('\t')
                  .append(e.eth < 0 ? "-" : EtherAddress.toString(e.eth)).append('\t')
                  .append(ok ? "ok" : "pending").append('\t')
                  .append(e.waiting.size()).append('\t')
                  .append((now - (e.eth < 0 ? e.created : e.lastReply)) / SECOND).append('\n');
            }
        }
        return sb.toString();
    }

    private void insert(String v) throws HandlerException {
        String[] w = v.trim().split("\\s+");
        if (w.length != 2) {
            throw new HandlerException("expected 'IP ETH', got \"" + v.trim() + "\"");
        }
        try {
            resolve(IPAddress.parse(w[0]), EtherAddress.parse(w[1]));
        } catch (IllegalArgumentException e) {
            throw new HandlerException("expected 'IP ETH', got \"" + v.trim() + "\"");
        }
    }

    private void delete(String v) throws HandlerException {
        int ip;
        try {
            ip = IPAddress.parse(v.trim());
        } catch (IllegalArgumentException e) {
            throw new HandlerException("expected an IP address, got \"" + v.trim() + "\"");
        }
        ArrayDeque<Packet> dead;
        synchronized (this) {
            Entry e = find(table, ip);
            if (e == null) {
                throw new HandlerException("no ARP entry for " + v.trim());
            }
            dead = new ArrayDeque<>(e.waiting);
            waitingTotal -= e.waiting.size();
            e.waiting.clear();
            table = rehash(table, table.length, ip);
            entries--;
        }
        drops.add(dead.size());
        dead.forEach(Packet::kill);
    }

    private void clear() {
        ArrayDeque<Packet> dead = new ArrayDeque<>();
        synchronized (this) {
            for (Entry e : table) {
                if (e != null) {
                    dead.addAll(e.waiting);
                }
            }
            table = new Entry[64];
            entries = 0;
            waitingTotal = 0;
        }
        drops.add(dead.size());
        dead.forEach(Packet::kill);
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("table", this::tableText)
         .write("insert", this::insert)
         .write("delete", this::delete)
         .write("clear", v -> clear())
         .read("count", () -> {
             synchronized (this) {
                 return Integer.toString(entries);
             }
         })
         .read("length", () -> {
             synchronized (this) {
                 return Integer.toString(waitingTotal);
             }
         })
         .read("queries", () -> Long.toString(queries.sum()))
         .read("responses", () -> Long.toString(responses.sum()))
         .read("drops", () -> Long.toString(drops.sum()));
    }
}

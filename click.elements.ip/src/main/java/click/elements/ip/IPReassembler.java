package click.elements.ip;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementContext;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.Tally;
import click.api.Timer;
import click.api.net.Headers;
import click.api.net.IPv4;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * <h2>IPReassembler</h2>
 * <b>Synopsis:</b> {@code IPReassembler([keywords MAX_MEM_SIZE, TIMEOUT])}
 * <p><b>Reassembles IP fragments into datagrams (RFC 791, RFC 1122 3.3.2).</b> Category: IP. Ports:
 * 1 push input, 1 or 2 push outputs.
 *
 * <p><b>Processing:</b> a packet that is not a fragment passes at once to output 0. Fragments are
 * collected per (source, destination, protocol, identification); their data is copied into the
 * datagram's buffer, and the first fragment is kept for its header, options and annotations. Where
 * fragments overlap, the bytes that arrived first are kept. When the last fragment has been seen and
 * no hole remains, the whole datagram (first fragment's header, new length, offset and flags
 * cleared, fresh checksum) leaves on output 0. Fragments may arrive in any order.
 *
 * <p>A datagram still incomplete TIMEOUT after its first fragment arrived is abandoned: if its
 * offset-0 fragment was received, that fragment leaves on output 1 (if connected), so an
 * {@code ICMPError(ADDR, timeexceeded, reassembly)} can answer it (RFC 1122 3.3.2); everything
 * else is dropped. When the buffered bytes exceed MAX_MEM_SIZE, the oldest datagrams are dropped.
 * Fragments that cannot be part of a datagram (more-fragments set on a length not a multiple of
 * 8, or ending beyond 65,535 bytes) are dropped.
 *
 * <p>Fragments take a lock and allocate (they are rare); packets that are not fragments do
 * neither.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>MAX_MEM_SIZE</dt><dd>integer bytes, default 262144: buffered fragment data allowed.</dd>
 * <dt>TIMEOUT</dt><dd>time, default 30s: how long an incomplete datagram is kept (a jclick keyword).</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>drops (read)</dt><dd>fragments dropped (bad, timed out, evicted).</dd>
 * <dt>mem_size (read)</dt><dd>bytes buffered now.</dd>
 * <dt>count (read)</dt><dd>incomplete datagrams now.</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> uses the network header (the data start if unset); the datagram gets the
 * first fragment's annotations.
 * <p><b>Example:</b> {@code CheckIPHeader -> IPReassembler -> IPPrint}
 * <p><b>See also:</b> IPFragmenter, ICMPError.
 */
@ElementInfo(ports = "1/1-2", processing = "h/h", category = "IP")
public final class IPReassembler extends Element {
    private static final int MAX_DATAGRAM = 65535;

    /** What identifies the fragments of one datagram. */
    private record Key(int src, int dst, int proto, int id) {
    }

    /** One datagram being reassembled. */
    private static final class Datagram {
        final long deadline;
        Packet first;
        byte[] data = new byte[0];
        final BitSet have = new BitSet();
        int dataLength = -1;
        int fragments;

        Datagram(long deadline) {
            this.deadline = deadline;
        }

        int memory() {
            return data.length + (first == null ? 0 : first.length());
        }
    }

    // Thread ownership: any thread pushes; the timer runs on a router thread. Fragments and the
    // timer hold `this` while they touch `datagrams` and `mem`; packets leave after it is released.
    // Invariants: mem is the sum of memory() over the datagrams held; a datagram's `have` bits
    // mark exactly the data bytes copied into it.
    private final Tally drops = new Tally();
    private final Map<Key, Datagram> datagrams = new LinkedHashMap<>();
    private int maxMem;
    private long timeout;
    private int mem;
    private Timer timer;

    @Override
    public void configure(Args args) throws ConfigException {
        int m = args.optional("MAX_MEM_SIZE").asInt(256 * 1024, 1, Integer.MAX_VALUE);
        long t = args.optional("TIMEOUT").asTimeNanos(30_000_000_000L);
        args.complete();
        maxMem = m;
        timeout = t;
    }

    @Override
    public void initialize(ElementContext ctx) {
        timer = ctx.newTimer(this, this::expire);
    }

    @Override
    public void push(int port, Packet p) {
        int ip = IPv4.headerOffset(p);
        if (!IPv4.hasHeader(p, ip)) {
            drops.increment();
            p.kill();
            return;
        }
        if (!IPv4.isFragment(p, ip)) {
            output(0).push(p);
            return;
        }
        Packet whole = addFragment(p, ip);
        if (whole != null) {
            output(0).push(whole);
        }
    }

    private synchronized Packet addFragment(Packet p, int ip) {
        int hlen = IPv4.headerLength(p, ip);
        int total = IPv4.totalLength(p, ip);
        int off = IPv4.fragmentOffset(p, ip);
        boolean more = (p.u16(ip + Headers.IP_OFF) & Headers.IP_MF) != 0;
        int n = total - hlen;
        if (n < 0 || ip + total > p.length()
                || (more && (n & 7) != 0) || off + n + hlen > MAX_DATAGRAM) {
            drops.increment();
            p.kill();
            return null;
        }
        Key key = new Key(p.i32(ip + Headers.IP_SRC), p.i32(ip + Headers.IP_DST), p.u8(ip + Headers.IP_PROTO),
                p.u16(ip + Headers.IP_ID));
        Datagram d = datagrams.get(key);
        if (d == null) {
            d = new Datagram(context().clock().nanoTime() + timeout);
            datagrams.put(key, d);
            if (!timer.isScheduled()) {
                timer.scheduleAt(d.deadline);
            }
        }
        mem -= d.memory();
        if (off + n > d.data.length) {
            d.data = java.util.Arrays.copyOf(d.data, Math.max(off + n, Math.min(MAX_DATAGRAM, d.data.length * 2)));
        }
        for (int i = d.have.nextClearBit(off); i < off + n; i = d.have.nextClearBit(i + 1)) {
            d.data[i] = p.buffer()[p.offset() + ip + hlen + i - off];
        }
        d.have.set(off, off + n);
        d.fragments++;
        if (!more) {
            d.dataLength = off + n;
        }
        if (off == 0 && d.first == null) {
            p.take(p.length() - (ip + hlen));
            d.first = p;
        } else {
            p.kill();
        }
        mem += d.memory();
        if (d.first != null && d.dataLength >= 0 && d.have.nextClearBit(0) >= d.dataLength) {
            datagrams.remove(key);
            mem -= d.memory();
            return assemble(d);
        }
        evictOverMemory(key);
        return null;
    }

    private Packet assemble(Datagram d) {
        Packet first = d.first;
        int ip = IPv4.headerOffset(first);
        int hlen = IPv4.headerLength(first, ip);
        Packet whole = Packet.make(hlen + d.dataLength);
        whole.copyAnnotationsFrom(first);
        first.getBytes(ip, whole.buffer(), whole.offset(), hlen);
        whole.setBytes(hlen, d.data, 0, d.dataLength);
        whole.setU16(Headers.IP_LEN, hlen + d.dataLength);
        whole.setU16(Headers.IP_OFF, first.u16(ip + Headers.IP_OFF) & Headers.IP_DF);
        IPv4.setHeaderChecksum(whole, 0);
        whole.setNetworkHeader(0, hlen);
        first.kill();
        return whole;
    }

    private void evictOverMemory(Key keep) {
        Iterator<Map.Entry<Key, Datagram>> it = datagrams.entrySet().iterator();
        while (mem > maxMem && it.hasNext()) {
            Map.Entry<Key, Datagram> e = it.next();
            if (!e.getKey().equals(keep)) {
                it.remove();
                Packet first = discard(e.getValue());
                if (first != null) {
                    first.kill();
                }
            }
        }
    }

    /** Forgets a datagram, counting its fragments as dropped; returns its first fragment, if any. */
    private Packet discard(Datagram d) {
        mem -= d.memory();
        drops.add(d.fragments);
        Packet first = d.first;
        d.first = null;
        return first;
    }

    /** Abandons timed-out datagrams; their first fragments go to output 1 after the lock is released. */
    private void expire() {
        List<Packet> firsts = new ArrayList<>();
        synchronized (this) {
            long now = context().clock().nanoTime();
            long next = Long.MAX_VALUE;
            Iterator<Datagram> it = datagrams.values().iterator();
            while (it.hasNext()) {
                Datagram d = it.next();
                if (d.deadline <= now) {
                    it.remove();
                    Packet first = discard(d);
                    if (first != null) {
                        firsts.add(first);
                    }
                } else {
                    next = Math.min(next, d.deadline);
                }
            }
            if (next != Long.MAX_VALUE) {
                timer.scheduleAt(next);
            }
        }
        for (Packet first : firsts) {
            checkedPush(1, first);
        }
    }

    @Override
    public synchronized void cleanup() {
        for (Datagram d : datagrams.values()) {
            Packet first = discard(d);
            if (first != null) {
                first.kill();
            }
        }
        datagrams.clear();
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("drops", () -> Long.toString(drops.sum()))
         .read("mem_size", () -> {
             synchronized (this) {
                 return Integer.toString(mem);
             }
         })
         .read("count", () -> {
             synchronized (this) {
                 return Integer.toString(datagrams.size());
             }
         });
    }
}

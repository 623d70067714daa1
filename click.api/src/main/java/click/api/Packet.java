package click.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A network packet: a heap buffer with headroom before the data and tailroom after it, plus
 * annotations that travel with the packet through the router.
 *
 * <pre>
 *   buffer: [ headroom | data (length bytes)              | tailroom ]
 *            0         offset()                 offset()+length()   capacity()
 * </pre>
 *
 * <p>Headers are added and removed without copying: {@link #push(int)} grows the data into the
 * headroom (to prepend an Ethernet header), {@link #pull(int)} removes bytes from the front (Strip),
 * {@link #put(int)} and {@link #take(int)} do the same at the tail. Field accessors such as
 * {@link #u16(int)} take offsets relative to the start of the data and are big-endian (network order).
 *
 * <h2>Ownership: a packet has exactly one owner</h2>
 * Whoever holds a packet must, exactly once, either pass it on ({@code output(0).push(p)}), store
 * it (a Queue), return it from {@code pull}, or {@link #kill()} it. After that the reference is dead:
 * the packet may already be back in a pool and reused by another thread.
 * <pre>{@code
 *   // WRONG: p is pushed and then read (it may already be recycled), or killed twice.
 *   output(0).push(p);
 *   count += p.length();
 *
 *   // RIGHT: read what you need first, then give the packet away, once.
 *   int len = p.length();
 *   output(0).push(p);
 *   count += len;
 * }</pre>
 * Killing a packet that is already free throws {@link IllegalStateException}; the test harness
 * also fails a test whose element leaks a packet or pushes it twice.
 *
 * <h2>Annotations</h2>
 * Destination IP address ({@link #dstIp()}), paint (a small integer, usually the input interface),
 * timestamp, packet type (host, broadcast, ...), the network and transport header positions set
 * by header checkers, and {@value #USER_ANNO_SIZE} user bytes whose layout element bundles agree on
 * and document.
 *
 * <p>Thread ownership: a packet is used by one thread at a time, its owner's; it crosses threads
 * only through a Queue, whose hand-off publishes it safely.
 */
public final class Packet {
    /** Headroom of a freshly made packet: room for Ethernet, an outer IP header and an ESP header. */
    public static final int DEFAULT_HEADROOM = 96;
    /** Buffer size of a pooled packet: an Ethernet MTU frame plus headroom and some tailroom. */
    public static final int POOLED_CAPACITY = 2048;
    /** Number of user annotation bytes. */
    public static final int USER_ANNO_SIZE = 16;

    /** {@link #packetType()} values, as in Linux and Click. */
    public static final byte HOST = 0, BROADCAST = 1, MULTICAST = 2, OTHERHOST = 3, OUTGOING = 4,
            LOOPBACK = 5;

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] buf;
    private final boolean pooled;
    private int offset;
    private int length;
    boolean free;

    private int dstIp;
    private int paint;
    private long timestamp;
    private byte packetType;
    private int networkHeader = -1;   // absolute index into buf, or -1
    private int transportHeader = -1; // absolute index into buf, or -1
    // The user annotation bytes, big-endian: bytes 0-7 in the first word, 8-15 in the second. Two
    // fields rather than a byte array: a packet that moves to another core then brings one object
    // fewer (each cache line moved between the cores here costs 25-230 ns).
    private long userAnno0;
    private long userAnno8;

    Packet(int capacity, boolean pooled) {
        this.buf = new byte[capacity];
        this.pooled = pooled;
    }

    // ---- making and freeing ----

    /** A new packet of {@code length} zero bytes with default headroom, from this thread's pool. */
    public static Packet make(int length) {
        return PacketPool.current().allocate(DEFAULT_HEADROOM, length, 0);
    }

    /** A new packet with the given headroom, data length and minimum tailroom, from this thread's pool. */
    public static Packet make(int headroom, int length, int tailroom) {
        return PacketPool.current().allocate(headroom, length, tailroom);
    }

    /** A new packet holding a copy of {@code data[from, from+len)}, from this thread's pool. */
    public static Packet make(byte[] data, int from, int len) {
        Packet p = PacketPool.current().allocate(DEFAULT_HEADROOM, len, 0);
        System.arraycopy(data, from, p.buf, p.offset, len);
        return p;
    }

    /** A new packet holding a copy of all of {@code data}. */
    public static Packet make(byte[] data) {
        return make(data, 0, data.length);
    }

    /**
     * Frees the packet back to the current thread's pool. The reference must not be used afterwards.
     * On a router thread measuring stage costs, the time counts as the free stage ({@link StageMeter}).
     */
    public void kill() {
        StageMeter m = StageMeter.active();
        if (m == null) {
            PacketPool.current().recycle(this);
        } else {
            int outer = m.enter(StageMeter.FREE);
            PacketPool.current().recycle(this);
            m.exit(outer);
        }
    }

    /** A deep copy: same data, headroom and annotations, in a new buffer. */
    public Packet copy() {
        Packet q = PacketPool.current().allocate(headroom(), length, tailroom());
        System.arraycopy(buf, offset, q.buf, q.offset, length);
        q.copyAnnotationsFrom(this);
        return q;
    }

    /** Copies every annotation (header positions adjusted to this packet's buffer) from {@code p}. */
    public void copyAnnotationsFrom(Packet p) {
        dstIp = p.dstIp;
        paint = p.paint;
        timestamp = p.timestamp;
        packetType = p.packetType;
        networkHeader = p.networkHeader < 0 ? -1 : p.networkHeader - p.offset + offset;
        transportHeader = p.transportHeader < 0 ? -1 : p.transportHeader - p.offset + offset;
        userAnno0 = p.userAnno0;
        userAnno8 = p.userAnno8;
    }

    /** Resets data window and annotations; called by the pool on allocation. */
    void reset(int headroom, int len) {
        offset = headroom;
        length = len;
        free = false;
        dstIp = 0;
        paint = 0;
        timestamp = 0;
        packetType = HOST;
        networkHeader = -1;
        transportHeader = -1;
        userAnno0 = 0;
        userAnno8 = 0;
    }

    /** Whether the packet has been killed (it is in a pool): using it now is a bug. */
    public boolean isFree() {
        return free;
    }

    boolean pooled() {
        return pooled;
    }

    // ---- the data window ----

    /** The whole underlying buffer; data starts at {@link #offset()}. For bulk copies and tight loops. */
    public byte[] buffer() {
        return buf;
    }

    /** Index of the first data byte in {@link #buffer()}. */
    public int offset() {
        return offset;
    }

    /** Number of data bytes. */
    public int length() {
        return length;
    }

    public int headroom() {
        return offset;
    }

    public int tailroom() {
        return buf.length - offset - length;
    }

    public int capacity() {
        return buf.length;
    }

    /**
     * Prepends {@code n} bytes of header space (contents undefined) and returns this packet. If the
     * headroom is too small the data moves within the buffer, or the packet cannot grow: then
     * {@link IllegalStateException}; elements that prepend check {@link #headroom()} or make room
     * with {@link #ensureHeadroom}.
     */
    public Packet push(int n) {
        if (n > offset) {
            ensureHeadroom(n);
        }
        offset -= n;
        length += n;
        return this;
    }

    /** Removes {@code n} bytes from the front (they become headroom again). */
    public Packet pull(int n) {
        if (n > length) {
            throw new IllegalArgumentException("pull " + n + " from a " + length + "-byte packet");
        }
        offset += n;
        length -= n;
        return this;
    }

    /** Appends {@code n} bytes of tail space (contents undefined). */
    public Packet put(int n) {
        if (n > tailroom()) {
            throw new IllegalStateException("put " + n + " bytes with " + tailroom() + " bytes of tailroom");
        }
        length += n;
        return this;
    }

    /** Removes {@code n} bytes from the end. */
    public Packet take(int n) {
        if (n > length) {
            throw new IllegalArgumentException("take " + n + " from a " + length + "-byte packet");
        }
        length -= n;
        return this;
    }

    /** Sets the data length, growing into tailroom or shrinking. */
    public Packet setLength(int n) {
        if (n < length) {
            return take(length - n);
        }
        return put(n - length);
    }

    /**
     * Makes sure at least {@code n} bytes of headroom exist by moving the data toward the end of the
     * buffer (tailroom shrinks). Header positions move with the data.
     */
    public void ensureHeadroom(int n) {
        if (n <= offset) {
            return;
        }
        int shift = n - offset;
        if (shift > tailroom()) {
            throw new IllegalStateException("no room for " + n + " bytes of headroom in a "
                    + buf.length + "-byte buffer holding " + length + " bytes");
        }
        System.arraycopy(buf, offset, buf, offset + shift, length);
        offset += shift;
        if (networkHeader >= 0) networkHeader += shift;
        if (transportHeader >= 0) transportHeader += shift;
    }

    // ---- big-endian field access, offsets relative to the data start ----

    public int u8(int i) {
        return buf[offset + i] & 0xFF;
    }

    public int u16(int i) {
        return (short) SHORT.get(buf, offset + i) & 0xFFFF;
    }

    public int i32(int i) {
        return (int) INT.get(buf, offset + i);
    }

    public long i64(int i) {
        return (long) LONG.get(buf, offset + i);
    }

    public void setU8(int i, int v) {
        buf[offset + i] = (byte) v;
    }

    public void setU16(int i, int v) {
        SHORT.set(buf, offset + i, (short) v);
    }

    public void setI32(int i, int v) {
        INT.set(buf, offset + i, v);
    }

    public void setI64(int i, long v) {
        LONG.set(buf, offset + i, v);
    }

    /** Copies {@code len} bytes from {@code src[from..]} into the data at {@code i}. */
    public void setBytes(int i, byte[] src, int from, int len) {
        System.arraycopy(src, from, buf, offset + i, len);
    }

    /** Copies {@code len} data bytes starting at {@code i} into {@code dst[to..]}. */
    public void getBytes(int i, byte[] dst, int to, int len) {
        System.arraycopy(buf, offset + i, dst, to, len);
    }

    /** A fresh array holding the data (for tests and tools; allocates). */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(buf, offset, offset + length);
    }

    // ---- annotations ----

    /** Destination IP address annotation (set by GetIPAddress, routes, ...), as a 32-bit int. */
    public int dstIp() {
        return dstIp;
    }

    public void setDstIp(int addr) {
        dstIp = addr;
    }

    /** Paint annotation: a small integer, usually the interface a packet arrived on. */
    public int paint() {
        return paint;
    }

    public void setPaint(int color) {
        paint = color;
    }

    /** Timestamp annotation in nanoseconds since the epoch (0 when unset). */
    public long timestamp() {
        return timestamp;
    }

    public void setTimestamp(long nanos) {
        timestamp = nanos;
    }

    /** Link-level packet type: {@link #HOST}, {@link #BROADCAST}, {@link #MULTICAST}, ... */
    public byte packetType() {
        return packetType;
    }

    public void setPacketType(byte type) {
        packetType = type;
    }

    /** Whether a network header position has been set (by MarkIPHeader or CheckIPHeader). */
    public boolean hasNetworkHeader() {
        return networkHeader >= 0;
    }

    /**
     * Offset of the network (IP) header relative to the data start; negative when the header lies in
     * front of the data (e.g. after a Strip) and meaningless unless {@link #hasNetworkHeader()}.
     */
    public int networkHeaderOffset() {
        return networkHeader - offset;
    }

    /** Offset of the transport header relative to the data start (see {@link #networkHeaderOffset()}). */
    public int transportHeaderOffset() {
        return transportHeader - offset;
    }

    /** Marks the network header at data offset {@code at} and the transport header {@code headerLength} bytes later. */
    public void setNetworkHeader(int at, int headerLength) {
        networkHeader = offset + at;
        transportHeader = offset + at + headerLength;
    }

    public void clearNetworkHeader() {
        networkHeader = -1;
        transportHeader = -1;
    }

    public int userAnnoU8(int i) {
        Objects.checkIndex(i, USER_ANNO_SIZE);
        return (int) (annoWord(i) >>> annoShift(i)) & 0xFF;
    }

    public void setUserAnnoU8(int i, int v) {
        Objects.checkIndex(i, USER_ANNO_SIZE);
        int shift = annoShift(i);
        long word = (annoWord(i) & ~(0xFFL << shift)) | ((v & 0xFFL) << shift);
        if (i < 8) {
            userAnno0 = word;
        } else {
            userAnno8 = word;
        }
    }

    /** The 32-bit big-endian value in user annotation bytes {@code i .. i+3}. */
    public int userAnnoI32(int i) {
        Objects.checkFromIndexSize(i, 4, USER_ANNO_SIZE);
        if ((i & 7) <= 4) {
            return (int) (annoWord(i) >>> (32 - 8 * (i & 7)));
        }
        return userAnnoU8(i) << 24 | userAnnoU8(i + 1) << 16 | userAnnoU8(i + 2) << 8 | userAnnoU8(i + 3);
    }

    public void setUserAnnoI32(int i, int v) {
        Objects.checkFromIndexSize(i, 4, USER_ANNO_SIZE);
        for (int k = 0; k < 4; k++) {
            setUserAnnoU8(i + k, v >>> (24 - 8 * k));
        }
    }

    private long annoWord(int i) {
        return i < 8 ? userAnno0 : userAnno8;
    }

    /** Where byte {@code i} sits in its word: byte 0 of a word is the most significant. */
    private static int annoShift(int i) {
        return 56 - 8 * (i & 7);
    }

    @Override
    public String toString() {
        return "Packet[" + length + " bytes" + (free ? ", FREE" : "") + "]";
    }
}

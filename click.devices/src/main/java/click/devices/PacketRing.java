package click.devices;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One AF_PACKET socket bound to one interface, with one memory-mapped TPACKET_V2 ring: a receive
 * ring ({@link #openReceive}) or a transmit ring ({@link #openTransmit}), never both, so that the
 * receive and transmit sides of a device share nothing and may run on different threads.
 *
 * <p>The ring is the paper's "descriptors in host memory": frames of {@value #FRAME_SIZE} bytes,
 * {@value #RX_FRAMES} for receiving and {@value #FRAMES} for sending (a transmit ring may be given
 * other sizes), each starting with a {@code struct tpacket2_hdr} whose status word is the only
 * synchronisation with the kernel. Receive: the kernel fills a frame and sets TP_STATUS_USER; we
 * copy it out and hand the frame back by writing TP_STATUS_KERNEL. Transmit: we fill a frame and set
 * TP_STATUS_SEND_REQUEST; one {@code sendto} per batch asks the kernel to send every requested
 * frame; it sets TP_STATUS_AVAILABLE when a frame may be reused. Status words are read with acquire
 * and written with release ordering, matching the kernel's barriers. Checking an empty ring is one
 * memory read, no system call.
 *
 * <p>Thread ownership: one thread at a time (the element's task); {@link #kernelDrops()} may come
 * from a handler thread (it is only a system call on the descriptor).
 */
final class PacketRing implements DevicePort.Receive, DevicePort.Transmit {
    static final int FRAME_SIZE = 2048;
    static final int FRAMES = 256;
    /**
     * Frames of a receive ring (4 MiB): the receive ring is the only buffer between the kernel and a
     * router thread, and must cover the time the thread is not polling it. 256 frames hold only
     * a quarter of a millisecond at 1 Mpps, less than one scheduler time slice of a thread that
     * shares its CPU; 2048 hold 2 ms.
     */
    static final int RX_FRAMES = 2048;
    private static final int BLOCK_SIZE = 16 * 1024;

    private static final int SOL_SOCKET = 1;
    private static final int SO_SNDBUFFORCE = 32;
    private static final int SOL_PACKET = 263;
    private static final int PACKET_ADD_MEMBERSHIP = 1;
    private static final int PACKET_DROP_MEMBERSHIP = 2;
    private static final int PACKET_RX_RING = 5;
    private static final int PACKET_STATISTICS = 6;
    private static final int PACKET_VERSION = 10;
    private static final int PACKET_TX_RING = 13;
    private static final int PACKET_LOSS = 14;
    private static final int PACKET_IGNORE_OUTGOING = 23;
    private static final int TPACKET_V2 = 1;
    private static final int PACKET_MR_PROMISC = 1;

    private static final int TP_STATUS_KERNEL = 0;
    private static final int TP_STATUS_USER = 1;
    private static final int TP_STATUS_CSUMNOTREADY = 8;
    private static final int TP_STATUS_AVAILABLE = 0;
    private static final int TP_STATUS_SEND_REQUEST = 1;

    // struct tpacket2_hdr fields, then the struct sockaddr_ll the kernel puts after it (receive)
    private static final int TP_LEN = 4;
    private static final int TP_SNAPLEN = 8;
    private static final int TP_MAC = 12;
    private static final int TP_SEC = 16;
    private static final int TP_NSEC = 20;
    private static final int SLL_PKTTYPE = 32 + 10;
    /** Where transmit data starts: TPACKET2_HDRLEN minus sizeof(struct sockaddr_ll). */
    private static final int TX_DATA = 32;
    /** Largest frame the transmit ring holds. */
    static final int TX_MAX = FRAME_SIZE - TX_DATA;

    private static final VarHandle STATUS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    final String device;
    final int ifindex;
    private final int fd;
    private final Pointer map;
    private final ByteBuffer ring;
    private final long mapSize;
    private final int frames;
    private final int frameSize;
    private int head;
    private boolean closed;

    private PacketRing(String device, int ifindex, int fd, Pointer map, int frames, int frameSize) {
        this.device = device;
        this.ifindex = ifindex;
        this.fd = fd;
        this.map = map;
        this.frames = frames;
        this.frameSize = frameSize;
        this.mapSize = (long) frames * frameSize;
        this.ring = map.getByteBuffer(0, mapSize).order(ByteOrder.nativeOrder());
    }

    /**
     * A receive ring on {@code device}. {@code promisc}: also frames for other hosts;
     * {@code outbound}: also frames this host sends.
     */
    static PacketRing openReceive(String device, boolean promisc, boolean outbound) throws IOException {
        return open(device, true, promisc, outbound, RX_FRAMES, FRAME_SIZE);
    }

    /** A transmit ring on {@code device}. */
    static PacketRing openTransmit(String device) throws IOException {
        return open(device, false, false, false, FRAMES, FRAME_SIZE);
    }

    /**
     * A transmit ring on {@code device} of {@code frames} frames of {@code frameSize} bytes: a power
     * of two from 64 to {@value #BLOCK_SIZE}, of which {@value #TX_DATA} hold the frame's header.
     */
    static PacketRing openTransmit(String device, int frames, int frameSize) throws IOException {
        if (Integer.bitCount(frameSize) != 1 || frameSize < 64 || frameSize > BLOCK_SIZE || frames < 1
                || (long) frames * frameSize % BLOCK_SIZE != 0) {
            throw new IllegalArgumentException("ring of " + frames + " frames of " + frameSize
                    + " bytes: expected a power-of-two frame size from 64 to " + BLOCK_SIZE
                    + " and whole blocks of " + BLOCK_SIZE + " bytes");
        }
        return open(device, false, false, false, frames, frameSize);
    }

    @Override
    public int ifindex() {
        return ifindex;
    }

    private static PacketRing open(String device, boolean receive, boolean promisc, boolean outbound,
                                   int frames, int frameSize) throws IOException {
        int fd;
        try {
            // Protocol 0: nothing arrives until bind names the device and the protocol, so the
            // ring never sees another interface's frames.
            fd = LibC.socket(LibC.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw failure("cannot open a raw socket for " + device, device, e);
        }
        Pointer map = null;
        long size = (long) frames * frameSize;
        try {
            int ifindex = LibC.if_nametoindex(device);
            if (ifindex == 0) {
                throw new IOException("no such device \"" + device + "\"");
            }
            setInt(fd, PACKET_VERSION, TPACKET_V2);
            if (receive && !outbound) {
                try {
                    setInt(fd, PACKET_IGNORE_OUTGOING, 1);
                } catch (LastErrorException olderKernel) {
                    // before Linux 4.20: outgoing frames still arrive; the reader skips them by type
                }
            }
            if (!receive) {
                setInt(fd, PACKET_LOSS, 1); // a malformed frame is skipped, not a stuck ring
            }
            Memory req = new Memory(16);
            req.setInt(0, BLOCK_SIZE);
            req.setInt(4, (int) (size / BLOCK_SIZE));
            req.setInt(8, frameSize);
            req.setInt(12, frames);
            LibC.setsockopt(fd, SOL_PACKET, receive ? PACKET_RX_RING : PACKET_TX_RING, req, 16);
            map = LibC.mmap(null, size, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED, fd, 0);
            Memory sll = new Memory(20);
            sll.clear();
            sll.setShort(0, (short) LibC.AF_PACKET);
            if (receive) {
                sll.setByte(2, (byte) 0);
                sll.setByte(3, (byte) 3); // htons(ETH_P_ALL)
            }
            sll.setInt(4, ifindex);
            LibC.bind(fd, sll, 20);
            if (promisc) {
                promiscuous(fd, ifindex, true);
            }
            return new PacketRing(device, ifindex, fd, map, frames, frameSize);
        } catch (LastErrorException e) {
            release(fd, map, size);
            throw failure("cannot set up the " + (receive ? "receive" : "transmit") + " ring of " + device, device, e);
        } catch (IOException | RuntimeException e) {
            release(fd, map, size);
            throw e;
        }
    }

    /**
     * Puts interface {@code ifindex} in promiscuous mode for as long as packet socket {@code fd} is
     * open ({@code on}), or takes this socket's request back.
     */
    static void promiscuous(int fd, int ifindex, boolean on) throws LastErrorException {
        Memory mreq = new Memory(16);
        mreq.clear();
        mreq.setInt(0, ifindex);
        mreq.setShort(4, (short) PACKET_MR_PROMISC);
        LibC.setsockopt(fd, SOL_PACKET, on ? PACKET_ADD_MEMBERSHIP : PACKET_DROP_MEMBERSHIP, mreq, 16);
    }

    private static void setInt(int fd, int option, int value) throws LastErrorException {
        Memory m = new Memory(4);
        m.setInt(0, value);
        LibC.setsockopt(fd, SOL_PACKET, option, m, 4);
    }

    /** A user-facing explanation of a failed system call on {@code device}. */
    static IOException failure(String what, String device, LastErrorException e) {
        int errno = e.getErrorCode();
        if (errno == LibC.EPERM || errno == LibC.EACCES) {
            return new IOException(what + ": permission denied (raw sockets need root or CAP_NET_RAW)");
        }
        if (errno == LibC.ENODEV || errno == LibC.ENXIO) {
            return new IOException("no such device \"" + device + "\"");
        }
        return new IOException(what + ": " + e.getMessage());
    }

    private static void release(int fd, Pointer map, long size) {
        if (map != null) {
            LibC.munmap(map, size);
        }
        LibC.close(fd);
    }

    // ---- receive ----

    /** Offset of the frame at the head of the receive ring if the kernel has filled it, else -1. */
    @Override
    public int receivedFrame() {
        int off = head * frameSize;
        return ((int) STATUS.getAcquire(ring, off) & TP_STATUS_USER) != 0 ? off : -1;
    }

    /**
     * Whether the frame at {@code off} still lacks its transport checksum: it was made on this host
     * (a veth peer, say) for a device that offloads checksums, and nobody computed it yet.
     */
    @Override
    public boolean checksumNotReady(int off) {
        return (ring.getInt(off) & TP_STATUS_CSUMNOTREADY) != 0;
    }

    /** Length on the wire of the received frame at {@code off}. */
    int wireLength(int off) {
        return ring.getInt(off + TP_LEN);
    }

    /** Bytes captured of the frame at {@code off} (less than {@link #wireLength} if truncated). */
    @Override
    public int capturedLength(int off) {
        return ring.getInt(off + TP_SNAPLEN);
    }

    /** The link-level packet type (PACKET_HOST, ...) of the frame at {@code off}. */
    @Override
    public int packetType(int off) {
        return ring.get(off + SLL_PKTTYPE) & 0xFF;
    }

    /** The kernel's receive timestamp of the frame at {@code off}, in nanoseconds since the epoch. */
    @Override
    public long timestamp(int off) {
        return (ring.getInt(off + TP_SEC) & 0xFFFFFFFFL) * 1_000_000_000L + (ring.getInt(off + TP_NSEC) & 0xFFFFFFFFL);
    }

    /** Copies {@code len} bytes of the frame at {@code off} into {@code dst[to..]}. */
    @Override
    public void copyFrame(int off, byte[] dst, int to, int len) {
        ring.get(off + (ring.getShort(off + TP_MAC) & 0xFFFF), dst, to, len);
    }

    /** Gives the frame at {@code off} (the head) back to the kernel and moves on. */
    @Override
    public void releaseFrame(int off) {
        STATUS.setRelease(ring, off, TP_STATUS_KERNEL);
        head = head + 1 == frames ? 0 : head + 1;
    }

    @Override
    public void receiveDone() {
        // each releaseFrame already gave its frame back
    }

    /** Frames the kernel dropped because the ring was full, since the last call (the kernel resets it). */
    @Override
    public long kernelDrops() {
        Memory stats = new Memory(8);
        Memory len = new Memory(4);
        len.setInt(0, 8);
        try {
            LibC.getsockopt(fd, SOL_PACKET, PACKET_STATISTICS, stats, len);
        } catch (LastErrorException e) {
            return 0;
        }
        return stats.getInt(4) & 0xFFFFFFFFL;
    }

    // ---- transmit ----

    /** Whether the frame at the head of the transmit ring is free to fill. */
    @Override
    public boolean transmitSlotFree() {
        return (int) STATUS.getAcquire(ring, head * frameSize) == TP_STATUS_AVAILABLE;
    }

    /** Largest frame this transmit ring holds ({@link #TX_MAX} with the default frame size). */
    @Override
    public int transmitMax() {
        return frameSize - TX_DATA;
    }

    /** Copies {@code len <= transmitMax()} bytes into the head frame and marks it for sending (no system call). */
    @Override
    public void queueFrame(byte[] src, int from, int len) {
        int off = head * frameSize;
        ring.put(off + TX_DATA, src, from, len);
        ring.putInt(off + TP_LEN, len);
        STATUS.setRelease(ring, off, TP_STATUS_SEND_REQUEST);
        head = head + 1 == frames ? 0 : head + 1;
    }

    /**
     * Lets the socket hold {@code bytes} of frames in flight whatever the system's wmem_max, so a
     * large transmit ring is not throttled by the default send buffer (about 250 small frames).
     * Needs CAP_NET_ADMIN.
     */
    void forceSendBuffer(int bytes) throws IOException {
        Memory m = new Memory(4);
        m.setInt(0, bytes);
        try {
            LibC.setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, m, 4);
        } catch (LastErrorException e) {
            throw failure("cannot raise the send buffer of " + device, device, e);
        }
    }

    /** Asks the kernel to send every queued frame, without waiting; 0, or the errno of the failure. */
    @Override
    public int kick() {
        return LibC.sendto(fd, null, 0, LibC.MSG_DONTWAIT, null, 0) < 0 ? Native.getLastError() : 0;
    }

    /** The interface flags (IFF_UP, ...), or -1 if the device is gone. */
    @Override
    public int deviceFlags(Ifreq req) {
        try {
            return req.flags(fd);
        } catch (LastErrorException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            release(fd, map, mapSize);
        }
    }
}

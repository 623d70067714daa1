package click.devices;

import click.api.Packet;
import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * One AF_XDP socket on rx queue 0 of a device, shared by the FromDevice ({@link #openReceive}) and
 * the ToDevice ({@link #openTransmit}) of that device in this process: the first to open it makes
 * it, the last to close its side closes it. Its {@link XdpProgram} is attached only while the
 * receive side is open, so that a ToDevice alone takes no frames from the host.
 *
 * <p>The UMEM is {@value #FRAMES} frames of {@value #FRAME_SIZE} bytes of anonymous memory shared
 * with the kernel: the first half for receiving, given to the kernel through the fill ring and
 * coming back full on the RX ring; the second half for sending, filled by us, queued on the TX ring
 * and coming back sent on the completion ring. Each ring is a producer index, a consumer index and
 * an array of descriptors in memory mapped from the socket: the consumer reads the producer index
 * with acquire ordering and publishes its own with release ordering, and vice versa, so checking
 * an empty ring is one memory read, no system call. The socket is bound in copy mode (the kernel
 * copies frames into and out of the UMEM; veth has no zero copy) with need-wakeup, and with
 * busy polling preferred: the receive side makes one system call each time it has drained the RX
 * ring, which runs the device's NAPI poll on the calling thread; transmitting makes one per batch.
 *
 * <p>The receive side (RX consumer, fill producer) and the transmit side (TX producer, completion
 * consumer, the free transmit frames) share nothing mutable, so FromDevice and ToDevice may run on
 * different threads; each side belongs to its element's task.
 */
final class XdpSocket {
    static final int FRAME_SIZE = 4096;
    static final int FRAMES = 4096;
    static final int RING_SIZE = 2048;
    /**
     * Headroom the kernel keeps in front of a received frame in copy mode (XDP_PACKET_HEADROOM):
     * the largest frame received is a UMEM frame less this.
     */
    static final int RX_HEADROOM = 256;

    static final int SOL_XDP = 283;
    static final int XDP_MMAP_OFFSETS = 1;
    static final int XDP_RX_RING = 2;
    static final int XDP_TX_RING = 3;
    static final int XDP_UMEM_REG = 4;
    static final int XDP_UMEM_FILL_RING = 5;
    static final int XDP_UMEM_COMPLETION_RING = 6;
    static final int XDP_STATISTICS = 7;
    static final int XDP_COPY = 2;
    static final int XDP_USE_NEED_WAKEUP = 8;
    static final int XDP_RING_NEED_WAKEUP = 1;
    static final int SOL_SOCKET = 1;
    static final int SO_BUSY_POLL = 46;
    static final int SO_PREFER_BUSY_POLL = 69;
    static final int SO_BUSY_POLL_BUDGET = 70;
    /** Frames one busy poll may take from the device (NAPI's usual budget). */
    static final int BUSY_POLL_BUDGET = 64;
    static final long XDP_PGOFF_RX_RING = 0;
    static final long XDP_PGOFF_TX_RING = 0x80000000L;
    static final long XDP_UMEM_PGOFF_FILL_RING = 0x100000000L;
    static final long XDP_UMEM_PGOFF_COMPLETION_RING = 0x180000000L;
    /** sizeof(struct xdp_umem_reg): addr, len, chunk_size, headroom, flags, tx_metadata_len. */
    static final int UMEM_REG_SIZE = 32;
    /** sizeof(struct sockaddr_xdp): family, flags, ifindex, queue_id, shared_umem_fd. */
    static final int SOCKADDR_SIZE = 16;
    /** sizeof(struct xdp_mmap_offsets): rx, tx, fill, completion; each producer, consumer, desc, flags. */
    static final int OFFSETS_SIZE = 4 * 32;
    /** sizeof(struct xdp_statistics): six counters. */
    static final int STATISTICS_SIZE = 48;

    private static final Map<String, XdpSocket> OPEN = new HashMap<>();

    final String device;
    final int ifindex;
    final int fd;
    /**
     * A packet socket bound to nothing (it receives nothing): for the interface ioctls, which an
     * AF_XDP socket does not answer, and FromDevice's promiscuous-mode request.
     */
    private final int ioctlFd;
    private final Pointer umemMap;
    private final Ring[] rings;
    /** The redirect program, attached while a FromDevice holds the receive side; guarded by the class lock. */
    private XdpProgram program;
    /** Where {@link #program} runs, or null while there is none. */
    private volatile XdpProgram.Mode mode;
    private final Receiver receiver;
    private final Transmitter transmitter;
    private int users;
    private boolean receiverTaken;
    private boolean transmitterTaken;

    private XdpSocket(String device, int ifindex, int fd, int ioctlFd, Pointer umemMap, Ring rx, Ring fill,
                      Ring tx, Ring completion, long deviceEther) {
        this.device = device;
        this.ifindex = ifindex;
        this.fd = fd;
        this.ioctlFd = ioctlFd;
        this.umemMap = umemMap;
        this.rings = new Ring[] {rx, fill, tx, completion};
        ByteBuffer umem = umemMap.getByteBuffer(0, (long) FRAMES * FRAME_SIZE).order(ByteOrder.nativeOrder());
        this.receiver = new Receiver(umem, rx, fill, deviceEther);
        this.transmitter = new Transmitter(umem, tx, completion);
    }

    /**
     * The receive side of {@code device}'s socket, opening the socket if no element has;
     * {@code promisc}: with the device in promiscuous mode until the side is closed.
     */
    static synchronized Receiver openReceive(String device, boolean promisc) throws IOException {
        XdpSocket s = acquire(device);
        if (s.receiverTaken) {
            release(s);
            throw new IOException("device " + device + " already has a FromDevice with METHOD XDP in this process");
        }
        try {
            s.program = XdpProgram.attach(device, s.ifindex, s.fd);
        } catch (IOException e) {
            release(s);
            throw e;
        }
        s.mode = s.program.mode;
        if (promisc) {
            try {
                PacketRing.promiscuous(s.ioctlFd, s.ifindex, true);
            } catch (LastErrorException e) {
                s.detach();
                release(s);
                throw PacketRing.failure("cannot put " + device + " in promiscuous mode", device, e);
            }
        }
        s.receiverTaken = true;
        s.receiver.promisc = promisc;
        return s.receiver;
    }

    /** The transmit side of {@code device}'s socket, opening the socket if no element has. */
    static synchronized Transmitter openTransmit(String device) throws IOException {
        XdpSocket s = acquire(device);
        if (s.transmitterTaken) {
            release(s);
            throw new IOException("device " + device + " already has a ToDevice with METHOD XDP in this process");
        }
        s.transmitterTaken = true;
        return s.transmitter;
    }

    /** The socket the elements of {@code device} share now, or null. */
    static synchronized XdpSocket shared(String device) {
        return OPEN.get(device);
    }

    private static XdpSocket acquire(String device) throws IOException {
        int ifindex = LibC.if_nametoindex(device);
        if (ifindex == 0) {
            throw new IOException("no such device \"" + device + "\"");
        }
        XdpSocket s = OPEN.get(device);
        if (s == null || s.ifindex != ifindex) {
            // a device re-created under the same name: the old socket closes when its users let go
            s = open(device, ifindex);
            OPEN.put(device, s);
        }
        s.users++;
        return s;
    }

    private static synchronized void release(XdpSocket s) {
        if (--s.users == 0) {
            OPEN.remove(s.device, s);
            s.closeNow();
        }
    }

    /**
     * A new socket on {@code device}, without its program, outside the sharing (tests call it to
     * make a second one).
     */
    static XdpSocket open(String device, int ifindex) throws IOException {
        int fd;
        try {
            fd = LibC.socket(LibC.AF_XDP, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            if (errno == LibC.EAFNOSUPPORT) {
                throw new IOException("cannot open an AF_XDP socket for " + device
                        + ": this kernel has no AF_XDP (CONFIG_XDP_SOCKETS); use METHOD LINUX");
            }
            if (errno == LibC.EPERM || errno == LibC.EACCES) {
                throw new IOException("cannot open an AF_XDP socket for " + device
                        + ": permission denied (AF_XDP needs root or CAP_NET_ADMIN+CAP_BPF)");
            }
            throw new IOException("cannot open an AF_XDP socket for " + device + ": " + e.getMessage());
        }
        long umemSize = (long) FRAMES * FRAME_SIZE;
        Pointer umem = null;
        int ioctlFd = -1;
        Ring[] mapped = new Ring[4];
        try {
            ioctlFd = LibC.socket(LibC.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, 0);
            umem = LibC.mmap(null, umemSize, LibC.PROT_READ | LibC.PROT_WRITE,
                    LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS, -1, 0);
            Memory reg = new Memory(UMEM_REG_SIZE);
            reg.write(0, umemReg(Pointer.nativeValue(umem), umemSize, FRAME_SIZE).array(), 0, UMEM_REG_SIZE);
            LibC.setsockopt(fd, SOL_XDP, XDP_UMEM_REG, reg, UMEM_REG_SIZE);
            setRingSize(fd, XDP_UMEM_FILL_RING);
            setRingSize(fd, XDP_UMEM_COMPLETION_RING);
            setRingSize(fd, XDP_RX_RING);
            setRingSize(fd, XDP_TX_RING);
            Memory offsets = new Memory(OFFSETS_SIZE);
            Memory len = new Memory(4);
            len.setInt(0, OFFSETS_SIZE);
            LibC.getsockopt(fd, SOL_XDP, XDP_MMAP_OFFSETS, offsets, len);
            mapped[0] = Ring.map(fd, offsets, 0, XDP_PGOFF_RX_RING, 16);
            mapped[1] = Ring.map(fd, offsets, 2, XDP_UMEM_PGOFF_FILL_RING, 8);
            mapped[2] = Ring.map(fd, offsets, 1, XDP_PGOFF_TX_RING, 16);
            mapped[3] = Ring.map(fd, offsets, 3, XDP_UMEM_PGOFF_COMPLETION_RING, 8);
            long ether = new Ifreq(device).hardwareAddress(ioctlFd, Ifreq.SIOCGIFHWADDR);
            Memory addr = new Memory(SOCKADDR_SIZE);
            addr.write(0, sockaddr(ifindex, 0).array(), 0, SOCKADDR_SIZE);
            try {
                LibC.bind(fd, addr, SOCKADDR_SIZE);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LibC.EBUSY) {
                    throw new IOException("queue 0 of " + device + " already has an AF_XDP socket (another program's)");
                }
                throw e;
            }
            preferBusyPolling(fd);
            XdpSocket s = new XdpSocket(device, ifindex, fd, ioctlFd, umem, mapped[0], mapped[1], mapped[2], mapped[3], ether);
            s.receiver.fillAll();
            return s;
        } catch (LastErrorException e) {
            release(fd, ioctlFd, umem, mapped);
            throw PacketRing.failure("cannot set up the AF_XDP socket of " + device, device, e);
        } catch (IOException | RuntimeException e) {
            release(fd, ioctlFd, umem, mapped);
            throw e;
        }
    }

    /**
     * Lets the receive side's system calls run the device's NAPI poll themselves (busy polling, up
     * to {@value #BUSY_POLL_BUDGET} frames a call), on the router thread's CPU, and asks the kernel
     * to leave the device to them (the kernel does so only where the device's
     * {@code napi_defer_hard_irqs} and {@code gro_flush_timeout} are set; else its softirq or NAPI
     * thread keeps receiving too). Best effort: a kernel without these options only loses the help.
     */
    private static void preferBusyPolling(int fd) {
        Memory m = new Memory(4);
        int[][] options = {{SO_BUSY_POLL, 20}, {SO_PREFER_BUSY_POLL, 1}, {SO_BUSY_POLL_BUDGET, BUSY_POLL_BUDGET}};
        for (int[] o : options) {
            m.setInt(0, o[1]);
            try {
                LibC.setsockopt(fd, SOL_SOCKET, o[0], m, 4);
            } catch (LastErrorException olderKernel) {
                // receiving still works, through the kernel's own NAPI scheduling
            }
        }
    }

    private static void setRingSize(int fd, int option) {
        Memory m = new Memory(4);
        m.setInt(0, RING_SIZE);
        LibC.setsockopt(fd, SOL_XDP, option, m, 4);
    }

    /** struct xdp_umem_reg for a UMEM at {@code addr} of {@code len} bytes in frames of {@code frameSize}, no headroom. */
    static ByteBuffer umemReg(long addr, long len, int frameSize) {
        ByteBuffer b = ByteBuffer.allocate(UMEM_REG_SIZE).order(ByteOrder.nativeOrder());
        b.putLong(0, addr);
        b.putLong(8, len);
        b.putInt(16, frameSize);
        return b;
    }

    /** struct sockaddr_xdp for queue {@code queue} of interface {@code ifindex}: copy mode, need-wakeup. */
    static ByteBuffer sockaddr(int ifindex, int queue) {
        ByteBuffer b = ByteBuffer.allocate(SOCKADDR_SIZE).order(ByteOrder.nativeOrder());
        b.putShort(0, (short) LibC.AF_XDP);
        b.putShort(2, (short) (XDP_COPY | XDP_USE_NEED_WAKEUP));
        b.putInt(4, ifindex);
        b.putInt(8, queue);
        return b;
    }

    private static void release(int fd, int ioctlFd, Pointer umem, Ring[] mapped) {
        for (Ring r : mapped) {
            if (r != null) {
                r.unmap();
            }
        }
        LibC.close(fd);
        if (ioctlFd >= 0) {
            LibC.close(ioctlFd);
        }
        if (umem != null) {
            LibC.munmap(umem, (long) FRAMES * FRAME_SIZE);
        }
    }

    private void closeNow() {
        release(fd, ioctlFd, umemMap, rings);
    }

    /** Detaches the program: frames go to the kernel again. Under the class lock. */
    private void detach() {
        program.close();
        program = null;
        mode = null;
    }

    private int deviceFlags(Ifreq req) {
        try {
            return req.flags(ioctlFd);
        } catch (LastErrorException e) {
            return -1;
        }
    }

    /**
     * One ring mapped from the socket: a u32 producer index, a u32 consumer index, a u32 flags word
     * and {@value #RING_SIZE} descriptors, at the offsets the kernel gives (XDP_MMAP_OFFSETS).
     */
    static final class Ring {
        private static final VarHandle INDEX = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
        static final int MASK = RING_SIZE - 1;

        final ByteBuffer buf;
        private final Pointer map;
        private final long mapSize;
        private final int producer;
        private final int consumer;
        private final int flags;
        /** Offset of descriptor 0; descriptor i is at {@code desc + i * entrySize}. */
        final int desc;

        private Ring(Pointer map, long mapSize, int producer, int consumer, int desc, int flags) {
            this.map = map;
            this.mapSize = mapSize;
            this.buf = map.getByteBuffer(0, mapSize).order(ByteOrder.nativeOrder());
            this.producer = producer;
            this.consumer = consumer;
            this.desc = desc;
            this.flags = flags;
        }

        /** Maps ring {@code which} (0 rx, 1 tx, 2 fill, 3 completion in struct xdp_mmap_offsets) at page offset {@code pgoff}. */
        static Ring map(int fd, Memory offsets, int which, long pgoff, int entrySize) {
            long base = which * 32L;
            int producer = (int) offsets.getLong(base);
            int consumer = (int) offsets.getLong(base + 8);
            int desc = (int) offsets.getLong(base + 16);
            int flags = (int) offsets.getLong(base + 24);
            long size = desc + (long) RING_SIZE * entrySize;
            Pointer p = LibC.mmap(null, size, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED, fd, pgoff);
            return new Ring(p, size, producer, consumer, desc, flags);
        }

        int producerAcquire() {
            return (int) INDEX.getAcquire(buf, producer);
        }

        void producerRelease(int value) {
            INDEX.setRelease(buf, producer, value);
        }

        int consumerAcquire() {
            return (int) INDEX.getAcquire(buf, consumer);
        }

        void consumerRelease(int value) {
            INDEX.setRelease(buf, consumer, value);
        }

        /** Whether the kernel asks for a system call to go on with this ring. */
        boolean needsWakeup() {
            return ((int) INDEX.getVolatile(buf, flags) & XDP_RING_NEED_WAKEUP) != 0;
        }

        void unmap() {
            LibC.munmap(map, mapSize);
        }
    }

    /** What both sides tell of the socket. */
    abstract class Side implements DevicePort {
        @Override
        public int ifindex() {
            return ifindex;
        }

        @Override
        public int deviceFlags(Ifreq req) {
            return XdpSocket.this.deviceFlags(req);
        }

        /** Where the socket's XDP program runs ({@code native}, {@code generic}), or {@code none} without a FromDevice. */
        String modeName() {
            XdpProgram.Mode m = mode;
            return m == null ? "none" : m.handlerName();
        }
    }

    /** FromDevice's side: consumes the RX ring, produces the fill ring. */
    final class Receiver extends Side implements DevicePort.Receive {
        private final ByteBuffer umem;
        private final ByteBuffer umemBigEndian;
        private final Ring rx;
        private final Ring fill;
        private final long deviceEther;
        private int rxConsumer;
        private int rxProducer;
        private int fillProducer;
        private int published;
        /** The RX ring was found empty since the last busy poll. */
        private boolean drained;
        private final long[] lastStats = new long[2];
        private final Memory stats = new Memory(STATISTICS_SIZE);
        private final Memory statsLen = new Memory(4);
        private boolean promisc;

        Receiver(ByteBuffer umem, Ring rx, Ring fill, long deviceEther) {
            this.umem = umem;
            this.umemBigEndian = umem.duplicate().order(ByteOrder.BIG_ENDIAN);
            this.rx = rx;
            this.fill = fill;
            this.deviceEther = deviceEther;
        }

        /** Gives the kernel every receive frame (the first half of the UMEM). */
        void fillAll() {
            for (int i = 0; i < FRAMES / 2; i++) {
                fill.buf.putLong(fill.desc + (fillProducer & Ring.MASK) * 8, (long) i * FRAME_SIZE);
                fillProducer++;
            }
            fill.producerRelease(fillProducer);
        }

        private int descriptor(int frame) {
            return rx.desc + frame * 16;
        }

        private int address(int frame) {
            return (int) rx.buf.getLong(descriptor(frame));
        }

        @Override
        public int receivedFrame() {
            if (rxConsumer == rxProducer) {
                rxProducer = rx.producerAcquire();
                if (rxConsumer == rxProducer) {
                    drained = true;
                    return -1;
                }
            }
            return rxConsumer & Ring.MASK;
        }

        @Override
        public int capturedLength(int frame) {
            return rx.buf.getInt(descriptor(frame) + 8);
        }

        /**
         * From the destination address, as the kernel would: broadcast, multicast, this device's
         * address (host) or another (other host).
         */
        @Override
        public int packetType(int frame) {
            int a = address(frame);
            long dst = (umemBigEndian.getInt(a) & 0xFFFFFFFFL) << 16 | (umemBigEndian.getShort(a + 4) & 0xFFFF);
            if ((dst & 0x0100_0000_0000L) != 0) {
                return dst == 0xFFFF_FFFF_FFFFL ? Packet.BROADCAST : Packet.MULTICAST;
            }
            return dst == deviceEther ? Packet.HOST : Packet.OTHERHOST;
        }

        /** XDP says nothing of offloaded checksums. */
        @Override
        public boolean checksumNotReady(int frame) {
            return false;
        }

        @Override
        public long timestamp(int frame) {
            return -1;
        }

        @Override
        public void copyFrame(int frame, byte[] dst, int to, int len) {
            umem.get(address(frame), dst, to, len);
        }

        @Override
        public void releaseFrame(int frame) {
            // the frame's start (copy mode: the data sits after the kernel's headroom)
            long start = (long) address(frame) / FRAME_SIZE * FRAME_SIZE;
            fill.buf.putLong(fill.desc + (fillProducer & Ring.MASK) * 8, start);
            fillProducer++;
            rxConsumer++;
        }

        /**
         * Publishes the batch's releases; once the RX ring has been drained, one system call
         * busy-polls the device for more (and wakes the kernel if the fill ring asks for it).
         */
        @Override
        public void receiveDone() {
            if (published != rxConsumer) {
                published = rxConsumer;
                rx.consumerRelease(rxConsumer);
                fill.producerRelease(fillProducer);
            }
            if (drained || fill.needsWakeup()) {
                drained = false;
                LibC.recvfrom(fd, null, 0, LibC.MSG_DONTWAIT, null, null);
            }
        }

        /** Frames dropped for want of a fill frame or of RX ring room (and too long ones) since the last call. */
        @Override
        public synchronized long kernelDrops() {
            statsLen.setInt(0, STATISTICS_SIZE);
            try {
                LibC.getsockopt(fd, SOL_XDP, XDP_STATISTICS, stats, statsLen);
            } catch (LastErrorException e) {
                return 0;
            }
            // rx_dropped (which counts fill-ring shortages too) and rx_ring_full; the kernel never resets them
            long dropped = stats.getLong(0) - lastStats[0];
            long ringFull = stats.getLong(24) - lastStats[1];
            lastStats[0] = stats.getLong(0);
            lastStats[1] = stats.getLong(24);
            return dropped + ringFull;
        }

        @Override
        public void close() {
            synchronized (XdpSocket.class) {
                if (promisc) {
                    try {
                        PacketRing.promiscuous(ioctlFd, ifindex, false);
                    } catch (LastErrorException gone) {
                        // the device went away, and its promiscuous mode with it
                    }
                }
                detach();
                receiverTaken = false;
                release(XdpSocket.this);
            }
        }
    }

    /** ToDevice's side: produces the TX ring, consumes the completion ring, keeps the free transmit frames. */
    final class Transmitter extends Side implements DevicePort.Transmit {
        private final ByteBuffer umem;
        private final Ring tx;
        private final Ring completion;
        /** Free transmit frames (UMEM offsets), a stack: the most recently sent frame is the warmest. */
        private final int[] free = new int[FRAMES / 2];
        private int freeCount;
        private int txProducer;
        private int completionConsumer;

        Transmitter(ByteBuffer umem, Ring tx, Ring completion) {
            this.umem = umem;
            this.tx = tx;
            this.completion = completion;
            for (int i = 0; i < free.length; i++) {
                free[freeCount++] = (FRAMES / 2 + i) * FRAME_SIZE;
            }
        }

        @Override
        public boolean transmitSlotFree() {
            return freeCount > 0 || reclaim() > 0;
        }

        /** Takes back the frames the kernel has sent; returns how many. */
        private int reclaim() {
            int produced = completion.producerAcquire();
            int n = produced - completionConsumer;
            for (int i = 0; i < n; i++) {
                free[freeCount++] = (int) completion.buf.getLong(completion.desc + (completionConsumer & Ring.MASK) * 8);
                completionConsumer++;
            }
            if (n > 0) {
                completion.consumerRelease(completionConsumer);
            }
            return n;
        }

        @Override
        public int transmitMax() {
            return FRAME_SIZE;
        }

        @Override
        public void queueFrame(byte[] src, int from, int len) {
            int addr = free[--freeCount];
            umem.put(addr, src, from, len);
            int d = tx.desc + (txProducer & Ring.MASK) * 16;
            tx.buf.putLong(d, addr);
            tx.buf.putInt(d + 8, len);
            tx.buf.putInt(d + 12, 0);
            txProducer++;
        }

        /** Publishes the queued frames; in copy mode the kernel sends them inside the kick. */
        @Override
        public int kick() {
            tx.producerRelease(txProducer);
            if (!tx.needsWakeup()) {
                return 0;
            }
            if (LibC.sendto(fd, null, 0, LibC.MSG_DONTWAIT, null, 0) < 0) {
                int errno = Native.getLastError();
                // EAGAIN: more queued than one call sends; EBUSY, ENOBUFS: the device is busy. Kick again.
                return errno;
            }
            return tx.consumerAcquire() == txProducer ? 0 : LibC.EAGAIN;
        }

        @Override
        public void close() {
            synchronized (XdpSocket.class) {
                transmitterTaken = false;
                release(XdpSocket.this);
            }
        }
    }
}

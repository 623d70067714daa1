package click.devices;

import click.api.Args;
import click.api.Clock;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementContext;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.Tally;
import click.api.net.Headers;
import click.api.net.IPv4;

import java.io.IOException;

/**
 * <h2>FromDevice</h2>
 * <b>Synopsis:</b> {@code FromDevice(DEVNAME [, KEYWORDS])}, also {@code PollDevice(DEVNAME [, KEYWORDS])}
 * <p><b>Reads frames from a Linux network device through a memory-mapped AF_PACKET ring.</b>
 * Category: devices. Ports: no inputs, 1 push output.
 *
 * <p><b>Processing:</b> a task polls the device's receive ring (2048 frames of 2 KiB in memory
 * shared with the kernel). Each run takes up to BURST filled frames: it copies each into a fresh
 * packet, sets the timestamp (the kernel's receive time) and the packet type annotation (host,
 * broadcast, multicast, other host, outgoing) and hands the frame back to the kernel, then pushes
 * the packet. A TCP or UDP packet that another program on this host sent without its checksum
 * (checksum offload, as over a veth pair) gets the checksum computed, as the kernel would before
 * forwarding it. Finding the ring empty costs one memory read and no system call (the paper's
 * polling of descriptors in host memory). Frames the kernel could not place because the ring was
 * full are counted by {@code kernel_drops}.
 *
 * <p>Opening the device needs root or CAP_NET_RAW; a missing device or permission is a
 * configuration error. If the device goes down or disappears while the router runs, the element
 * says so once in the router's log, keeps checking (50 ms doubling to 1 s) while the rest of the
 * router runs on, and receives again when the device is back, even as a new interface.
 *
 * <p>PollDevice is the same element: with AF_PACKET rings reading is always polling.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>SNIFFER</dt><dd>boolean, default true. Accepted for Click configurations; an AF_PACKET socket
 * cannot hide frames from the host's own stack, so the kernel always sees them too (unlike Click,
 * which can steal them). Give a router's devices no IP address to keep the host out of the way.</dd>
 * <dt>PROMISC</dt><dd>boolean, default false: put the device in promiscuous mode (frames for other
 * hosts too) while the element runs.</dd>
 * <dt>BURST</dt><dd>integer, default 8: most frames taken per task run.</dd>
 * <dt>METHOD</dt><dd>word, default LINUX: how to read. Only LINUX (AF_PACKET) exists here; PCAP,
 * NETMAP and the rest are configuration errors.</dd>
 * <dt>OUTBOUND</dt><dd>boolean, default false: also emit frames this host sends on the device
 * (packet type OUTGOING), such as those of a ToDevice on the same device.</dd>
 * <dt>SNAPLEN</dt><dd>integer, default 2046: most bytes kept of each frame (longer frames are
 * truncated). Frames longer than a ring frame (about 1.9 KiB) are truncated by the kernel.</dd>
 * <dt>HEADROOM</dt><dd>integer, default 96: headroom of each packet.</dd>
 * <dt>TIMESTAMP</dt><dd>boolean, default true: set the timestamp annotation.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>count (read)</dt><dd>frames emitted.</dd>
 * <dt>kernel_drops (read)</dt><dd>frames the kernel dropped because the ring was full.</dd>
 * <dt>reset, reset_counts (write)</dt><dd>set count and kernel_drops to 0.</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> sets timestamp and packet type.
 *
 * <p><b>Example:</b> {@code FromDevice(eth0, PROMISC true) -> Queue -> ToDevice(eth1);} bridges
 * eth0's traffic to eth1.
 * <p><b>See also:</b> ToDevice, KernelTap, FromDump.
 */
@ElementInfo(ports = "0/1", processing = "/h", category = "devices", aliases = "PollDevice")
public final class FromDevice extends Element {
    private static final int ETHER_HEADER = 14;
    private final Tally count = new Tally();
    private long kernelDrops;
    private String device;
    private boolean promisc;
    private boolean outbound;
    private boolean timestamp;
    private int burst;
    private int snaplen;
    private int headroom;
    private Clock clock;
    private DeviceWatch watch;

    @Override
    public void configure(Args args) throws ConfigException {
        String dev = args.requiredPositional("DEVNAME").asWord(null);
        args.optional("SNIFFER").asBool(true);
        boolean prom = args.optional("PROMISC").asBool(false);
        int b = args.optional("BURST").asInt(8, 1, Integer.MAX_VALUE);
        String method = args.optional("METHOD").asWord("LINUX");
        boolean out = args.optional("OUTBOUND").asBool(false);
        int snap = args.optional("SNAPLEN").asInt(2046, 14, 65535);
        int head = args.optional("HEADROOM").asInt(Packet.DEFAULT_HEADROOM, 0, 1024);
        boolean ts = args.optional("TIMESTAMP").asBool(true);
        DeviceArgs.checkDevice(args, dev);
        DeviceArgs.checkMethod(args, method);
        args.complete();
        device = dev;
        promisc = prom;
        burst = b;
        outbound = out;
        snaplen = snap;
        headroom = head;
        timestamp = ts;
    }

    @Override
    public void initialize(ElementContext ctx) throws ConfigException {
        clock = ctx.clock();
        watch = DeviceWatch.start(this, device, this::open, clock.nanoTime());
        ctx.addTask(this, this::runTask);
    }

    private PacketRing open() throws IOException {
        return PacketRing.openReceive(device, promisc, outbound);
    }

    private int runTask() {
        PacketRing r = watch.ring();
        int n = 0;
        if (r != null) {
            n = receive(r);
        }
        if (n == 0) {
            long now = clock.nanoTime();
            if (watch.due(now)) {
                watch.check(now);
            }
        }
        return n;
    }

    private int receive(PacketRing r) {
        int n = 0;
        int off;
        while (n < burst && (off = r.receivedFrame()) >= 0) {
            int type = r.packetType(off);
            if (type == Packet.OUTGOING && !outbound) {
                r.releaseFrame(off);
                continue;
            }
            int len = Math.min(r.capturedLength(off), snaplen);
            Packet p = Packet.make(headroom, len, 0);
            r.copyFrame(off, p.buffer(), p.offset(), len);
            if (r.checksumNotReady(off)) {
                completeChecksum(p);
            }
            p.setPacketType((byte) type);
            if (timestamp) {
                p.setTimestamp(r.timestamp(off));
            }
            r.releaseFrame(off);
            output(0).push(p);
            n++;
        }
        if (n > 0) {
            count.add(n);
        }
        return n;
    }

    /**
     * Computes the TCP or UDP checksum the sending host left to checksum offload (a kernel device
     * would do it before forwarding), so that a router passing the packet on sends it valid.
     */
    private static void completeChecksum(Packet p) {
        if (p.length() >= ETHER_HEADER && p.u16(12) == Headers.ETHERTYPE_IP && IPv4.hasHeader(p, ETHER_HEADER)) {
            IPv4.setTransportChecksum(p, ETHER_HEADER);
        }
    }

    /** Frames emitted so far. */
    public long count() {
        return count.sum();
    }

    private synchronized long kernelDrops() {
        PacketRing r = watch == null ? null : watch.ring();
        if (r != null) {
            kernelDrops += r.kernelDrops();
        }
        return kernelDrops;
    }

    private synchronized void reset() {
        kernelDrops();
        kernelDrops = 0;
        count.reset();
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("count", () -> Long.toString(count.sum()))
         .read("kernel_drops", () -> Long.toString(kernelDrops()))
         .write("reset", v -> reset())
         .write("reset_counts", v -> reset());
    }

    @Override
    public void cleanup() {
        if (watch != null) {
            watch.close();
        }
    }
}

package click.devices;

import click.api.Args;
import click.api.Clock;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementContext;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.StageMeter;
import click.api.Tally;
import click.api.net.Headers;
import click.api.net.IPv4;

import java.io.IOException;

/**
 * <h2>FromDevice</h2>
 * <b>Synopsis:</b> {@code FromDevice(DEVNAME [, KEYWORDS])}, also {@code PollDevice(DEVNAME [, KEYWORDS])}
 * <p><b>Reads frames from a Linux network device through a memory-mapped AF_PACKET ring or an AF_XDP socket.</b>
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
 * <p>In the SMP driver's stage costs ({@code stage_costs}), taking a frame out of the ring into a
 * packet is the receive stage.
 *
 * <p>Opening the device needs root or CAP_NET_RAW; a missing device or permission is a
 * configuration error. If the device goes down or disappears while the router runs, the element
 * says so once in the router's log, keeps checking (50 ms doubling to 1 s) while the rest of the
 * router runs on, and receives again when the device is back, even as a new interface.
 *
 * <p><b>METHOD XDP</b> (jclick's own; Click has no such method): an XDP program that jclick
 * assembles and loads itself redirects every frame arriving on the device's rx queue 0 into an
 * AF_XDP socket before the kernel makes an skb of it; the socket's receive ring and fill ring live
 * in memory shared with the kernel, and the task polls them as above. When the task has emptied the
 * receive ring it makes one system call that busy-polls the device (runs the driver's NAPI poll, up
 * to 64 frames, on the router thread); with the device's {@code napi_defer_hard_irqs} and
 * {@code gro_flush_timeout} set, the kernel then leaves receiving to the router thread, as in the
 * paper's polling (else its own softirq or NAPI thread receives too). The host's own stack then no longer sees the
 * frames of that device and queue (what Click's SNIFFER false does; SNIFFER is ignored). Under
 * overload frames are dropped in the device's own ring, before any work is spent on them, instead of
 * after a full kernel receive as with AF_PACKET. Frames on other rx queues of a multi-queue device
 * are left to the kernel. The program runs in the driver (native mode) where the driver has XDP,
 * as veth does, else on skbs (generic mode); the router's log and {@code xdp_mode} say which. The
 * differences from LINUX: the timestamp is jclick's clock when the frame is read (XDP gives no
 * receive time); the packet type comes from the destination address (broadcast, multicast, the
 * device's address = host, else other host); OUTBOUND is an error (XDP sees no outgoing frames);
 * frames longer than 3840 bytes are dropped by the kernel and counted in {@code kernel_drops}; and
 * checksums left to offload cannot be completed, as XDP does not flag them: a host on the other end
 * of a veth pair must send with checksum offload off ({@code ethtool -K DEV tx off}) for its TCP and
 * UDP to be forwarded valid (physical devices deliver complete frames). FromDevice and ToDevice of
 * one device share one socket, so a process has at most one of each with METHOD XDP per device (a
 * hot swap to a configuration that keeps such a FromDevice therefore fails, leaving the old router
 * running: stop it and start the new configuration instead).
 * It needs root or CAP_NET_ADMIN+CAP_BPF and a kernel with AF_XDP; a device whose XDP hook or rx queue 0
 * another program holds is a configuration error, as is a program the kernel's verifier rejects
 * (with its log). The program is detached when the element is cleaned up or the process dies.
 *
 * <p>PollDevice is the same element: with either method reading is always polling.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>SNIFFER</dt><dd>boolean, default true. Accepted for Click configurations; an AF_PACKET socket
 * cannot hide frames from the host's own stack, so with METHOD LINUX the kernel always sees them
 * too (unlike Click, which can steal them): give a router's devices no IP address to keep the host
 * out of the way. With METHOD XDP the frames are always taken from the host, whatever SNIFFER says.</dd>
 * <dt>PROMISC</dt><dd>boolean, default false: put the device in promiscuous mode (frames for other
 * hosts too) while the element runs.</dd>
 * <dt>BURST</dt><dd>integer, default 8: most frames taken per task run.</dd>
 * <dt>METHOD</dt><dd>word, default LINUX: how to read. LINUX (an AF_PACKET ring) or XDP (an AF_XDP
 * socket, above); PCAP, NETMAP and the rest are configuration errors.</dd>
 * <dt>OUTBOUND</dt><dd>boolean, default false: also emit frames this host sends on the device
 * (packet type OUTGOING), such as those of a ToDevice on the same device. LINUX only.</dd>
 * <dt>SNAPLEN</dt><dd>integer, default 2046: most bytes kept of each frame (longer frames are
 * truncated). Frames longer than a ring frame (about 1.9 KiB) are truncated by the kernel.</dd>
 * <dt>HEADROOM</dt><dd>integer, default 96: headroom of each packet.</dd>
 * <dt>TIMESTAMP</dt><dd>boolean, default true: set the timestamp annotation (METHOD XDP: the time
 * the frame was read).</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>count (read)</dt><dd>frames emitted.</dd>
 * <dt>kernel_drops (read)</dt><dd>frames the kernel dropped because the ring was full (METHOD XDP:
 * because the receive ring was full or no fill frame was free, or the frame was too long; the
 * socket's XDP_STATISTICS rx_ring_full and rx_dropped; what the device's own ring drops under
 * overload is in the device's statistics, for a veth in its peer's tx_dropped).</dd>
 * <dt>xdp_mode (read)</dt><dd>METHOD XDP only: where the XDP program runs, {@code native} (in the
 * driver) or {@code generic} (on skbs); {@code none} while the device is gone.</dd>
 * <dt>reset, reset_counts (write)</dt><dd>set count and kernel_drops to 0.</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> sets timestamp and packet type.
 *
 * <p><b>Example:</b> {@code FromDevice(eth0, PROMISC true) -> Queue -> ToDevice(eth1);} bridges
 * eth0's traffic to eth1; {@code FromDevice(eth0, METHOD XDP) -> Queue -> ToDevice(eth1, METHOD XDP);}
 * does it through AF_XDP, taking eth0's frames away from the host.
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
    private boolean xdp;
    private Clock clock;
    private DeviceWatch<DevicePort.Receive> watch;
    /** Where the XDP program ran when last opened (METHOD XDP), to say so when it changes. */
    private String xdpMode;

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
        boolean x = DeviceArgs.xdp(args, method);
        if (x && out) {
            args.error("OUTBOUND true is not available with METHOD XDP: XDP sees only the frames the device receives");
        }
        args.complete();
        xdp = x;
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

    private DevicePort.Receive open() throws IOException {
        if (xdp) {
            XdpSocket.Receiver r = XdpSocket.openReceive(device, promisc);
            if (!r.modeName().equals(xdpMode)) {
                xdpMode = r.modeName();
                context().message(this, name() + ": " + device + " receives through AF_XDP, XDP program in "
                        + xdpMode + " mode");
            }
            return r;
        }
        return PacketRing.openReceive(device, promisc, outbound);
    }

    private int runTask() {
        DevicePort.Receive r = watch.ring();
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

    private int receive(DevicePort.Receive r) {
        int n = 0;
        int off;
        StageMeter m = StageMeter.active(); // on a measured run: each frame's copy is the receive stage
        while (n < burst && (off = r.receivedFrame()) >= 0) {
            int type = r.packetType(off);
            if (type == Packet.OUTGOING && !outbound) {
                r.releaseFrame(off);
                continue;
            }
            int outer = m == null ? 0 : m.enter(StageMeter.RECEIVE);
            int len = Math.min(r.capturedLength(off), snaplen);
            Packet p = Packet.make(headroom, len, 0);
            r.copyFrame(off, p.buffer(), p.offset(), len);
            if (r.checksumNotReady(off)) {
                completeChecksum(p);
            }
            p.setPacketType((byte) type);
            if (timestamp) {
                long ts = r.timestamp(off);
                p.setTimestamp(ts >= 0 ? ts : clock.epochNanos());
            }
            r.releaseFrame(off);
            if (m != null) {
                m.exit(outer);
            }
            output(0).push(p);
            n++;
        }
        r.receiveDone();
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
        DevicePort.Receive r = watch == null ? null : watch.ring();
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
        if (xdp) {
            h.read("xdp_mode", () -> watch.ring() instanceof XdpSocket.Side s ? s.modeName() : "none");
        }
    }

    @Override
    public void cleanup() {
        if (watch != null) {
            watch.close();
        }
    }
}

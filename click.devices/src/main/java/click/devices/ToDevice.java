package click.devices;

import click.api.ActivitySignal;
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
import click.api.TaskHandle;

import java.io.IOException;

/**
 * <h2>ToDevice</h2>
 * <b>Synopsis:</b> {@code ToDevice(DEVNAME [, KEYWORDS])}
 * <p><b>Sends frames on a Linux network device through a memory-mapped AF_PACKET ring or an AF_XDP socket.</b>
 * Category: devices. Ports: 1 pull input, no outputs.
 *
 * <p><b>Processing:</b> a task pulls up to BURST packets per run. Each is copied into the next free
 * frame of the device's transmit ring (256 frames of 2 KiB shared with the kernel), marked for
 * sending, and freed at once; after the batch one system call asks the kernel to send every marked
 * frame, without waiting. The kernel marks a frame free again once sent; a full ring leaves the
 * packets upstream (the Queue before ToDevice holds or drops them) until frames come free. When a
 * pull finds nothing and every queue upstream is empty, the task sleeps until a queue fills (their
 * empty notifiers wake it). In the SMP driver's stage costs ({@code stage_costs}), copying a frame
 * into the ring and the kick are the transmit stage.
 *
 * <p>Packets shorter than an Ethernet header or longer than a ring frame (2016 bytes with LINUX) are dropped
 * and counted. While the device is down or gone, pulled packets are dropped and counted (so queues
 * do not fill with stale traffic); the element says so once in the router's log, checks again
 * with back-off, and sends again once the device is back.
 *
 * <p>Opening the device needs root or CAP_NET_RAW; a missing device or permission is a
 * configuration error.
 *
 * <p><b>METHOD XDP</b> (jclick's own; Click has no such method): packets are copied into free
 * frames of the device's AF_XDP socket (shared with the device's FromDevice, see there; 2048
 * frames of 4 KiB for sending) and queued on its transmit ring; after the batch one system call has
 * the kernel send them (copy mode; it sends at most 32 per call, so a longer batch takes more
 * runs), straight to the driver without the device's queueing discipline. Sent frames come back
 * through the completion ring; while none is free the packets stay upstream. Frames longer than
 * 4096 bytes are dropped and counted. Needs root or CAP_NET_ADMIN+CAP_BPF. The XDP program comes
 * with the device's FromDevice: a ToDevice with METHOD XDP alone takes no frames from the host.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>BURST</dt><dd>integer, default 8: most packets pulled per task run.</dd>
 * <dt>METHOD</dt><dd>word, default LINUX: LINUX (an AF_PACKET ring) or XDP (an AF_XDP socket,
 * above); others are errors.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>count (read)</dt><dd>packets handed to the kernel.</dd>
 * <dt>drops (read)</dt><dd>packets dropped: malformed, too long, or device unusable.</dd>
 * <dt>pulls (read)</dt><dd>pulls made on the input, whether they returned a packet or not.</dd>
 * <dt>xdp_mode (read)</dt><dd>METHOD XDP only: {@code native} or {@code generic}, as FromDevice's;
 * {@code none} while the device has no FromDevice with METHOD XDP (no program).</dd>
 * <dt>reset, reset_counts (write)</dt><dd>set count, drops and pulls to 0.</dd>
 * </dl>
 *
 * <p><b>Example:</b> {@code FromDevice(eth0) -> Queue(1000) -> ToDevice(eth1);}
 * <p><b>See also:</b> FromDevice, Queue, KernelTap.
 */
@ElementInfo(ports = "1/0", processing = "l/", category = "devices")
public final class ToDevice extends Element {
    private static final int ETHER_HEADER = 14;

    private final Tally count = new Tally();
    private final Tally drops = new Tally();
    private final Tally pulls = new Tally();
    private String device;
    private int burst;
    private boolean xdp;
    private Clock clock;
    private DeviceWatch<DevicePort.Transmit> watch;

    private TaskHandle task;
    private ActivitySignal signal = ActivitySignal.ALWAYS;
    /** Frames were queued but the kernel has not accepted a kick for them yet. */
    private boolean kickPending;

    @Override
    public void configure(Args args) throws ConfigException {
        String dev = args.requiredPositional("DEVNAME").asWord(null);
        int b = args.optional("BURST").asInt(8, 1, PacketRing.FRAMES);
        String method = args.optional("METHOD").asWord("LINUX");
        DeviceArgs.checkDevice(args, dev);
        boolean x = DeviceArgs.xdp(args, method);
        args.complete();
        xdp = x;
        device = dev;
        burst = b;
    }

    @Override
    public void initialize(ElementContext ctx) throws ConfigException {
        clock = ctx.clock();
        watch = DeviceWatch.start(this, device, this::open, clock.nanoTime());
        task = ctx.addTask(this, this::runTask);
        signal = ctx.upstreamEmptySignal(this, 0, task);
    }

    private DevicePort.Transmit open() throws IOException {
        kickPending = false;
        if (xdp) {
            return XdpSocket.openTransmit(device);
        }
        return PacketRing.openTransmit(device);
    }

    private int runTask() {
        DevicePort.Transmit r = watch.ring();
        StageMeter m = StageMeter.active(); // on a measured run: queueing frames and the kick are transmit
        if (r == null) {
            kickPending = false; // the frames went with the closed ring
        }
        int n = 0;
        int pulled = 0;
        boolean empty = false;
        while (n < burst) {
            if (r != null && !r.transmitSlotFree()) {
                break; // ring full: leave packets upstream until the kernel frees frames
            }
            Packet p = input(0).pull();
            pulled++;
            if (p == null) {
                empty = true;
                break;
            }
            int len = p.length();
            if (r == null || !watch.healthy() || len < ETHER_HEADER || len > r.transmitMax()) {
                drops.increment();
            } else {
                int outer = m == null ? 0 : m.enter(StageMeter.TRANSMIT);
                r.queueFrame(p.buffer(), p.offset(), len);
                if (m != null) {
                    m.exit(outer);
                }
                kickPending = true;
                n++;
            }
            p.kill();
        }
        pulls.add(pulled);
        if (kickPending && r != null) {
            // ENOBUFS or EAGAIN: the device's queue is full; frames stay marked, kick again next run
            int outer = m == null ? 0 : m.resume(StageMeter.TRANSMIT);
            kickPending = r.kick() != 0;
            if (m != null) {
                m.exit(outer);
            }
        }
        if (n > 0) {
            count.add(n);
        }
        long now = clock.nanoTime();
        if (watch.due(now)) {
            watch.check(now);
        }
        if (empty && n == 0 && !kickPending) {
            // Sleep first, then look again: a queue that filled between our empty pull and the
            // sleep woke a task that was still scheduled.
            task.sleep();
            if (signal.active()) {
                task.wake();
            }
        }
        return Math.max(n, pulled - (empty ? 1 : 0));
    }

    /** Packets handed to the kernel so far. */
    public long count() {
        return count.sum();
    }

    private void reset() {
        count.reset();
        drops.reset();
        pulls.reset();
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("count", () -> Long.toString(count.sum()))
         .read("drops", () -> Long.toString(drops.sum()))
         .read("pulls", () -> Long.toString(pulls.sum()))
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

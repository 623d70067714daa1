package click.devices;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementContext;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.Tally;
import click.api.net.IPPrefix;
import com.sun.jna.Memory;

import java.io.IOException;

/**
 * What {@link KernelTap} and {@link KernelTun} share: the keywords, the device, a reading task and
 * the writing push input. Subclasses say which kind of device and where read packets go.
 */
abstract class TunElement extends Element {
    private final Tally count = new Tally();
    private final Tally drops = new Tally();
    /** One write buffer per pushing thread: push may be called on several threads at once. */
    private final ThreadLocal<Memory> writeBuffer = ThreadLocal.withInitial(() -> new Memory(TunDevice.MAX_FRAME));
    private IPPrefix address;
    private long ether;
    private int mtu;
    private int headroom;
    private int burst;
    private String devName;
    private Memory readBuffer;
    private volatile TunDevice device;
    private boolean readFailureReported;

    /** True for TAP (Ethernet frames), false for TUN (IP packets). */
    abstract boolean tap();

    /** Sends on a packet read from the device. */
    abstract void emit(Packet p);

    @Override
    public void configure(Args args) throws ConfigException {
        IPPrefix addr = args.requiredPositional("ADDR").asIPv4Prefix(null);
        int gateway = args.positional("GATEWAY").asIPv4(0);
        long eth = args.optional("ETHER").asEther(-1);
        int m = args.optional("MTU").asInt(0, 68, 65535);
        int head = args.optional("HEADROOM").asInt(Packet.DEFAULT_HEADROOM, 0, 1024);
        int b = args.optional("BURST").asInt(8, 1, Integer.MAX_VALUE);
        args.optional("IGNORE_QUEUE_OVERFLOWS").asBool(false);
        String name = args.optional("DEVNAME").asWord(tap() ? "tap%d" : "tun%d");
        if (gateway != 0) {
            args.error("GATEWAY is not supported: jclick sets no routes; add one with 'ip route add default via GATEWAY'");
        }
        if (!tap() && eth >= 0) {
            args.error("ETHER applies to KernelTap only: a TUN device has no Ethernet address");
        }
        if (!Ifreq.validName(name)) {
            args.error("expected a device name or pattern such as tap%d (at most 15 characters) for DEVNAME, got \"" + name + "\"");
        }
        args.complete();
        address = addr;
        ether = eth;
        mtu = m;
        headroom = head;
        burst = b;
        devName = name;
    }

    @Override
    public void initialize(ElementContext ctx) throws ConfigException {
        try {
            device = TunDevice.open(devName, tap(), address, ether, mtu);
        } catch (IOException e) {
            throw new ConfigException(e.getMessage());
        }
        readBuffer = new Memory(TunDevice.MAX_FRAME);
        if (noutputs() > 0) {
            ctx.addTask(this, this::runTask);
        }
    }

    /** The device's name (the kernel completes a pattern such as tap%d). */
    public String deviceName() {
        TunDevice d = device;
        return d == null ? devName : d.name;
    }

    private int runTask() {
        TunDevice d = device;
        int n = 0;
        while (n < burst) {
            long len = d.read(readBuffer);
            if (len <= 0) {
                if (len < 0 && !readFailureReported) {
                    readFailureReported = true;
                    context().message(this, name() + ": reading device " + d.name + " failed (errno " + (-len) + ")");
                }
                break;
            }
            Packet p = Packet.make(headroom, (int) len, 0);
            readBuffer.read(0, p.buffer(), p.offset(), (int) len);
            n++;
            emit(p);
        }
        if (n > 0) {
            count.add(n);
        }
        return n;
    }

    @Override
    public void push(int port, Packet p) {
        int len = p.length();
        if (len > TunDevice.MAX_FRAME) {
            p.kill();
            drops.increment();
            return;
        }
        Memory buf = writeBuffer.get();
        buf.write(0, p.buffer(), p.offset(), len);
        p.kill();
        if (device.write(buf, len) != 0) {
            drops.increment();
        }
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("count", () -> Long.toString(count.sum()))
         .read("drops", () -> Long.toString(drops.sum()))
         .read("dev_name", this::deviceName)
         .write("reset_counts", v -> {
             count.reset();
             drops.reset();
         });
    }

    @Override
    public void cleanup() {
        TunDevice d = device;
        device = null;
        if (d != null) {
            d.close();
        }
    }
}

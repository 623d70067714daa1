package click.devices;

import click.api.ElementInfo;
import click.api.Packet;

/**
 * <h2>KernelTap</h2>
 * <b>Synopsis:</b> {@code KernelTap(ADDR/MASK [, GATEWAY, KEYWORDS])}
 * <p><b>Exchanges Ethernet frames with the host's kernel through a TAP device.</b> Category:
 * devices. Ports: at most 1 push input, 1 push output.
 *
 * <p><b>Processing:</b> creates a TAP device through {@code /dev/net/tun} (named by DEVNAME; a
 * pattern such as the default {@code tap%d} lets the kernel pick a free number; an existing TAP
 * device of that name is attached), gives the kernel's side of it the address ADDR with netmask
 * MASK, sets ETHER and MTU if given, and brings it up. Frames pushed to the input are written to
 * the device, so the host's kernel receives them as if from a wire; frames the kernel sends on the
 * device are read by a task, up to BURST per run, and pushed out of the output. The device
 * disappears when the router stops. Needs root or CAP_NET_ADMIN.
 *
 * <p>Frames sent to the kernel must carry the device's Ethernet address (ETHER, or the random one
 * the kernel chose: read it with {@code ip link show}) as destination, else the kernel ignores them.
 *
 * <p><b>Differences from Click:</b> GATEWAY is refused (jclick sets no routes: add them with
 * {@code ip route}); without ETHER the kernel's random address stays (Click sets 00:01:02:03:04:05);
 * the input is push only; BURST defaults to 8; packets carry no timestamp.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>ETHER</dt><dd>Ethernet address of the kernel's side of the device; default: the kernel's choice.</dd>
 * <dt>MTU</dt><dd>integer: the device's MTU; default: the kernel's (1500).</dd>
 * <dt>HEADROOM</dt><dd>integer, default 96: headroom of packets read from the device.</dd>
 * <dt>BURST</dt><dd>integer, default 8: most frames read per task run.</dd>
 * <dt>DEVNAME</dt><dd>device name or pattern, default {@code tap%d}.</dd>
 * <dt>IGNORE_QUEUE_OVERFLOWS</dt><dd>boolean, accepted for Click configurations; failed writes are
 * always counted in {@code drops}, never printed.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>count (read)</dt><dd>frames read from the device.</dd>
 * <dt>drops (read)</dt><dd>frames the device refused (for instance while it is down).</dd>
 * <dt>dev_name (read)</dt><dd>the device's name.</dd>
 * <dt>reset_counts (write)</dt><dd>sets count and drops to 0.</dd>
 * </dl>
 *
 * <p><b>Example:</b> {@code tap :: KernelTap(192.0.2.1/24, ETHER 02:00:00:00:00:01);
 * tap -> Print(fromkernel) -> tap;} echoes the kernel's frames back to it.
 * <p><b>See also:</b> KernelTun, FromDevice, ToDevice.
 */
@ElementInfo(ports = "0-1/1", processing = "h/h", category = "devices")
public final class KernelTap extends TunElement {
    @Override
    boolean tap() {
        return true;
    }

    @Override
    void emit(Packet p) {
        output(0).push(p);
    }
}

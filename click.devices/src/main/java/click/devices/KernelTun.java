package click.devices;

import click.api.ElementInfo;
import click.api.Packet;

/**
 * <h2>KernelTun</h2>
 * <b>Synopsis:</b> {@code KernelTun(ADDR/MASK [, GATEWAY, KEYWORDS])}
 * <p><b>Exchanges IP packets with the host's kernel through a TUN device.</b> Category: devices.
 * Ports: at most 1 push input, 1 or 2 push outputs.
 *
 * <p><b>Processing:</b> like KernelTap, with a TUN device (default name pattern {@code tun%d}):
 * packets carry no link header. IP packets pushed to the input go to the kernel; packets the
 * kernel routes to the device come out of output 0 with their IP header marked and the destination
 * address annotation set, up to BURST per task run. Anything read that is not an IPv4 packet
 * (IPv6, runts) goes to output 1, or is dropped if there is none. Needs root or CAP_NET_ADMIN.
 *
 * <p><b>Differences from Click:</b> GATEWAY is refused and no route is installed (add routes with
 * {@code ip route}); ETHER is an error (a TUN device has none); the input is push only; BURST
 * defaults to 8.
 *
 * <p><b>Keywords:</b> MTU, HEADROOM, BURST, DEVNAME (default {@code tun%d}) and
 * IGNORE_QUEUE_OVERFLOWS, as for KernelTap.
 *
 * <p><b>Handlers:</b> count, drops, dev_name, reset_counts, as for KernelTap.
 *
 * <p><b>Annotations:</b> sets the network header and the destination IP address of IPv4 packets.
 *
 * <p><b>Example:</b> {@code tun :: KernelTun(192.0.2.1/24); tun -> IPPrint(in) -> Discard;}
 * <p><b>See also:</b> KernelTap.
 */
@ElementInfo(ports = "0-1/1-2", processing = "h/h", category = "devices")
public final class KernelTun extends TunElement {
    @Override
    boolean tap() {
        return false;
    }

    @Override
    void emit(Packet p) {
        int ihl = p.length() >= 20 ? (p.u8(0) & 0x0F) * 4 : 0;
        if (ihl >= 20 && p.u8(0) >> 4 == 4 && ihl <= p.length()) {
            p.setNetworkHeader(0, ihl);
            p.setDstIp(p.i32(16));
            output(0).push(p);
        } else {
            checkedPush(1, p);
        }
    }
}

package click.elements.ip;

import click.api.ElementInfo;
import click.api.net.Headers;

/**
 * <h2>SetUDPChecksum</h2>
 * <b>Synopsis:</b> {@code SetUDPChecksum()}
 * <p><b>Recomputes the UDP checksum.</b> Category: IP. Ports: 1 input, 1 output, agnostic.
 *
 * <p><b>Processing:</b> computes the UDP checksum over the pseudo-header and the whole segment and
 * stores it (a result of 0 is sent as 0xFFFF, RFC 768). The IP header is
 * found by the network header annotation, else at the data start. A packet that is not UDP, is a
 * fragment, or is shorter than its IP length says is dropped and counted.
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>drops (read)</dt><dd>packets dropped.</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> uses the network header.
 * <p><b>Example:</b> {@code StoreData(40, \<0050>) -> SetUDPChecksum -> SetIPChecksum -> ...}
 * <p><b>See also:</b> SetIPChecksum, SetTCPChecksum.
 */
@ElementInfo(ports = "1/1", processing = "a/a", category = "IP")
public final class SetUDPChecksum extends TransportChecksumSetter {
    @Override
    int protocol() {
        return Headers.IP_PROTO_UDP;
    }
}

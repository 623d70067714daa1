package click.elements.ip;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementInfo;
import click.api.Packet;
import click.api.net.Headers;
import click.api.net.IPAnnotations;
import click.api.net.IPv4;

/**
 * <h2>FixIPSrc</h2>
 * <b>Synopsis:</b> {@code FixIPSrc(ADDR)}
 * <p><b>Gives router-made packets the outgoing interface's source address.</b> Category: IP.
 * Ports: 1 input, 1 output, agnostic.
 *
 * <p><b>Processing:</b> a packet whose FIX_IP_SRC user annotation is set (ICMPError sets it on the
 * errors it makes) gets ADDR as its IP source address, a recomputed header checksum and the
 * annotation cleared, so an ICMP error leaves with the address of the interface it leaves by
 * (RFC 1812 4.3.2.4). Other packets pass untouched.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>ADDR</dt><dd>IP address, required: this interface's address.</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> uses and clears FIX_IP_SRC (user byte 0, see click.api.net.IPAnnotations);
 * uses the network header (the data start if unset).
 * <p><b>Example:</b> {@code ... -> IPGWOptions(192.0.2.1) -> FixIPSrc(192.0.2.1) -> DecIPTTL -> ...}
 * <p><b>See also:</b> ICMPError.
 */
@ElementInfo(ports = "1/1", processing = "a/a", category = "IP")
public final class FixIPSrc extends Element {
    private int addr;

    @Override
    public void configure(Args args) throws ConfigException {
        int a = args.requiredPositional("ADDR").asIPv4(0);
        args.complete();
        addr = a;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int ip = IPv4.headerOffset(p);
        if (p.userAnnoU8(IPAnnotations.FIX_IP_SRC) != 0 && IPv4.hasHeader(p, ip)) {
            p.setUserAnnoU8(IPAnnotations.FIX_IP_SRC, 0);
            p.setI32(ip + Headers.IP_SRC, addr);
            IPv4.setHeaderChecksum(p, ip);
        }
        return p;
    }
}

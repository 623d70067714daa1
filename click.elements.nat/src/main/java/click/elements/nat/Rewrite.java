package click.elements.nat;

import static click.api.net.Headers.IP_DST;
import static click.api.net.Headers.IP_SRC;
import static click.api.net.Headers.IP_SUM;
import static click.api.net.Headers.IP_PROTO_TCP;
import static click.api.net.Headers.IP_PROTO_UDP;
import static click.api.net.Headers.TCP_SUM;
import static click.api.net.Headers.UDP_SUM;

import click.api.Packet;
import click.api.net.Checksum;

/**
 * Header field rewrites with incremental checksum updates (RFC 1624), shared by the rewriters.
 * Offsets are relative to the packet data. Nothing here allocates.
 */
final class Rewrite {
    private Rewrite() {
    }

    /** Sets the IP source and destination addresses, updating the IP header checksum. */
    static void addresses(Packet p, int ip, int saddr, int daddr) {
        int oldS = p.i32(ip + IP_SRC);
        int oldD = p.i32(ip + IP_DST);
        p.setI32(ip + IP_SRC, saddr);
        p.setI32(ip + IP_DST, daddr);
        int sum = p.u16(ip + IP_SUM);
        sum = Checksum.update32(sum, oldS, saddr);
        sum = Checksum.update32(sum, oldD, daddr);
        p.setU16(ip + IP_SUM, sum);
    }

    /**
     * Updates the TCP or UDP checksum at transport offset {@code th} for an address change in the
     * pseudo-header and, if {@code ports}, writes the new ports too. A UDP checksum of 0 means "none"
     * and stays 0; a computed UDP checksum of 0 is sent as 0xFFFF (RFC 768).
     */
    static void transport(Packet p, int th, int protocol, int oldS, int newS, int oldD, int newD,
                          boolean ports, int sport, int dport) {
        int sumAt = th + (protocol == IP_PROTO_TCP ? TCP_SUM : UDP_SUM);
        int sum = p.u16(sumAt);
        boolean udp = protocol == IP_PROTO_UDP;
        if (ports) {
            int oldSp = p.u16(th);
            int oldDp = p.u16(th + 2);
            p.setU16(th, sport);
            p.setU16(th + 2, dport);
            if (udp && sum == 0) {
                return;
            }
            sum = Checksum.update16(sum, oldSp, sport);
            sum = Checksum.update16(sum, oldDp, dport);
        } else if (udp && sum == 0) {
            return;
        }
        sum = Checksum.update32(sum, oldS, newS);
        sum = Checksum.update32(sum, oldD, newD);
        p.setU16(sumAt, udp && sum == 0 ? 0xFFFF : sum);
    }

    /** Replaces the 16-bit word at {@code at}, updating the checksum at {@code sumAt}. */
    static void word(Packet p, int at, int value, int sumAt) {
        int old = p.u16(at);
        p.setU16(at, value);
        p.setU16(sumAt, Checksum.update16(p.u16(sumAt), old, value));
    }

    /** Replaces the 32-bit word at {@code at}, updating the checksum at {@code sumAt}. */
    static void word32(Packet p, int at, int value, int sumAt) {
        int old = p.i32(at);
        p.setI32(at, value);
        p.setU16(sumAt, Checksum.update32(p.u16(sumAt), old, value));
    }
}

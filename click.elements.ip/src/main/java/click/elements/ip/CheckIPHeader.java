package click.elements.ip;

import click.api.ElementInfo;

/**
 * <h2>CheckIPHeader</h2>
 * <b>Synopsis:</b> {@code CheckIPHeader([OFFSET, keywords INTERFACES, BADSRC, GOODDST, CHECKSUM, VERBOSE, DETAILS])}
 * <p><b>Checks IP headers (RFC 1812 5.2.2, 5.3.7).</b> Category: IP. Ports: 1 input, 1 or 2
 * outputs; agnostic input and first output, push second output.
 *
 * <p><b>Processing:</b> the IP header starts OFFSET bytes into the packet. A packet passes if it is
 * long enough for an IP header, its version is 4, its header length is at least 20 bytes, its total
 * length lies between the header length and the packet length, its header checksum is right, and
 * (when source checking is on) its source address is acceptable. Passing packets are trimmed to the
 * IP total length (removing link padding), get their network header annotation, and, if their
 * destination annotation is unset, the header's destination address. They leave on output 0.
 * Failing packets leave on output 1 if it is connected, else they are dropped; either way they are
 * counted under their reason.
 *
 * <p>Source checking is on when INTERFACES, BADSRC or GOODDST is given: a packet whose source is
 * multicast or in the bad-source list is refused, unless its destination is in the good-destination
 * list. Click's old form {@code CheckIPHeader(BADSRC2 [, OFFSET])}, a space-separated address list
 * first, is accepted: it means BADSRC plus 0.0.0.0 and 255.255.255.255.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>OFFSET</dt><dd>unsigned integer, default 0: where the IP header starts.</dd>
 * <dt>INTERFACES</dt><dd>space-separated ADDR/LEN list, the router's interfaces: their directed
 * broadcast addresses, 0.0.0.0 and 255.255.255.255 become bad sources, the addresses good
 * destinations.</dd>
 * <dt>BADSRC</dt><dd>space-separated addresses refused as sources.</dd>
 * <dt>GOODDST</dt><dd>space-separated destinations exempt from the source check.</dd>
 * <dt>CHECKSUM</dt><dd>boolean, default true: whether to check the header checksum.</dd>
 * <dt>VERBOSE</dt><dd>boolean, default false: report every bad packet, not just the first.</dd>
 * <dt>DETAILS</dt><dd>boolean, default false: accepted for Click compatibility; the per-reason
 * counts are always kept (unlike Click, where drop_details needs DETAILS true).</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>drops (read)</dt><dd>bad packets seen.</dd>
 * <dt>drop_details (read)</dt><dd>one line per reason: count, name, text (tiny packet, bad IP
 * version, bad IP header length, bad IP length, bad IP checksum, bad source address).</dd>
 * <dt>reset_counts (write)</dt><dd>sets all drop counts to 0.</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> sets the network and transport header positions and, when it is 0, the
 * destination IP address.
 * <p><b>Example:</b> {@code Strip(14) -> CheckIPHeader(INTERFACES 192.0.2.1/24 198.51.100.1/24) -> GetIPAddress(16)}
 * <p><b>See also:</b> CheckIPHeader2, MarkIPHeader, SetIPChecksum.
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah", category = "IP")
public final class CheckIPHeader extends HeaderCheck {
    @Override
    boolean checksumByDefault() {
        return true;
    }
}

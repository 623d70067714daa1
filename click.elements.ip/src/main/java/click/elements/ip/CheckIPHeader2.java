package click.elements.ip;

import click.api.ElementInfo;

/**
 * <h2>CheckIPHeader2</h2>
 * <b>Synopsis:</b> {@code CheckIPHeader2([OFFSET, keywords INTERFACES, BADSRC, GOODDST, CHECKSUM, VERBOSE, DETAILS])}
 * <p><b>Checks IP headers, except the checksum.</b> Category: IP. Ports: 1 input, 1 or 2 outputs;
 * agnostic input and first output, push second output.
 *
 * <p><b>Processing:</b> exactly CheckIPHeader with CHECKSUM false by default: for paths where the
 * checksum was already verified (by hardware, or an earlier element) and only the annotations are
 * wanted.
 *
 * <p><b>Keywords:</b> as CheckIPHeader; CHECKSUM defaults to false.
 * <p><b>Handlers:</b> drops, drop_details (read), reset_counts (write), as CheckIPHeader.
 * <p><b>Annotations:</b> sets the network and transport header positions and, when it is 0, the
 * destination IP address.
 * <p><b>Example:</b> {@code CheckIPHeader2(14) -> IPPrint}
 * <p><b>See also:</b> CheckIPHeader, MarkIPHeader.
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah", category = "IP")
public final class CheckIPHeader2 extends HeaderCheck {
    @Override
    boolean checksumByDefault() {
        return false;
    }
}

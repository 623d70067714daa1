/**
 * Protocol header layouts and helpers shared by every element bundle: Ethernet, ARP, IPv4, ICMP,
 * UDP and TCP field offsets, address parsing and formatting, and the Internet checksum with its
 * incremental update (RFC 1071, RFC 1624).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package click.api.net;

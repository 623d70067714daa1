/**
 * The IPRewriter family: network address and port translation (NAPT and Basic NAT), ICMP echo
 * and ICMP error translation, with mapping tables that several threads share and that survive a
 * hot swap.
 */
package click.elements.nat;

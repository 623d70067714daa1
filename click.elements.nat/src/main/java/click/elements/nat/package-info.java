/**
 * The IPRewriter family: network address and port translation.
 */
package click.elements.nat;

/**
 * IPsec ESP tunnel mode (RFC 4303) elements and security associations.
 */
package click.elements.ipsec;

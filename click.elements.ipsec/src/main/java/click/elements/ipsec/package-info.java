/**
 * IPsec ESP tunnel mode (RFC 4303): a security association database, encapsulation and
 * decapsulation with 3DES-CBC, AES-CBC and AES-GCM, HMAC-SHA-1-96 and HMAC-SHA-256-128 through the
 * JCA, and the inbound anti-replay window.
 */
package click.elements.ipsec;

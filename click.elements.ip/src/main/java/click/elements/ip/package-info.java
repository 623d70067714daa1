/**
 * RFC 1812 IP router elements: the paper's Figure 2 (CheckIPHeader, LookupIPRoute, DecIPTTL, ICMPError, ARPQuerier, ...) and IPClassifier/IPFilter.
 */
package click.elements.ip;

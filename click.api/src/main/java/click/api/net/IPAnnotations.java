package click.api.net;

/**
 * The layout of the {@link click.api.Packet} user annotation bytes used by the IP elements (and
 * respected by the other element bundles), so that a packet can carry a note from the element that
 * finds a problem to the ICMPError or FixIPSrc element that acts on it.
 * <pre>
 *   byte 0     FIX_IP_SRC: 1 when the packet's source address must be set to the outgoing
 *              interface's address (set by ICMPError, acted on and cleared by FixIPSrc)
 *   byte 1     PARAM_POINTER: the byte offset, from the start of the IP header, of the field at
 *              fault (set by IPGWOptions for ICMP parameter problem messages)
 *   bytes 4-7  NEXT_HOP_MTU: big-endian int, the MTU that stopped a don't-fragment packet (set by
 *              IPFragmenter for ICMP "fragmentation needed" messages); 0 when unset
 * </pre>
 * Bytes 2-3 and 8-15 are free for other bundles.
 */
public final class IPAnnotations {
    private IPAnnotations() {
    }

    /** User annotation byte: the FixIPSrc flag. */
    public static final int FIX_IP_SRC = 0;
    /** User annotation byte: the parameter problem pointer. */
    public static final int PARAM_POINTER = 1;
    /** User annotation int (bytes 4-7): the next-hop MTU. */
    public static final int NEXT_HOP_MTU = 4;
}

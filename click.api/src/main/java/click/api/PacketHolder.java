package click.api;

/**
 * An element that stores packets (a Queue) and gives them up, oldest first, to the element that
 * replaces it in a hot swap.
 *
 * <p>Why an interface in click.api: when the bundle that provides the element class is updated,
 * the replacing element's class comes from the new bundle's class loader and is not the old one's,
 * so {@link Element#takeState} cannot cast the old element to its own class. This interface, and
 * {@link Packet}, come from click.api, which both versions share.
 *
 * <p>Thread ownership: called by the swapping thread while neither router runs.
 */
public interface PacketHolder {
    /** Removes and returns the oldest stored packet, or null when none is left. */
    Packet takeOldestForSwap();
}

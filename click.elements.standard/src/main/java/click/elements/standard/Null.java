package click.elements.standard;

import click.api.Element;
import click.api.ElementInfo;

/**
 * <h2>Null</h2>
 * <b>Synopsis:</b> {@code Null}
 * <p><b>Passes packets on unchanged.</b> Category: basic tools. Ports: 1 input, 1 output, agnostic.
 *
 * <p><b>Processing:</b> every packet from input 0 leaves by output 0, untouched. Useful as a
 * placeholder in compound elements and for measuring the cost of one element hop.
 *
 * <p><b>Example:</b> {@code InfiniteSource -> Null -> Null -> Discard;}
 * <p><b>See also:</b> Idle, Discard.
 */
@ElementInfo(ports = "1/1", processing = "a/a", category = "basic tools")
public final class Null extends Element {
}

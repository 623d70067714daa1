package click.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Machine-readable facts about an element class, in Click's own grammar, checked by the router
 * before anything runs.
 *
 * <ul>
 * <li>{@link #ports()}: input and output port counts, {@code "IN/OUT"}, each {@code N}, {@code N-M},
 *     {@code N-} (at least N) or {@code -} (any number). {@code "1/1-2"}: one input, one or two
 *     outputs. A single spec without a slash applies to both sides ({@code "1"} = {@code "1/1"}).</li>
 * <li>{@link #processing()}: one letter per port, {@code h} push, {@code l} pull, {@code a}
 *     agnostic; the last letter on a side repeats. {@code "a/ah"}: agnostic input, agnostic first
 *     output, push outputs after it.</li>
 * <li>{@link #flow()}: which inputs reach which outputs, for resolving agnostic ports; one letter per
 *     port, ports with a shared letter are connected. {@code "x/x"} (the default) connects every
 *     input to every output; {@code "xy/x"} means only input 0 reaches output 0.</li>
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ElementInfo {
    /** The Click class name; defaults to the Java simple name. */
    String name() default "";

    /** Port counts, e.g. {@code "1/1-2"}. */
    String ports();

    /** Processing codes, e.g. {@code "a/ah"}, {@code "h/l"}. */
    String processing() default "a/a";

    /** Flow code for agnostic resolution, e.g. {@code "x/x"}. */
    String flow() default "x/x";

    /** Other Click names for the same class (e.g. PullToPush for Unqueue). */
    String[] aliases() default {};

    /** Documentation category, e.g. "standard", "IP", "basic sources". */
    String category() default "";
}

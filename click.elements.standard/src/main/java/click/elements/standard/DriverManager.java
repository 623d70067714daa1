package click.elements.standard;

import click.api.ElementInfo;

/**
 * <h2>DriverManager</h2>
 * <b>Synopsis:</b> {@code DriverManager(INSTRUCTION, ...)}
 * <p><b>A Script that decides when the router stops.</b> Category: control. Ports: none.
 *
 * <p><b>Processing:</b> none. DriverManager is a Script whose TYPE defaults to {@code DRIVER}: it
 * starts when the router starts and, however its script ends (falling off the end, {@code end},
 * {@code exit}, {@code stop}, {@code return}, {@code error}), it asks the router to stop. A
 * DriverManager with no instructions waits for a step ({@code pause}). The instructions,
 * substitutions, functions, keywords and handlers are Script's.
 *
 * <p>The usual measurement idiom: let the router warm up, reset the counters, wait, read them, print
 * a result line and stop.
 *
 * <p><b>Differences from Click:</b> in Click, a driver stop event (such as a source with STOP
 * true finishing) steps the DriverManager instead of stopping the router; in jclick such requests
 * stop the router directly, so {@code pause} in a DriverManager waits for its {@code step} handler.
 *
 * <p><b>Example:</b>
 * <pre>{@code
 * src :: InfiniteSource -> sink :: Discard;
 * DriverManager(wait 1, write sink.reset_counts, set t0 $(now), wait 5, set t1 $(now),
 *               print "pps=$(div $(sink.count) $(sub $t1 $t0))", stop);
 * }</pre>
 * <p><b>See also:</b> Script, StaticThreadSched.
 */
@ElementInfo(ports = "0/0", processing = "/", category = "control")
public final class DriverManager extends Script {
    @Override
    Type defaultType() {
        return Type.DRIVER;
    }
}

package click.elements.standard;

import click.api.ElementInfo;

/**
 * <h2>SimpleQueue</h2>
 * <b>Synopsis:</b> {@code SimpleQueue([CAPACITY, KEYWORDS])}
 * <p><b>Stores packets in a first-in first-out queue.</b> Category: storage. Ports: 1 push input,
 * 1 pull output.
 *
 * <p><b>Processing:</b> as Queue: a pushed packet is stored at the tail unless CAPACITY packets are
 * already stored (then it is killed and counted in {@code drops}); a pull returns the head packet,
 * or nothing when empty.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>CAPACITY</dt><dd>integer, default 1000: most packets stored at once.</dd>
 * <dt>BATCH, BATCH_DELAY</dt><dd>dequeue batching, as for Queue (default off). A jclick
 * extension.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>length (read)</dt><dd>packets stored now.</dd>
 * <dt>implementation (read)</dt><dd>{@code spsc} or {@code mpsc}: the store chosen from the graph, as
 * for Queue. A jclick extension.</dd>
 * <dt>highwater_length (read)</dt><dd>most packets stored at once since the last reset_counts;
 * after a push that found the queue below the mark the next 32 pushes are not checked, as in Queue.</dd>
 * <dt>capacity (read/write)</dt><dd>the CAPACITY setting.</dd>
 * <dt>drops (read)</dt><dd>packets killed because the queue was full.</dd>
 * <dt>reset_counts (write)</dt><dd>sets {@code drops} to 0 and {@code highwater_length} to the
 * current length.</dd>
 * <dt>reset (write)</dt><dd>kills every stored packet.</dd>
 * </dl>
 *
 * <p><b>Hot swap:</b> takes over the packets of a same-named SimpleQueue it replaces.
 *
 * <p><b>Differences from Click:</b> in Click, SimpleQueue is the variant without notifiers, meant for
 * one pushing and one pulling thread. jclick's SimpleQueue is the same element as Queue (lock-free,
 * safe for several pushing threads, with the empty notifier, and single-producer when the graph
 * shows one pushing task and one pulling task); the name is kept so Click
 * configurations run unchanged.
 *
 * <p><b>Example:</b> {@code InfiniteSource(LIMIT 5) -> q :: SimpleQueue(10) -> Discard;}
 * <p><b>See also:</b> Queue, Unqueue.
 */
@ElementInfo(ports = "1/1", processing = "h/l", category = "storage")
public final class SimpleQueue extends PacketQueue {
}

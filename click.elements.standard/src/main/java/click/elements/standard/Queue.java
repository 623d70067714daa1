package click.elements.standard;

import click.api.ElementInfo;

/**
 * <h2>Queue</h2>
 * <b>Synopsis:</b> {@code Queue([CAPACITY, KEYWORDS])}
 * <p><b>Stores packets in a first-in first-out queue.</b> Category: storage. Ports: 1 push input,
 * 1 pull output.
 *
 * <p><b>Processing:</b> a packet pushed into the input is stored at the tail, unless the queue
 * already holds CAPACITY packets: then it is killed and counted in {@code drops}. A pull on the
 * output returns the packet at the head, or nothing when the queue is empty.
 *
 * <p>Queue is where push meets pull, and usually where packets change threads: any number of
 * threads may push at once (the store is a lock-free multi-producer queue from JCTools, with an
 * exact length limit), while one thread pulls. Before the router starts, it tells the Queue how many
 * tasks reach it: when the graph shows exactly one task pushing into the input and one task pulling
 * from the output, the Queue uses a cheaper single-producer/single-consumer JCTools queue instead
 * (no compare-and-swap per push). The rule, applied by the router: follow the push paths upstream
 * from the input to the elements that registered tasks (sources, pull-to-push elements); if any
 * element on them owns a timer (RatedSource, ARPQuerier) or a path starts at an element without a
 * task (its packets come from handlers or other threads), or more than one task is found, the
 * multi-producer queue stays; the pull side likewise downstream. The choice is read from the
 * {@code implementation} handler; a Queue used outside a router keeps the multi-producer queue. A puller that finds the queue empty (Unqueue,
 * ToDevice, a pull Discard) may put its task to sleep; the queue's empty notifier wakes it on the
 * next packet, so an idle path costs no CPU. The other way round, a push that leaves the queue full
 * (or finds it full) puts its full notifier to sleep: sources that look at it (InfiniteSource)
 * then stop making packets that would only be dropped, and the puller wakes them once the queue has
 * drained to half its capacity.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>CAPACITY</dt><dd>integer, default 1000: most packets stored at once.</dd>
 * <dt>BATCH</dt><dd>integer, default 1 (off): dequeue batching as in the SMP Click paper (section
 * 4.6); pulls see the queue as empty until BATCH packets are stored or BATCH_DELAY has passed
 * since a pull first found fewer waiting; then every packet waiting is handed out before the rule
 * applies again. Lets a puller such as ToDevice take several packets per run, and lets the pushing
 * thread keep the queue in its cache meanwhile. While a short batch waits the puller keeps polling
 * (it is not put to sleep), so the delay is seen without a timer. A jclick extension.</dd>
 * <dt>BATCH_DELAY</dt><dd>time, default 100us: the longest a short batch is held back. A jclick
 * extension.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>length (read)</dt><dd>packets stored now.</dd>
 * <dt>implementation (read)</dt><dd>{@code spsc} (one pushing task and one pulling task, see above)
 * or {@code mpsc} (any number of pushing threads). A jclick extension.</dd>
 * <dt>highwater_length (read)</dt><dd>most packets stored at once since the start or the last
 * {@code reset_counts}. Exact while the pushes raise it; after a push that found the queue below
 * the mark, the next 32 pushes are not checked (the check reads the puller's position, a
 * cache-line move between cores), so a peak shorter than that can be missed.</dd>
 * <dt>capacity (read/write)</dt><dd>the CAPACITY setting. A write takes effect at once; shrinking
 * below the current length keeps the extra packets until they are pulled.</dd>
 * <dt>drops (read)</dt><dd>packets killed because the queue was full.</dd>
 * <dt>reset_counts (write)</dt><dd>sets {@code drops} to 0 and {@code highwater_length} to the
 * current length.</dd>
 * <dt>reset (write)</dt><dd>kills every stored packet.</dd>
 * </dl>
 *
 * <p><b>Hot swap:</b> a Queue that replaces a same-named Queue takes over its stored packets, in
 * order; those beyond the new CAPACITY are dropped and counted. This holds too when the new Queue
 * comes from an updated version of this bundle (the packets pass through click.api's PacketHolder).
 *
 * <p><b>Differences from Click:</b> Click's Queue wakes its full notifier as soon as there is room;
 * jclick's at half the capacity, so a pusher on another thread is not woken for every packet. The
 * storage ring is sized when the element is
 * configured (CAPACITY rounded up to a power of two), so a {@code capacity} write beyond that size is
 * refused with a message saying to hot-swap a configuration with the larger CAPACITY instead.
 *
 * <p><b>Example:</b> {@code FromDevice(eth0) -> q :: Queue(200) -> ToDevice(eth1);}
 * <p><b>See also:</b> SimpleQueue, Unqueue, ToDevice, Discard.
 */
@ElementInfo(ports = "1/1", processing = "h/l", category = "storage")
public final class Queue extends PacketQueue {
}

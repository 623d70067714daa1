package click.api;

/**
 * The "full" notifier of a packet store such as a Queue: inactive while the store is full, and
 * once it has drained to a low-water mark it wakes the tasks that push into it (sources such as
 * InfiniteSource, which then stop making packets only to see them dropped). Click's Queue has the
 * same notifier.
 *
 * <p>Protocol. The store, when a push leaves it full or finds it full: {@code notifier.sleep()},
 * then looks at its length once more and calls {@code notifier.wake()} if the puller drained it
 * to the low-water mark meanwhile (a puller that is still draining sees the sleep on a later pull). A pushing task that finds the notifier inactive sleeps, then looks at the notifier once
 * more and wakes itself if it turned active (see {@link TaskHandle#sleep()}). The puller, after each
 * packet it takes: {@code if (!notifier.active() && length <= lowWater) notifier.wake()}.
 *
 * <p>Memory ordering. The store's half has the fence (in {@link #sleep()}) between marking the
 * notifier inactive and reading the puller's position. The puller reads {@code active} after its
 * ordered (release) store of its position, with no fence: a read that misses a concurrent sleep is
 * followed by later ones, because the store sleeps only when full and the puller then takes at
 * least {@code capacity - lowWater} more packets, each followed by a read of {@code active}, before
 * the low-water mark is reached.
 *
 * <p>Thread ownership: {@link #wake()} and {@link #active()} from any thread; {@link #sleep()} from
 * the pushing side. Listeners are added at initialisation only.
 */
public final class FullNotifier extends Notifier {
}

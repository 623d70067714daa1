package click.api;

/**
 * Tells a puller whether pulling upstream might yield a packet (Click's notifier signal). A
 * ToDevice or Unqueue that pulls nothing and sees an inactive signal puts its task to sleep; the
 * Queue upstream wakes it on the next enqueue.
 */
@FunctionalInterface
public interface ActivitySignal {
    /** False only when every upstream source is known to be empty. */
    boolean active();

    /** The signal of an upstream with no notifier: always possibly active, so the puller never sleeps. */
    ActivitySignal ALWAYS = () -> true;

    /** A signal active when any of {@code signals} is active. */
    static ActivitySignal anyOf(ActivitySignal... signals) {
        if (signals.length == 1) {
            return signals[0];
        }
        for (ActivitySignal s : signals) {
            if (s == ALWAYS) {
                return ALWAYS;
            }
        }
        ActivitySignal[] copy = signals.clone();
        return () -> {
            for (ActivitySignal s : copy) {
                if (s.active()) {
                    return true;
                }
            }
            return false;
        };
    }
}

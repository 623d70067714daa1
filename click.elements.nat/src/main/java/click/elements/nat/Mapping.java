package click.elements.nat;

import click.api.net.IPAddress;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One translated flow: the forward half rewrites packets of the original flow, the reply half
 * rewrites packets coming back so they look like part of the original flow. Each half is stored in
 * the table under its own key.
 * <pre>
 *   forward: (SA, SP, DA, DP)     => (SA', SP', DA', DP')  [FOUTPUT]
 *   reply:   (DA', DP', SA', SP') => (DA, DP, SA, SP)      [ROUTPUT]
 * </pre>
 *
 * <p>Thread ownership: the keys, rewritten tuples and outputs are final and safely published by the
 * table. The last-use time and the connection state are written by every thread that passes a
 * packet through the mapping; they use opaque or CAS access and are only ever read as hints for
 * expiry, so a lost race costs at most a slightly early or late removal.
 */
final class Mapping {
    /** {@link #state()} bits for TCP: FIN seen forward / in reply, payload seen forward / in reply. */
    static final int FORWARD_DONE = 1, REPLY_DONE = 2, FORWARD_DATA = 4, REPLY_DATA = 8;
    static final int BOTH_DONE = FORWARD_DONE | REPLY_DONE, BOTH_DATA = FORWARD_DATA | REPLY_DATA;
    /** {@link #state()} bits for UDP: a reply was seen; packets seen (saturating at 3) above bit 4. */
    static final int UDP_REPLY_SEEN = 16, UDP_COUNT_UNIT = 32, UDP_COUNT_MASK = 3 * UDP_COUNT_UNIT;

    private static final VarHandle LAST_USED;
    private static final VarHandle STATE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            LAST_USED = l.findVarHandle(Mapping.class, "lastUsed", long.class);
            STATE = l.findVarHandle(Mapping.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int protocol;
    final Half forward;
    final Half reply;
    /** Input port whose spec created the mapping, or -1 for a static one. */
    final int input;
    /** Static mappings never expire and are never evicted; only {@code clear} removes them. */
    final boolean pinned;
    @SuppressWarnings("unused") // accessed through LAST_USED
    private long lastUsed;
    @SuppressWarnings("unused") // accessed through STATE
    private int state;

    Mapping(FlowKey original, int nsaddr, int nsport, int ndaddr, int ndport, int foutput, int routput,
            int input, boolean pinned, long now) {
        this.protocol = original.protocol;
        this.input = input;
        this.pinned = pinned;
        this.forward = new Half(this, original.copy(), nsaddr, nsport, ndaddr, ndport, foutput, false);
        FlowKey back = new FlowKey().setReverse(original.protocol, nsaddr, nsport, ndaddr, ndport);
        this.reply = new Half(this, back, original.daddr, original.dport, original.saddr, original.sport,
                routput, true);
        this.lastUsed = now;
    }

    long lastUsed() {
        return (long) LAST_USED.getOpaque(this);
    }

    /**
     * Records use at {@code now}, writing the shared field only when it is at least
     * {@code granularity} old: threads passing packets of one flow then rarely write the same cache
     * line, at the cost of last-use times up to {@code granularity} early.
     */
    void touch(long now, long granularity) {
        if (now - (long) LAST_USED.getOpaque(this) >= granularity) {
            LAST_USED.setOpaque(this, now);
        }
    }

    int state() {
        return (int) STATE.getOpaque(this);
    }

    /** Sets the state to {@code (state & ~clear) | set}, writing only if that changes it. */
    void updateState(int set, int clear) {
        int old = (int) STATE.getOpaque(this);
        int next = (old & ~clear) | set;
        while (next != old) {
            int witness = (int) STATE.compareAndExchange(this, old, next);
            if (witness == old) {
                return;
            }
            old = witness;
            next = (old & ~clear) | set;
        }
    }

    static String tuple(int saddr, int sport, int daddr, int dport) {
        return "(" + IPAddress.toString(saddr) + ", " + sport + ", " + IPAddress.toString(daddr) + ", " + dport + ")";
    }

    /** One direction of a mapping: what to match, what to write, where to send. */
    static final class Half {
        final Mapping mapping;
        final FlowKey key;
        final int saddr;
        final int sport;
        final int daddr;
        final int dport;
        final int output;
        final boolean isReply;

        Half(Mapping mapping, FlowKey key, int saddr, int sport, int daddr, int dport, int output, boolean isReply) {
            this.mapping = mapping;
            this.key = key;
            this.saddr = saddr;
            this.sport = sport;
            this.daddr = daddr;
            this.dport = dport;
            this.output = output;
            this.isReply = isReply;
        }

        /** {@code tcp (SA, SP, DA, DP) => (SA', SP', DA', DP') [OUTPUT]}, as the table handlers print it. */
        @Override
        public String toString() {
            return key + " => " + tuple(saddr, sport, daddr, dport) + " [" + output + "]"
                    + (mapping.pinned ? " static" : "");
        }
    }
}

package click.elements.ipsec;

/**
 * The inbound anti-replay window of one SA (RFC 4303 section 3.4.3): the highest sequence number
 * accepted so far, and a bitmap of which of the {@code size} numbers up to it have been seen. A
 * number is acceptable if it is above the highest, or inside the window and not seen yet; a number
 * below the window is too old. Without extended sequence numbers, 0 is never valid.
 *
 * <p>The bitmap is a ring: number {@code s} lives at bit {@code s mod size}; moving the top forward
 * clears the bits of the numbers skipped over.
 *
 * <p>Thread ownership: any thread. The two operations are short synchronized methods: an inbound SA
 * is normally fed by one thread (its input device's task), so the monitor is uncontended, and when
 * two threads do decrypt for the same SA, check-then-mark must be atomic or both copies of a
 * replayed packet could pass.
 *
 * <p>Invariants: {@code top} only grows; a set bit means its number was accepted.
 */
final class ReplayWindow {
    private final int size;
    private final long[] bits;
    private long top;

    /** @param size window width in packets, a positive multiple of 64 */
    ReplayWindow(int size) {
        if (size <= 0 || size % 64 != 0) {
            throw new IllegalArgumentException("replay window must be a positive multiple of 64, got " + size);
        }
        this.size = size;
        this.bits = new long[size / 64];
    }

    int size() {
        return size;
    }

    /** The highest sequence number accepted so far (0 before the first). */
    synchronized long highest() {
        return top;
    }

    /** Whether {@code seq} would be accepted now; changes nothing (the cheap check before the ICV). */
    synchronized boolean check(long seq) {
        return acceptable(seq);
    }

    /**
     * Accepts {@code seq} if it is acceptable, marking it seen; returns false for a replay. Call only
     * after the packet's ICV verified, so forged packets cannot move the window.
     */
    synchronized boolean checkAndUpdate(long seq) {
        if (!acceptable(seq)) {
            return false;
        }
        if (seq > top) {
            if (seq - top >= size) {
                java.util.Arrays.fill(bits, 0L);
            } else {
                for (long s = top + 1; s < seq; s++) {
                    clear(s);
                }
            }
            top = seq;
        }
        int pos = (int) (seq % size);
        bits[pos >>> 6] |= 1L << (pos & 63);
        return true;
    }

    private boolean acceptable(long seq) {
        if (seq == 0) {
            return false;
        }
        if (seq > top) {
            return true;
        }
        if (top - seq >= size) {
            return false;
        }
        int pos = (int) (seq % size);
        return (bits[pos >>> 6] & (1L << (pos & 63))) == 0;
    }

    private void clear(long s) {
        int pos = (int) (s % size);
        bits[pos >>> 6] &= ~(1L << (pos & 63));
    }
}

package click.scheduler;

import java.util.Arrays;

/**
 * A binary min-heap of timers ordered by deadline, then by scheduling sequence, with removal and
 * re-keying in place (each timer knows its index).
 *
 * <p>Thread ownership: one router thread's, like its worklist.
 */
final class TimerHeap {
    private SmpTimer[] heap = new SmpTimer[16];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest timer, or null. */
    SmpTimer peek() {
        return size == 0 ? null : heap[0];
    }

    /** The timers held, in no particular order (a copy). */
    SmpTimer[] toArray() {
        return Arrays.copyOf(heap, size);
    }

    /** Adds {@code t} with the given key, or moves it to that key if it is already here. */
    void put(SmpTimer t, long deadline, long sequence) {
        t.heapDeadline = deadline;
        t.heapSequence = sequence;
        if (t.heapIndex >= 0) {
            siftUp(t.heapIndex);
            siftDown(t.heapIndex);
            return;
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        t.heapIndex = size;
        heap[size++] = t;
        siftUp(t.heapIndex);
    }

    /** Removes {@code t} if it is here. */
    void remove(SmpTimer t) {
        int i = t.heapIndex;
        if (i < 0) {
            return;
        }
        t.heapIndex = -1;
        SmpTimer last = heap[--size];
        heap[size] = null;
        if (i < size) {
            heap[i] = last;
            last.heapIndex = i;
            siftUp(i);
            siftDown(last.heapIndex);
        }
    }

    private static boolean before(SmpTimer a, SmpTimer b) {
        return a.heapDeadline < b.heapDeadline
                || (a.heapDeadline == b.heapDeadline && a.heapSequence < b.heapSequence);
    }

    private void siftUp(int i) {
        SmpTimer t = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(t, heap[parent])) {
                break;
            }
            heap[i] = heap[parent];
            heap[i].heapIndex = i;
            i = parent;
        }
        heap[i] = t;
        t.heapIndex = i;
    }

    private void siftDown(int i) {
        SmpTimer t = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], t)) {
                break;
            }
            heap[i] = heap[child];
            heap[i].heapIndex = i;
            i = child;
        }
        heap[i] = t;
        t.heapIndex = i;
    }
}

package click.scheduler;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;

/**
 * Pins the calling thread to one CPU with Linux's {@code sched_setaffinity(2)}, through JNA (the
 * paper runs one thread per CPU; Java itself cannot pin threads). Optional: without JNA, or on
 * another system, the router threads run unpinned and {@link #pinCurrentThread} says why.
 */
final class ThreadAffinity {
    private ThreadAffinity() {
    }

    /** Bits in the masks passed to the kernel: 1024 CPUs, glibc's cpu_set_t. */
    private static final int MASK_WORDS = 16;

    /**
     * Pins the calling thread to the {@code n}th (from 0) of the CPUs it may run on now (inherited
     * from the process, so {@code taskset -c 2,3 click -j 2 ...} puts thread 0 on CPU 2 and thread 1
     * on CPU 3). Returns the CPU number, or throws with why not (one line).
     */
    static int pinCurrentThread(int n) throws IllegalStateException {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            throw new IllegalStateException("not Linux");
        }
        try {
            return Syscalls.pin(n);
        } catch (LinkageError e) {
            // JNA's classes are not visible (an optional import left unwired) or its library failed
            throw new IllegalStateException("JNA is not available (" + e + ")");
        }
    }

    /**
     * Everything that names JNA's classes, in a class of its own: when JNA is missing, loading this
     * class fails with a LinkageError that {@link #pinCurrentThread} catches, and no code that is
     * run without JNA mentions its types (not even in a catch clause).
     */
    private static final class Syscalls {
        static {
            Native.register(Syscalls.class, "c");
        }

        /** glibc's wrappers: pid 0 is the calling thread; the mask is a cpu_set_t of {@code size} bytes. */
        static native int sched_setaffinity(int pid, long size, long[] mask) throws LastErrorException;

        static native int sched_getaffinity(int pid, long size, long[] mask) throws LastErrorException;

        static int pin(int n) {
            try {
                long[] allowed = new long[MASK_WORDS];
                sched_getaffinity(0, allowed.length * 8L, allowed);
                int cpu = nthSetBit(allowed, n);
                if (cpu < 0) {
                    throw new IllegalStateException("this process may use fewer than " + (n + 1) + " CPUs");
                }
                long[] mask = new long[MASK_WORDS];
                mask[cpu / 64] = 1L << (cpu % 64);
                sched_setaffinity(0, mask.length * 8L, mask);
                return cpu;
            } catch (LastErrorException e) {
                throw new IllegalStateException("sched_setaffinity failed (errno " + e.getErrorCode() + ")");
            }
        }
    }

    /** The index of the {@code n}th set bit of {@code mask} (from 0), or -1. */
    static int nthSetBit(long[] mask, int n) {
        int seen = 0;
        for (int w = 0; w < mask.length; w++) {
            for (long bits = mask[w]; bits != 0; bits &= bits - 1) {
                if (seen++ == n) {
                    return w * 64 + Long.numberOfTrailingZeros(bits);
                }
            }
        }
        return -1;
    }
}

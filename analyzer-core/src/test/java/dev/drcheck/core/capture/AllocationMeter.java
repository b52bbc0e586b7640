package dev.drcheck.core.capture;

import java.lang.management.ManagementFactory;

/** Bytes the current thread has allocated on the heap, as HotSpot counts them; for allocation-bound tests. */
public final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {
    }

    /** Heap bytes allocated by the calling thread since it started. */
    public static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }
}

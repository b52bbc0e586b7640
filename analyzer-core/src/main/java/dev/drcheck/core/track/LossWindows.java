package dev.drcheck.core.track;

import dev.drcheck.core.capture.CaptureLoss;

import java.util.Arrays;

/**
 * The periods in which the capture lost frames ({@link CaptureLoss}), so that what the trackers sum can leave out
 * the flows and errors a loss may have changed. Windows are kept in time order, merged where they touch; past
 * {@link #MAX_WINDOWS}, the two oldest are merged into one, which covers both (coarser, never smaller), so the table
 * stays bounded over weeks of capture.
 */
public final class LossWindows {
    /** Most windows kept apart. */
    public static final int MAX_WINDOWS = 1024;

    private final long[] from = new long[MAX_WINDOWS];
    private final long[] to = new long[MAX_WINDOWS];
    private int count;
    private long droppedByKernel;
    private long droppedByInterface;

    /** Adds a period of loss. */
    public void add(CaptureLoss loss) {
        droppedByKernel += loss.droppedByKernel();
        droppedByInterface += loss.droppedByInterface();
        long start = Math.min(loss.fromNanos(), loss.toNanos());
        long end = Math.max(loss.fromNanos(), loss.toNanos());
        int at = firstEndingAtOrAfter(start);
        if (at < count && from[at] <= end) {
            from[at] = Math.min(from[at], start);
            to[at] = Math.max(to[at], end);
            while (at + 1 < count && from[at + 1] <= to[at]) {
                to[at] = Math.max(to[at], to[at + 1]);
                remove(at + 1);
            }
            return;
        }
        if (count == MAX_WINDOWS) {
            to[0] = to[1];
            remove(1);
            at = firstEndingAtOrAfter(start);
        }
        System.arraycopy(from, at, from, at + 1, count - at);
        System.arraycopy(to, at, to, at + 1, count - at);
        from[at] = start;
        to[at] = end;
        count++;
    }

    /** True when some loss lies within {@code [fromNanos, toNanos]}. */
    public boolean overlaps(long fromNanos, long toNanos) {
        if (count == 0) {
            return false;
        }
        int at = firstEndingAtOrAfter(fromNanos);
        return at < count && from[at] <= toNanos;
    }

    /** True when any frame was lost. */
    public boolean any() {
        return count > 0;
    }

    /** Frames the operating system dropped, over every window. */
    public long droppedByKernel() {
        return droppedByKernel;
    }

    /** Frames the interface dropped, over every window. */
    public long droppedByInterface() {
        return droppedByInterface;
    }

    /** Windows kept now. */
    public int windows() {
        return count;
    }

    /** Index of the first window that ends at or after {@code time}; {@code count} when none does. */
    private int firstEndingAtOrAfter(long time) {
        int i = Arrays.binarySearch(to, 0, count, time);
        if (i >= 0) {
            while (i > 0 && to[i - 1] == time) {
                i--;
            }
            return i;
        }
        return -i - 1;
    }

    private void remove(int at) {
        System.arraycopy(from, at + 1, from, at, count - at - 1);
        System.arraycopy(to, at + 1, to, at, count - at - 1);
        count--;
    }
}

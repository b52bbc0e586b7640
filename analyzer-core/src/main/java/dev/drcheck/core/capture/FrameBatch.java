package dev.drcheck.core.capture;

/**
 * A preallocated block of captured frames, filled by the capture thread and read by the analysis thread
 * ({@link LiveSource}): the frames' bytes back to back in one array, and per frame its timestamp, offset, captured
 * length and wire length. Batches are recycled, so capture allocates nothing of its own per frame.
 *
 * <p>Not thread-safe: a batch belongs to one thread at a time, and is handed over through a blocking queue.
 */
final class FrameBatch {
    /** Bytes of frame data one batch holds. */
    static final int DATA_BYTES = 1 << 20;
    /** Frames one batch holds at most. */
    static final int MAX_FRAMES = 8192;

    final byte[] data = new byte[DATA_BYTES];
    final long[] timestamps = new long[MAX_FRAMES];
    final int[] offsets = new int[MAX_FRAMES];
    final int[] lengths = new int[MAX_FRAMES];
    final int[] originalLengths = new int[MAX_FRAMES];
    int count;
    private int used;

    /** True when a frame of {@code length} bytes still fits. */
    boolean fits(int length) {
        return count < MAX_FRAMES && used + length <= DATA_BYTES;
    }

    /** Appends a frame; the caller has checked {@link #fits}. */
    void add(byte[] frame, int length, long timestampNanos, int originalLength) {
        System.arraycopy(frame, 0, data, used, length);
        timestamps[count] = timestampNanos;
        offsets[count] = used;
        lengths[count] = length;
        originalLengths[count] = originalLength;
        used += length;
        count++;
    }

    /** Empties the batch for reuse. */
    void clear() {
        count = 0;
        used = 0;
    }
}

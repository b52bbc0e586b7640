package dev.drcheck.core.capture;

import java.io.IOException;

/**
 * The most recent frames of a capture, copied into a preallocated ring (a flight recorder): at most
 * {@code maxFrames} frames and {@code maxBytes} bytes, the oldest overwritten first, so that the frames around a
 * finding's evidence can still be saved when the finding is raised. Adding a frame copies its bytes and allocates
 * nothing.
 *
 * <p>Not thread-safe: one thread adds and reads.
 */
public final class RecentFrames {
    private final byte[] bytes;
    private final long[] numbers;
    private final long[] timestamps;
    private final int[] offsets;
    private final int[] lengths;
    private final int[] originalLengths;
    private final int[] linkTypes;
    private final CapturedFrame cursor = new CapturedFrame();
    private int head;
    private int count;
    private int writeAt;

    /**
     * @param maxFrames most frames kept
     * @param maxBytes most bytes kept; a frame larger than this is not kept
     */
    public RecentFrames(int maxFrames, int maxBytes) {
        bytes = new byte[maxBytes];
        numbers = new long[maxFrames];
        timestamps = new long[maxFrames];
        offsets = new int[maxFrames];
        lengths = new int[maxFrames];
        originalLengths = new int[maxFrames];
        linkTypes = new int[maxFrames];
    }

    /** Keeps a copy of {@code frame}, dropping the oldest frames as needed. */
    public void add(CapturedFrame frame) {
        int length = frame.capturedLength;
        if (length > bytes.length) {
            return;
        }
        if (writeAt + length > bytes.length) {
            writeAt = 0;
        }
        while (count > 0 && (count == numbers.length || overlapsOldest(writeAt, length))) {
            head = (head + 1) % numbers.length;
            count--;
        }
        int slot = (head + count) % numbers.length;
        System.arraycopy(frame.data, frame.offset, bytes, writeAt, length);
        numbers[slot] = frame.frameNumber;
        timestamps[slot] = frame.timestampNanos;
        offsets[slot] = writeAt;
        lengths[slot] = length;
        originalLengths[slot] = frame.originalLength;
        linkTypes[slot] = frame.linkType;
        writeAt += length;
        count++;
    }

    /** Frames kept now. */
    public int size() {
        return count;
    }

    /** The frame number of the oldest frame kept, or 0 when none is. */
    public long oldestFrameNumber() {
        return count == 0 ? 0 : numbers[head];
    }

    /** Hands every kept frame numbered {@code fromFrame} or later to {@code sink}, oldest first. */
    public void forEachFrom(long fromFrame, FrameVisitor sink) throws IOException {
        for (int i = 0; i < count; i++) {
            int slot = (head + i) % numbers.length;
            if (numbers[slot] >= fromFrame) {
                cursor.set(numbers[slot], timestamps[slot], linkTypes[slot], bytes, offsets[slot], lengths[slot],
                        originalLengths[slot]);
                sink.accept(cursor);
            }
        }
    }

    /** Receives kept frames; the cursor is valid only during the call. */
    @FunctionalInterface
    public interface FrameVisitor {
        /** One frame. */
        void accept(CapturedFrame frame) throws IOException;
    }

    /** True when writing {@code length} bytes at {@code at} would overwrite the oldest kept frame's bytes. */
    private boolean overlapsOldest(int at, int length) {
        int start = offsets[head];
        int end = start + lengths[head];
        return at < end && start < at + length;
    }
}

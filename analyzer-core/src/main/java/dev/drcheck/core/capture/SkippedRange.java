package dev.drcheck.core.capture;

/**
 * A damaged stretch of a capture that a reader stepped over to go on reading: the bytes from {@code fromOffset}
 * up to {@code toOffset} were not analysed, and reading resumed at {@code toOffset} with a record the reader
 * recognised as intact (docs/robustness.md describes how each reader finds it).
 *
 * @param afterFrame  the number of the last frame read intact before the damage (0 when none was)
 * @param fromOffset  the byte offset where the damage starts (in decompressed bytes for a gzip stream)
 * @param toOffset    the byte offset where reading resumed; greater than {@code fromOffset}
 * @param framesLost  frames known to be lost in the range, or {@link #UNKNOWN_FRAMES_LOST} when the damage hides
 *                    how many records it held
 * @param description what was found, shaped as "what: actual (expected: X)"
 */
public record SkippedRange(long afterFrame, long fromOffset, long toOffset, long framesLost, String description) {
    /** {@link #framesLost()} when the number of frames in the range is not known. */
    public static final long UNKNOWN_FRAMES_LOST = -1;

    /** True when {@link #framesLost()} is a count, false when it is unknown. */
    public boolean framesLostKnown() {
        return framesLost >= 0;
    }

    /** Bytes skipped. */
    public long length() {
        return toOffset - fromOffset;
    }
}

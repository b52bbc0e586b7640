package dev.drcheck.core.capture;

import java.util.ArrayList;
import java.util.List;

/**
 * The skipped ranges of one reader, bounded: the first {@value #MAX_RANGES} are kept one by one, every later one is
 * folded into a final summary entry, so a capture damaged every few bytes cannot grow the list without bound.
 */
final class SkippedRangeLog {
    /** Ranges kept one by one. */
    static final int MAX_RANGES = 100;

    private final List<SkippedRange> ranges = new ArrayList<>();
    private long foldedCount;
    private long foldedAfterFrame;
    private long foldedFrom;
    private long foldedTo;
    private long foldedFramesLost;

    void add(SkippedRange range) {
        if (ranges.size() < MAX_RANGES) {
            ranges.add(range);
            return;
        }
        if (foldedCount == 0) {
            foldedAfterFrame = range.afterFrame();
            foldedFrom = range.fromOffset();
            foldedFramesLost = 0;
        }
        foldedCount++;
        foldedTo = range.toOffset();
        if (foldedFramesLost >= 0) {
            foldedFramesLost = range.framesLostKnown() ? foldedFramesLost + range.framesLost()
                    : SkippedRange.UNKNOWN_FRAMES_LOST;
        }
    }

    List<SkippedRange> ranges() {
        if (foldedCount == 0) {
            return List.copyOf(ranges);
        }
        List<SkippedRange> all = new ArrayList<>(ranges);
        all.add(new SkippedRange(foldedAfterFrame, foldedFrom, foldedTo, foldedFramesLost, foldedCount
                + " more damaged ranges between these offsets, not listed one by one (expected: at most "
                + MAX_RANGES + " listed)"));
        return List.copyOf(all);
    }
}

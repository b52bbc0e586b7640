package dev.drcheck.core.capture;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every frame and every damage report from any source must satisfy, whatever the input; for fuzz tests. */
public final class FrameInvariants {
    /** Frames read per fuzz input at most; a hostile input cannot keep a fuzz iteration running for ever. */
    public static final int FRAME_CAP = 200_000;
    /**
     * Heap a reader may allocate for one input: its 4 MiB buffer, one grown block, the decompressor and the
     * reports, well under the 4 GiB a length field can claim. While Jazzer fuzzes, its comparison hooks allocate on
     * the same thread (a committed seed that stays under 24 MiB uninstrumented measured 269 MB while fuzzing),
     * so the cap is looser then; at 1 GiB it still catches any allocation sized by a length field.
     */
    public static final long READER_ALLOCATION_CAP = System.getenv("JAZZER_FUZZ") == null
            ? 24L * 1024 * 1024 : 1024L * 1024 * 1024;

    private FrameInvariants() {
    }

    /** Checks the frame a source just handed out; {@code previousNumber} is the one before (0 for the first). */
    public static void checkFrame(CapturedFrame frame, long previousNumber) {
        assertThat(frame.frameNumber).isGreaterThan(previousNumber);
        assertThat(frame.data).isNotNull();
        assertThat(frame.offset).isNotNegative();
        assertThat(frame.capturedLength).isBetween(0, PcapReader.MAX_CAPTURED_LENGTH);
        assertThat((long) frame.offset + frame.capturedLength).isLessThanOrEqualTo(frame.data.length);
        assertThat(frame.originalLength).isGreaterThanOrEqualTo(frame.capturedLength);
    }

    /** Reads {@code source} to its end (or the frame cap), checking every frame and then the damage reports. */
    public static long readAll(FrameSource source) throws java.io.IOException {
        CapturedFrame frame = new CapturedFrame();
        long previous = 0;
        long frames = 0;
        while (frames < FRAME_CAP && source.next(frame)) {
            checkFrame(frame, previous);
            previous = frame.frameNumber;
            frames++;
        }
        checkDamage(source);
        return frames;
    }

    /** The damage and the skipped ranges are consistent: ordered, non-empty ranges, offsets not negative. */
    public static void checkDamage(FrameSource source) {
        source.damage().ifPresent(d -> {
            assertThat(d.byteOffset()).isNotNegative();
            assertThat(d.afterFrame()).isNotNegative();
            assertThat(d.description()).isNotBlank();
        });
        List<SkippedRange> ranges = source.skippedRanges();
        assertThat(ranges.size()).isLessThanOrEqualTo(SkippedRangeLog.MAX_RANGES + 1);
        long end = 0;
        for (SkippedRange r : ranges) {
            assertThat(r.fromOffset()).isGreaterThanOrEqualTo(end);
            assertThat(r.toOffset()).isGreaterThan(r.fromOffset());
            assertThat(r.description()).isNotBlank();
            end = r.toOffset();
        }
        assertThat(source.notes()).isNotNull();
        assertThat(source.name()).isNotNull();
    }
}

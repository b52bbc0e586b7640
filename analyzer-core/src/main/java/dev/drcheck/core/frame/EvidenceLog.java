package dev.drcheck.core.frame;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Counts the occurrences of one cause and keeps the earliest few frames, without allocating per occurrence.
 * A check keeps one log per cause and turns it into a finding at the end.
 */
public final class EvidenceLog {
    /** How many frames a finding lists; the rest are only counted. */
    public static final int KEPT_FRAMES = 5;

    private final long[] frames = new long[KEPT_FRAMES];
    private final long[] timestamps = new long[KEPT_FRAMES];
    private int kept;
    private long count;

    /** One log holding the earliest kept frames of all {@code logs} and the sum of their counts. */
    public static EvidenceLog merge(Collection<EvidenceLog> logs) {
        EvidenceLog merged = new EvidenceLog();
        logs.stream().flatMap(log -> log.evidence().stream())
                .sorted(Comparator.comparingLong(Evidence::timestampNanos).thenComparingLong(Evidence::frame))
                .limit(KEPT_FRAMES)
                .forEach(e -> merged.record(FrameRef.of(e.source(), e.frame()), e.timestampNanos()));
        merged.count = logs.stream().mapToLong(EvidenceLog::count).sum();
        return merged;
    }

    /** An independent copy of this log. */
    public EvidenceLog copy() {
        EvidenceLog copy = new EvidenceLog();
        System.arraycopy(frames, 0, copy.frames, 0, kept);
        System.arraycopy(timestamps, 0, copy.timestamps, 0, kept);
        copy.kept = kept;
        copy.count = count;
        return copy;
    }

    /**
     * Records one occurrence seen in a frame ({@code frame} is a {@link FrameRef}). The log keeps the
     * {@value #KEPT_FRAMES} earliest occurrences by capture time, whatever order they are recorded in (flows are
     * recorded when they end, not when they start).
     */
    public void record(long frame, long timestampNanos) {
        count++;
        int at = kept;
        while (at > 0 && isEarlier(timestampNanos, frame, timestamps[at - 1], frames[at - 1])) {
            at--;
        }
        if (at >= KEPT_FRAMES) {
            return;
        }
        int moved = Math.min(kept, KEPT_FRAMES - 1) - at;
        System.arraycopy(frames, at, frames, at + 1, moved);
        System.arraycopy(timestamps, at, timestamps, at + 1, moved);
        frames[at] = frame;
        timestamps[at] = timestampNanos;
        kept = Math.min(kept + 1, KEPT_FRAMES);
    }

    private static boolean isEarlier(long time, long frame, long otherTime, long otherFrame) {
        return time != otherTime ? time < otherTime : frame < otherFrame;
    }

    /**
     * Counts occurrences whose frames are not known: those beyond the frames another log kept, when a check sums
     * logs of several paths.
     */
    public void countWithoutFrames(long occurrences) {
        count += occurrences;
    }

    /** Total occurrences recorded. */
    public long count() {
        return count;
    }

    /** True when nothing was recorded. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** The earliest frame recorded (a {@link FrameRef}), or 0 when none was. */
    public long firstFrame() {
        return kept == 0 ? 0 : frames[0];
    }

    /** The kept frames as evidence, earliest first. */
    public List<Evidence> evidence() {
        List<Evidence> list = new ArrayList<>(kept);
        for (int i = 0; i < kept; i++) {
            list.add(Evidence.ofRef(frames[i], timestamps[i]));
        }
        return list;
    }
}

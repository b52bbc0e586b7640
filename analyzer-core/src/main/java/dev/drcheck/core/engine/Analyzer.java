package dev.drcheck.core.engine;

import dev.drcheck.core.capture.CaptureLoss;
import dev.drcheck.core.capture.CapturedFrame;
import dev.drcheck.core.capture.FrameSource;
import dev.drcheck.core.report.Report;
import dev.drcheck.core.topology.TopologyOverrides;

import java.io.IOException;

/** Runs every registered check over a capture and returns the report. */
public final class Analyzer {
    /** How often, in frames, {@link Progress} is told. */
    public static final int PROGRESS_INTERVAL_FRAMES = 1 << 16;

    private final TopologyOverrides overrides;

    /** @param overrides topology elements the user gave; the rest is inferred */
    public Analyzer(TopologyOverrides overrides) {
        this.overrides = overrides;
    }

    /**
     * Reads {@code source} to its end (or to the damage that stops it) and analyses what was read.
     *
     * @throws IOException when the operating system fails a read
     */
    public Report analyze(FrameSource source) throws IOException {
        return analyze(source, Progress.NONE);
    }

    /**
     * As {@link #analyze(FrameSource)}, telling {@code progress} the frame count every
     * {@value #PROGRESS_INTERVAL_FRAMES} frames and once at the end.
     */
    public Report analyze(FrameSource source, Progress progress) throws IOException {
        AnalysisSession session = new AnalysisSession(overrides, source.captureNames());
        CapturedFrame frame = new CapturedFrame();
        long frames = 0;
        while (source.next(frame)) {
            session.accept(frame);
            if (++frames % PROGRESS_INTERVAL_FRAMES == 0) {
                progress.update(frames);
            }
        }
        progress.update(frames);
        for (CaptureLoss loss : source.losses()) {
            session.onLoss(loss);
        }
        return session.finish(source.damage(), source.notes(), source.skippedRanges());
    }

    /** Hears how far an analysis got, for a progress bar. */
    @FunctionalInterface
    public interface Progress {
        /** Reports nothing. */
        Progress NONE = frames -> { };

        /** Called with the number of frames read so far. */
        void update(long frames);
    }
}

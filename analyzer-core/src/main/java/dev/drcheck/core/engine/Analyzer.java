package dev.drcheck.core.engine;

import dev.drcheck.core.capture.CapturedFrame;
import dev.drcheck.core.capture.FrameSource;
import dev.drcheck.core.report.Report;
import dev.drcheck.core.topology.TopologyOverrides;

import java.io.IOException;

/** Runs every registered check over a capture and returns the report. */
public final class Analyzer {
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
        AnalysisSession session = new AnalysisSession(overrides, source.captureNames());
        CapturedFrame frame = new CapturedFrame();
        while (source.next(frame)) {
            session.accept(frame);
        }
        return session.finish(source.damage(), source.notes(), source.skippedRanges());
    }
}

package dev.drcheck.cli;

import dev.drcheck.core.engine.Analyzer;
import dev.drcheck.core.report.Report;
import dev.drcheck.core.topology.TopologyOverrides;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.function.Function;

/** Turns captures named on the command line into one report; the seam between the CLI and analyzer-core. */
@FunctionalInterface
interface CaptureAnalysis {

    /**
     * Reads and analyses {@code captures} (files, or {@code -} for standard input) as one capture.
     *
     * @throws UnreadableInputException when one of them cannot be read, naming it and why
     * @throws IOException when reading fails otherwise
     */
    Report analyze(List<String> captures, TopologyOverrides overrides) throws IOException;

    /**
     * As {@link #analyze(List, TopologyOverrides)}, showing progress: {@code progress} gets the capture files
     * opened (none for standard input) and returns what to tell while reading. Analyses that cannot show
     * progress ignore it.
     */
    default Report analyze(List<String> captures, TopologyOverrides overrides,
                           Function<List<FileChannel>, Analyzer.Progress> progress) throws IOException {
        return analyze(captures, overrides);
    }
}

package dev.drcheck.cli;

import dev.drcheck.core.report.Report;
import dev.drcheck.core.topology.TopologyOverrides;

import java.io.IOException;
import java.util.List;

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
}

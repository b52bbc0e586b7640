package dev.drcheck.cli;

import dev.drcheck.core.capture.FrameSource;
import dev.drcheck.core.capture.PcapReader;
import dev.drcheck.core.engine.Analyzer;
import dev.drcheck.core.report.Report;
import dev.drcheck.core.topology.TopologyOverrides;

import java.io.IOException;
import java.nio.file.Path;

/** Turns one capture file into a report; the seam between the command line and analyzer-core. */
@FunctionalInterface
interface CaptureAnalysis {

    /** The real pipeline: {@link PcapReader} into {@link Analyzer}. */
    CaptureAnalysis PCAP_FILE = (file, overrides) -> {
        try (FrameSource source = PcapReader.open(file)) {
            return new Analyzer(overrides).analyze(source);
        }
    };

    /**
     * Reads and analyses {@code file}.
     *
     * @throws dev.drcheck.core.capture.CaptureFormatException when the file is not a capture drcheck can read
     * @throws IOException when the file cannot be opened or read
     */
    Report analyze(Path file, TopologyOverrides overrides) throws IOException;
}

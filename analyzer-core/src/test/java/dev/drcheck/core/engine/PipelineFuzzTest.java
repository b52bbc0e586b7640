package dev.drcheck.core.engine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.drcheck.core.capture.CaptureFormatException;
import dev.drcheck.core.capture.CaptureOpener;
import dev.drcheck.core.capture.FrameSource;
import dev.drcheck.core.report.JsonReportWriter;
import dev.drcheck.core.report.Report;
import dev.drcheck.core.topology.TopologyOverrides;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target for the whole pipeline: arbitrary bytes opened as the CLI opens a file, analysed (decode, track,
 * topology, every check) and written as JSON. Only {@link CaptureFormatException} from opening is allowed. Seeds:
 * {@code PipelineFuzzTestInputs/analyze/}, cut from the sample captures.
 */
class PipelineFuzzTest {

    @FuzzTest(maxDuration = "60s")
    @Timeout(20)
    void analyze(byte[] input) throws IOException {
        FrameSource source;
        try {
            source = CaptureOpener.open(new ByteArrayInputStream(input), "fuzz");
        } catch (CaptureFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        Report report;
        try (source) {
            report = new Analyzer(TopologyOverrides.none()).analyze(source);
        }
        assertThat(report.stats().frames()).isNotNegative();
        StringWriter json = new StringWriter();
        JsonReportWriter.write(report, json);
        assertThat(json.toString()).startsWith("{");
    }
}

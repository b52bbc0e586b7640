package dev.drcheck.core.engine;

import dev.drcheck.core.capture.CapturedFrame;
import dev.drcheck.core.capture.PcapReader;
import dev.drcheck.core.check.SampleCaptures;
import dev.drcheck.core.finding.Finding;
import dev.drcheck.core.report.Report;
import dev.drcheck.core.topology.TopologyOverrides;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AnalysisSessionTest {

    @Test
    void aSnapshotAtTheEndSeesWhatFinishSeesAndChangesNothing() throws IOException {
        AnalysisSession session = feed("port-closed-rs2.pcap", Long.MAX_VALUE);

        Report snapshot = session.snapshot();
        Report second = session.snapshot();
        Report last = session.finish(Optional.empty(), List.of());

        assertThat(summary(snapshot)).isEqualTo(summary(last)).isEqualTo(summary(second))
                .containsExactly("RstFromRs 02:00:00:00:00:12 6");
        assertThat(snapshot.realServers()).isEqualTo(last.realServers());
    }

    @Test
    void aSnapshotMidwayCountsOnlyWhatHasHappenedYet() throws IOException {
        AnalysisSession session = feed("port-closed-rs2.pcap", 75);

        Report midway = session.snapshot();

        assertThat(session.frames()).isEqualTo(75);
        assertThat(summary(midway)).containsExactly("RstFromRs 02:00:00:00:00:12 2");
    }

    private static AnalysisSession feed(String capture, long maxFrames) throws IOException {
        AnalysisSession session = new AnalysisSession(TopologyOverrides.none(), List.of(capture));
        try (PcapReader reader = PcapReader.open(SampleCaptures.directory().resolve(capture))) {
            CapturedFrame frame = new CapturedFrame();
            for (long n = 0; n < maxFrames && reader.next(frame); n++) {
                session.accept(frame);
            }
        }
        return session;
    }

    /** The RstFromRs findings (the check this capture shows), as "id culprit count". */
    private static List<String> summary(Report report) {
        return report.findings().stream()
                .filter(f -> f.checkId().equals("RstFromRs"))
                .map((Finding f) -> f.checkId() + " " + f.culprit().macText() + " " + f.count()).toList();
    }
}

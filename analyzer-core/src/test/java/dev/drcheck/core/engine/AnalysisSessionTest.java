package dev.drcheck.core.engine;

import dev.drcheck.core.capture.CapturedFrame;
import dev.drcheck.core.capture.LinkType;
import dev.drcheck.core.capture.PcapReader;
import dev.drcheck.core.check.SampleCaptures;
import dev.drcheck.core.decode.DecodedFrame;
import dev.drcheck.core.decode.TestFrames;
import dev.drcheck.core.finding.Finding;
import dev.drcheck.core.report.Report;
import dev.drcheck.core.topology.TopologyOverrides;
import dev.drcheck.core.track.FlowTracker;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

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

    @Test
    void aSynFloodBeyondTheFlowTableSaysHowManyFlowsWereEvicted() {
        AnalysisSession session = new AnalysisSession(TopologyOverrides.none(), List.of("flood"));
        byte[] syn = TestFrames.ethernet(TestFrames.IPV4, TestFrames.ipv4(TestFrames.TCP, TestFrames.CLIENT_IP,
                TestFrames.VIP, TestFrames.tcp(1, 80, 1000, 0, DecodedFrame.SYN, new byte[0])));
        int sourceIp = 14 + 12;
        int sourcePort = 14 + 20;
        CapturedFrame frame = new CapturedFrame();
        int flows = FlowTracker.MAX_FLOWS + 5;
        for (int i = 0; i < flows; i++) {
            syn[sourceIp + 2] = (byte) (i >>> 16);
            syn[sourceIp + 3] = (byte) (i >>> 8);
            syn[sourcePort] = (byte) (i >>> 8);
            syn[sourcePort + 1] = (byte) i;
            frame.set(i + 1, i * 1_000L, LinkType.ETHERNET, syn, 0, syn.length, syn.length);
            session.accept(frame);
        }

        Report report = session.finish(Optional.empty(), List.of());

        assertThat(report.stats().tcpFlows()).isEqualTo(flows);
        assertThat(report.stats().tableLimits()).containsExactly(entry("flows evicted (flow table full)", 5L));
    }

    @Test
    void aCaptureWithoutMacsSaysWhichMacChecksItCouldNotRun() {
        TopologyOverrides vip = new TopologyOverrides(
                List.of(new TopologyOverrides.VipSpec(TestFrames.VIP, 80)), List.of(), List.of());
        AnalysisSession session = new AnalysisSession(vip, List.of("raw"));
        byte[] syn = TestFrames.ipv4(TestFrames.TCP, TestFrames.CLIENT_IP, TestFrames.VIP,
                TestFrames.tcp(40000, 80, 1000, 0, DecodedFrame.SYN, new byte[0]));
        byte[] synAck = TestFrames.ipv4(TestFrames.TCP, TestFrames.VIP, TestFrames.CLIENT_IP,
                TestFrames.tcp(80, 40000, 5000, 1001, DecodedFrame.SYN | DecodedFrame.ACK, new byte[0]));
        CapturedFrame frame = new CapturedFrame();
        frame.set(1, 1_000_000L, LinkType.RAW, syn, 0, syn.length, syn.length);
        session.accept(frame);
        frame.set(2, 2_000_000L, LinkType.RAW, synAck, 0, synAck.length, synAck.length);
        session.accept(frame);

        Report report = session.finish(Optional.empty(), List.of());

        assertThat(report.findings()).isEmpty();
        assertThat(report.stats().tcpFrames()).isEqualTo(2);
        assertThat(report.notObserved()).filteredOn(line -> line.contains("frames without MACs or ARP"))
                .extracting(line -> line.substring(0, line.indexOf(':')))
                .containsExactlyInAnyOrder("replies sent to the director (invariant 2)", "who answers ARP for the VIP");
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

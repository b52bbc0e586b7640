package dev.drcheck.core.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RepliesLostAfterHandshakeTest extends LabCaptureCheckTest {
    @Override Check check() { return new RepliesLostAfterHandshake(); }
    @Override String capture() { return "points/pmtu-blackhole-at-rs1.pcap"; }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:11"); }
    @Override String messageExcerpt() { return "segments up to 1448 bytes) that the client never acknowledges"; }
    @Override long firstEvidenceFrame() { return 19; }

    @Test
    void fullSizedLostSegmentsAreCalledAPathMtuBlackHole() {
        var finding = findingFor("02:00:00:00:00:11");

        assertThat(finding.count()).isEqualTo(4);
        assertThat(finding.message()).contains("path-MTU black hole").contains("VIP 192.0.2.100:80");
        assertThat(finding.fix()).contains("icmp-unreach").contains("IcmpErrorNotRelayed").contains("--set-mss");
    }

    @Test
    void leavesLossThatTheDirectorsKeptIcmpErrorsExplainToIcmpErrorNotRelayed() {
        assertThat(SampleCaptures.findingsOf("pmtu-blackhole.pcap", "RepliesLostAfterHandshake")).isEmpty();
    }

    @Test
    void staysSilentWhenTheRelayedErrorsLetTheDataThrough() {
        assertThat(SampleCaptures.findingsOf("pmtu-relayed.pcap", "RepliesLostAfterHandshake")).isEmpty();
        assertThat(SampleCaptures.findingsOf("points/pmtu-relayed-at-rs1.pcap", "RepliesLostAfterHandshake"))
                .isEmpty();
    }
}

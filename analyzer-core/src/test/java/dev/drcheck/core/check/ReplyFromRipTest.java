package dev.drcheck.core.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyFromRipTest extends LabCaptureCheckTest {
    @Override Check check() { return new ReplyFromRip(); }
    @Override String capture() { return "reply-from-rip.pcap"; }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:11"); }
    @Override String messageExcerpt() { return "from 192.0.2.11 instead of the VIP"; }
    @Override long firstEvidenceFrame() { return 7; }

    @Test
    void countsTheFlowsAnsweredFromTheRip() {
        assertThat(findingFor("02:00:00:00:00:11").count()).isEqualTo(6);
    }

    @Test
    void natModeRepliesFromTheRipAreLeftToTheNatFinding() {
        assertThat(SampleCaptures.findingsOf("nat-mode.pcap", "ReplyFromRip")).isEmpty();
    }
}

package dev.drcheck.core.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RstFromRsTest extends LabCaptureCheckTest {
    @Override Check check() { return new RstFromRs(); }
    @Override String capture() { return "port-closed-rs2.pcap"; }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:12"); }
    @Override String messageExcerpt() { return "refuses connections to VIP 192.0.2.100:80 with RST: 6 flows"; }
    @Override long firstEvidenceFrame() { return 71; }

    @Test
    void namesTheRipLearnedFromArp() {
        assertThat(findingFor("02:00:00:00:00:12").culprit().ipText()).isEqualTo("192.0.2.12");
    }

    @Test
    void unansweredSynsAreNotResets() {
        assertThat(SampleCaptures.findingsOf("vip-missing-rs2.pcap", "RstFromRs")).isEmpty();
    }
}

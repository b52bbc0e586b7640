package dev.drcheck.core.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DirectorRoutesInsteadOfSwitchingTest extends LabCaptureCheckTest {
    @Override Check check() { return new DirectorRoutesInsteadOfSwitching(); }
    @Override String capture() { return "director-routing.pcap"; }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:02"); }
    @Override String messageExcerpt() { return "routes VIP 192.0.2.100 traffic instead of switching it"; }
    @Override long firstEvidenceFrame() { return 6; }

    @Test
    void namesTheRealServersAndTheTtlDrop() {
        var finding = findingFor("02:00:00:00:00:02");

        assertThat(finding.culprit().ipText()).isEqualTo("192.0.2.2");
        assertThat(finding.message()).contains("have the TTL lowered by 1")
                .contains("real server 02:00:00:00:00:11 (192.0.2.11)")
                .contains("real server 02:00:00:00:00:12 (192.0.2.12)");
        assertThat(finding.count()).isEqualTo(66);
        assertThat(finding.fix()).contains("ip rule").contains("local 192.0.2.100").contains("-g");
    }

    @Test
    void leavesANatDirectorToForwardedLegModified() {
        assertThat(SampleCaptures.findingsOf("nat-mode.pcap", "DirectorRoutesInsteadOfSwitching")).isEmpty();
    }
}

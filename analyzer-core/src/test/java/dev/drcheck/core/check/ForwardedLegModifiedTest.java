package dev.drcheck.core.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardedLegModifiedTest extends LabCaptureCheckTest {
    @Override Check check() { return new ForwardedLegModified(); }
    @Override String capture() { return "nat-mode.pcap"; }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:02"); }
    @Override String messageExcerpt() { return "destination IP 192.0.2.100 -> 192.0.2.11, 192.0.2.12"; }
    @Override long firstEvidenceFrame() { return 6; }

    @Test
    void diagnosesNatFromTheRewrittenAddressAndTtl() {
        var finding = findingFor("02:00:00:00:00:02");

        assertThat(finding.message()).contains("TTL lowered by 1").contains("NAT");
        assertThat(finding.culprit().ipText()).isEqualTo("192.0.2.2");
        assertThat(finding.fix()).contains("-g").contains("lb_kind DR").contains("ip addr add 192.0.2.100/32 dev lo");
    }

    @Test
    void leavesADirectorThatOnlyLowersTheTtlToDirectorRoutesInsteadOfSwitching() {
        assertThat(SampleCaptures.findingsOf("director-routing.pcap", "ForwardedLegModified")).isEmpty();
    }
}

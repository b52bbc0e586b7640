package dev.drcheck.core.check;

import dev.drcheck.core.finding.Finding;
import dev.drcheck.core.topology.TopologyOverrides;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NonDrForwardingMethodTest extends LabCaptureCheckTest {
    @Override Check check() { return new NonDrForwardingMethod(); }
    @Override String capture() { return "healthy.pcap"; }
    @Override TopologyOverrides overrides() { return SampleCaptures.config("nat.ipvsadm"); }
    @Override TopologyOverrides healthyOverrides() { return SampleCaptures.config("healthy.ipvsadm"); }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:02"); }
    @Override String messageExcerpt() {
        return "is configured to forward VIP 192.0.2.100:80 to 192.0.2.11:80, 192.0.2.12:80 with NAT (ipvsadm -m";
    }
    @Override long firstEvidenceFrame() { return 3; }

    @Test
    void saysTheCaptureShowsDirectRoutingSoTheFileIsNotWhatRuns() {
        assertThat(findings().get(0).message()).contains("yet the capture shows direct routing");
        assertThat(findings().get(0).fix()).contains("ipvsadm -e -t 192.0.2.100:80 -r 192.0.2.11:80 -g -w 1",
                "ipvsadm -e -t 192.0.2.100:80 -r 192.0.2.12:80 -g -w 1");
    }

    @Test
    void onTheNatCaptureTheCaptureAgrees() {
        List<Finding> findings = SampleCaptures.findingsOf("nat-mode.pcap", "NonDrForwardingMethod",
                SampleCaptures.config("nat.ipvsadm"));
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).culprit().macText()).isEqualTo("02:00:00:00:00:02");
        assertThat(findings.get(0).message()).contains("the capture agrees: forwarded frames have their destination"
                + " IP rewritten to 192.0.2.11");
    }
}

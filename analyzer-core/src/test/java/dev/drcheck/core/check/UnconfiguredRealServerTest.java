package dev.drcheck.core.check;

import dev.drcheck.core.topology.TopologyOverrides;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UnconfiguredRealServerTest extends LabCaptureCheckTest {
    @Override Check check() { return new UnconfiguredRealServer(); }
    @Override String capture() { return "healthy.pcap"; }
    @Override TopologyOverrides overrides() { return SampleCaptures.config("rs1-only.ipvsadm"); }
    @Override TopologyOverrides healthyOverrides() { return SampleCaptures.config("healthy.ipvsadm"); }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:12"); }
    @Override String messageExcerpt() {
        return "real server 02:00:00:00:00:12 (192.0.2.12) receives 6 flows for VIP 192.0.2.100:80 but";
    }
    @Override long firstEvidenceFrame() { return 68; }

    @Test
    void citesTheConfigurationAndRemovesOrAddsIt() {
        assertThat(findings().get(0).message()).contains("rs1-only.ipvsadm line 1", "configured: 192.0.2.11:80");
        assertThat(findings().get(0).fix()).contains("ipvsadm -d -t 192.0.2.100:80 -r 192.0.2.12:80");
    }

    @Test
    void withoutAConfigurationNothingIsCompared() {
        assertThat(SampleCaptures.findingsOf("healthy.pcap", "UnconfiguredRealServer")).isEmpty();
    }
}

package dev.drcheck.core.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FlowSplitAcrossRealServersTest extends LabCaptureCheckTest {
    @Override Check check() { return new FlowSplitAcrossRealServers(); }
    @Override String capture() { return "flow-split.pcap"; }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:02"); }
    @Override String messageExcerpt() { return "to more than one real server: 12 of 12 flows split"; }
    @Override long firstEvidenceFrame() { return 9; }

    @Test
    void aFailoverBetweenDirectorsIsNotASplitFlow() {
        assertThat(SampleCaptures.findingsOf("director-failover.pcap", "FlowSplitAcrossRealServers")).isEmpty();
        assertThat(SampleCaptures.findingsOf("director-flapping.pcap", "FlowSplitAcrossRealServers")).isEmpty();
    }
}

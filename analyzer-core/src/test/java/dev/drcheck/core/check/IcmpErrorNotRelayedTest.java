package dev.drcheck.core.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IcmpErrorNotRelayedTest extends LabCaptureCheckTest {
    @Override Check check() { return new IcmpErrorNotRelayed(); }
    @Override String capture() { return "pmtu-blackhole.pcap"; }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:02"); }
    @Override String messageExcerpt() { return "fragmentation needed (next-hop MTU 1000)"; }
    @Override long firstEvidenceFrame() { return 18; }

    @Test
    void namesTheSenderTheFlowsAndTheBlackHole() {
        var finding = findingFor("02:00:00:00:00:02");

        assertThat(finding.count()).isEqualTo(61);
        assertThat(finding.message())
                .contains("sent by 02:00:00:00:00:01 (192.0.2.1)")
                .contains("about 6 flows of")
                .contains("02:00:00:00:00:11 (192.0.2.11)").contains("02:00:00:00:00:12 (192.0.2.12)")
                .contains("first 198.51.100.10:40001 -> 192.0.2.100:80")
                .contains("61 errors never left it")
                .contains("path-MTU black hole");
        assertThat(finding.fix()).contains("ipvsadm -Lnc").contains("--set-mss 960").contains("mtu lock 1000");
    }

    @Test
    void staysSilentWhenTheDirectorRelaysTheErrorsToTheFlowsRealServer() {
        assertThat(SampleCaptures.findingsOf("pmtu-relayed.pcap", "IcmpErrorNotRelayed")).isEmpty();
    }
}

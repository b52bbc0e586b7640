package dev.drcheck.core.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IcmpErrorOnVipFlowTest extends LabCaptureCheckTest {
    @Override Check check() { return new IcmpErrorOnVipFlow(); }
    @Override String capture() { return "pmtu-relayed.pcap"; }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:01"); }
    @Override String messageExcerpt() {
        return "reports fragmentation needed (next-hop MTU 1000) for VIP 192.0.2.100:80";
    }
    @Override long firstEvidenceFrame() { return 18; }

    @Test
    void reportsTheErrorsWithTheirFlowsAndWhereTheyWent() {
        var finding = findingFor("02:00:00:00:00:01");

        assertThat(finding.count()).isEqualTo(8);
        assertThat(finding.culprit().ipText()).isEqualTo("192.0.2.1");
        assertThat(finding.message())
                .contains("8 errors about 2 flows")
                .contains("first 198.51.100.10:40001 -> 192.0.2.100:80")
                .contains("passed them on to the flow's real server");
        assertThat(finding.fix()).contains("an MTU of 1000").contains("--set-mss 960");
    }

    @Test
    void leavesErrorsTheDirectorKeptToIcmpErrorNotRelayed() {
        assertThat(SampleCaptures.findingsOf("pmtu-blackhole.pcap", "IcmpErrorOnVipFlow")).isEmpty();
    }

    @Test
    void atARealServersPortTheRelayedCopiesStillNameTheRouter() {
        var findings = SampleCaptures.findingsOf("points/pmtu-relayed-at-rs1.pcap", "IcmpErrorOnVipFlow");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.culprit().macText()).isEqualTo("02:00:00:00:00:01");
            assertThat(f.culprit().ipText()).isEqualTo("192.0.2.1");
            assertThat(f.message()).contains("4 errors about 1 flow of real server 02:00:00:00:00:11")
                    .contains("passed on by the director 02:00:00:00:00:02 to real server 02:00:00:00:00:11");
        });
    }
}

package dev.drcheck.core.check;

import dev.drcheck.core.finding.Host;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.net.Mac;
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

    @Test
    void withRealServersGivenWithRsAForwardToAnotherMacIsReported() {
        var findings = SampleCaptures.findingsOf("healthy.pcap", "UnconfiguredRealServer", givenRealServers(RS1));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.culprit().macText()).isEqualTo("02:00:00:00:00:12");
            assertThat(f.message()).contains("receives 6 flows for VIP 192.0.2.100:80 from the director")
                    .contains("given with --rs (02:00:00:00:00:11 (192.0.2.11))");
            assertThat(f.evidence().get(0).frame()).isEqualTo(68);
            assertThat(f.fix()).contains("--rs 02:00:00:00:00:12=192.0.2.12");
        });
    }

    @Test
    void withEveryRealServerGivenWithRsNothingIsReported() {
        assertThat(SampleCaptures.findingsOf("healthy.pcap", "UnconfiguredRealServer", givenRealServers(RS1, RS2)))
                .isEmpty();
    }

    private static final Host RS1 = Host.of(Mac.parse("02:00:00:00:00:11"), Ipv4.parse("192.0.2.11"));
    private static final Host RS2 = Host.of(Mac.parse("02:00:00:00:00:12"), Ipv4.parse("192.0.2.12"));

    private static TopologyOverrides givenRealServers(Host... servers) {
        return new TopologyOverrides(List.of(new TopologyOverrides.VipSpec(Ipv4.parse("192.0.2.100"), 80)),
                List.of(), List.of(servers));
    }
}

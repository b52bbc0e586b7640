package dev.drcheck.core.check;

import dev.drcheck.core.finding.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeadRealServerTest extends LabCaptureCheckTest {
    @Override Check check() { return new DeadRealServer(); }
    @Override String capture() { return "port-closed-rs2.pcap"; }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:12"); }
    @Override String messageExcerpt() {
        return "real server 02:00:00:00:00:12 (192.0.2.12) failed all 6 flows the director sent it for VIP"
                + " 192.0.2.100:80 (6 refused with RST) while 02:00:00:00:00:11 (192.0.2.11) completed 6";
    }
    @Override long firstEvidenceFrame() { return 71; }

    @Test
    void suggestsAHealthCheck() {
        assertThat(findings().get(0).fix()).contains("TCP_CHECK", "ldirectord",
                "ipvsadm -e -t 192.0.2.100:80 -r 192.0.2.12:80 -g -w 0");
    }

    @Test
    void firesWhenTheVipIsMissingToo() {
        List<Finding> findings = SampleCaptures.findingsOf("vip-missing-rs2.pcap", "DeadRealServer");
        assertThat(findings).extracting(f -> f.culprit().macText()).containsExactly("02:00:00:00:00:12");
        assertThat(findings.get(0).message()).contains("6 SYNs unanswered");
    }

    @Test
    void saysWhenTheKeepalivedConfigHasNoHealthCheck() {
        List<Finding> findings = SampleCaptures.findingsOf("port-closed-rs2.pcap", "DeadRealServer",
                SampleCaptures.config("no-health-check.keepalived.conf"));
        assertThat(findings.get(0).message()).contains("has no health check (TCP_CHECK, HTTP_GET, ...) for"
                + " real_server 192.0.2.12 80 (line 10)");
    }

    @Test
    void saysIpvsadmChecksNothingItself() {
        List<Finding> findings = SampleCaptures.findingsOf("port-closed-rs2.pcap", "DeadRealServer",
                SampleCaptures.config("healthy.ipvsadm"));
        assertThat(findings.get(0).message()).contains("ipvsadm checks nothing itself");
    }
}

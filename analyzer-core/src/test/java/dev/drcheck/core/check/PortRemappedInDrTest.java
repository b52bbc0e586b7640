package dev.drcheck.core.check;

import dev.drcheck.core.topology.TopologyOverrides;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PortRemappedInDrTest extends LabCaptureCheckTest {
    @Override Check check() { return new PortRemappedInDr(); }
    @Override String capture() { return "port-closed-rs2.pcap"; }
    @Override TopologyOverrides overrides() { return SampleCaptures.config("port-remap.ipvsadm"); }
    @Override TopologyOverrides healthyOverrides() { return SampleCaptures.config("healthy.ipvsadm"); }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:12"); }
    @Override String messageExcerpt() {
        return "maps port 80 to real server 02:00:00:00:00:12 (192.0.2.12) port 8080 with direct routing, which"
                + " cannot change ports: the real server receives the frames on port 80 (6 flows, 6 of them"
                + " refused with RST)";
    }
    @Override long firstEvidenceFrame() { return 67; }

    @Test
    void fixGivesTheRealServerTheServicePort() {
        assertThat(findings().get(0).fix()).contains("ipvsadm -e -t 192.0.2.100:80 -r 192.0.2.12:80 -g -w 1");
    }

    @Test
    void aConfigurationWithTheSamePortsIsSilent() {
        assertThat(SampleCaptures.findingsOf("port-closed-rs2.pcap", "PortRemappedInDr",
                SampleCaptures.config("healthy.ipvsadm"))).isEmpty();
    }
}

package dev.drcheck.core.check;

import dev.drcheck.core.topology.TopologyOverrides;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConfiguredRealServerIdleTest extends LabCaptureCheckTest {
    @Override Check check() { return new ConfiguredRealServerIdle(); }
    @Override String capture() { return "healthy.pcap"; }
    @Override TopologyOverrides overrides() { return SampleCaptures.config("rs3-idle.ipvsadm"); }
    @Override TopologyOverrides healthyOverrides() { return SampleCaptures.config("healthy.ipvsadm"); }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:02"); }
    @Override String messageExcerpt() {
        return "sends none of the 12 flows to VIP 192.0.2.100:80 to configured real server 192.0.2.13:80 (weight 1";
    }
    @Override long firstEvidenceFrame() { return 4; }

    @Test
    void namesTheOthersShareAndAddsItBackInTheFix() {
        assertThat(findings().get(0).message()).contains("02:00:00:00:00:11 (192.0.2.11) got 6",
                "02:00:00:00:00:12 (192.0.2.12) got 6", "the capture shows no MAC for 192.0.2.13");
        assertThat(findings().get(0).fix()).contains("ipvsadm -a -t 192.0.2.100:80 -r 192.0.2.13:80 -g -w 1");
        assertThat(findings().get(0).count()).isEqualTo(12);
    }

    @Test
    void theMatchingKeepalivedConfigIsSilentToo() {
        assertThat(SampleCaptures.findingsOf("healthy.pcap", "ConfiguredRealServerIdle",
                SampleCaptures.config("healthy.keepalived.conf"))).isEmpty();
    }

    @Test
    void aRealServerPortCaptureDoesNotShowTheDirectorsChoices() {
        assertThat(SampleCaptures.analyze("healthy-rs1-port.pcap", overrides()).notObserved())
                .anyMatch(line -> line.contains("does not show the director forwarding"));
    }
}

package dev.drcheck.core.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VrrpSplitBrainTest extends LabCaptureCheckTest {
    @Override Check check() { return new VrrpSplitBrain(); }
    @Override String capture() { return "vrrp-split-brain.pcap"; }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:03"); }
    @Override String messageExcerpt() {
        return "VRRP split brain on VRID 51 for 192.0.2.100: 02:00:00:00:00:02 (192.0.2.2) (priority 150) and"
                + " 02:00:00:00:00:03 (192.0.2.3) (priority 100) both advertise as master at the same time";
    }
    @Override long firstEvidenceFrame() { return 5; }

    @Test
    void namesBothDirectorsAndTheCommandsToConfirmTheCause() {
        String fix = findingFor("02:00:00:00:00:03").fix();

        assertThat(fix).contains("192.0.2.2 and 192.0.2.3", "nft list ruleset", "tcpdump -ni eth0 vrrp",
                "unicast_peer", "auth_pass");
    }

    @Test
    void isTheOnlyFindingOfTheSplitBrain() {
        assertThat(SampleCaptures.findingsOf(capture(), "VipFlapping")).isEmpty();
        assertThat(SampleCaptures.findingsOf(capture(), "RsAnswersArpForVip")).isEmpty();
        assertThat(SampleCaptures.findingsOf(capture(), "VrrpFailover")).isEmpty();
        assertThat(SampleCaptures.findingsOf(capture(), "VipHeldByVrrpBackup")).isEmpty();
    }

    @Test
    void aCleanFailoverIsNoSplitBrain() {
        assertThat(SampleCaptures.findingsOf("vrrp-failover.pcap", "VrrpSplitBrain")).isEmpty();
        assertThat(SampleCaptures.findingsOf("vrrp-vrid-clash.pcap", "VrrpSplitBrain")).isEmpty();
    }
}

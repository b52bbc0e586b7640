package dev.drcheck.core.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VipHeldByVrrpBackupTest extends LabCaptureCheckTest {
    @Override Check check() { return new VipHeldByVrrpBackup(); }
    @Override String capture() { return "vrrp-backup-vip.pcap"; }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:03"); }
    @Override String messageExcerpt() {
        return "host 02:00:00:00:00:03 answers ARP for 192.0.2.100, which VRID 51 gives to its master"
                + " 02:00:00:00:00:02 (192.0.2.2), but never advertised it as VRRP master";
    }
    @Override long firstEvidenceFrame() { return 6; }

    @Test
    void isNotAlsoReportedAsARealServerAnsweringArp() {
        assertThat(SampleCaptures.findingsOf(capture(), "RsAnswersArpForVip")).isEmpty();
    }

    @Test
    void aMasterAnsweringArpIsNotNamed() {
        assertThat(SampleCaptures.findingsOf("vrrp-failover.pcap", "VipHeldByVrrpBackup")).isEmpty();
        assertThat(SampleCaptures.findingsOf("vrrp-split-brain.pcap", "VipHeldByVrrpBackup")).isEmpty();
    }
}

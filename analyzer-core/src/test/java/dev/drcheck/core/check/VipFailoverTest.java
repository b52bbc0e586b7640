package dev.drcheck.core.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VipFailoverTest extends LabCaptureCheckTest {
    @Override Check check() { return new VipFailover(); }
    @Override String capture() { return "director-failover.pcap"; }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:03"); }
    @Override String messageExcerpt() {
        return "VIP 192.0.2.100 moved from director 02:00:00:00:00:02 to 02:00:00:00:00:03, announced by"
                + " gratuitous ARP";
    }
    @Override long firstEvidenceFrame() { return 99; }

    @Test
    void isOnlyInformation() {
        assertThat(findings()).allSatisfy(f -> assertThat(f.severity().id()).isEqualTo("info"));
    }

    @Test
    void repeatedTakeoversAreFlappingNotAFailover() {
        assertThat(SampleCaptures.findingsOf("director-flapping.pcap", "VipFailover")).isEmpty();
    }

    @Test
    void leavesAVipThatVrrpAdvertisesToVrrpFailover() {
        assertThat(SampleCaptures.findingsOf("vrrp-failover.pcap", "VipFailover")).isEmpty();
    }

    @Test
    void aRealServerAnsweringArpIsNotAFailover() {
        assertThat(SampleCaptures.findingsOf("arp-ignore-rs1.pcap", "VipFailover")).isEmpty();
        assertThat(SampleCaptures.findingsOf("arp-ignore-rs1-wins.pcap", "VipFailover")).isEmpty();
    }
}

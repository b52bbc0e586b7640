package dev.drcheck.core.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RsAnnouncesVipTest extends LabCaptureCheckTest {
    @Override Check check() { return new RsAnnouncesVip(); }
    @Override String capture() { return "arp-announce-rs1.pcap"; }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:11"); }
    @Override String messageExcerpt() { return "sends ARP requests from VIP 192.0.2.100"; }
    @Override long firstEvidenceFrame() { return 5; }

    @Test
    void theConsequenceIsReportedAsABypassOfTheDirector() {
        assertThat(SampleCaptures.findingsOf("arp-announce-rs1.pcap", "DirectorBypassed"))
                .singleElement()
                .satisfies(f -> assertThat(f.culprit().macText()).isEqualTo("02:00:00:00:00:11"));
    }

    @Test
    void anArpRequestFromTheRipIsNotAnAnnouncement() {
        assertThat(SampleCaptures.findingsOf("reply-from-rip.pcap", "RsAnnouncesVip")).isEmpty();
    }
}

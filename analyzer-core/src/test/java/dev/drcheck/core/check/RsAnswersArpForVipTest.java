package dev.drcheck.core.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RsAnswersArpForVipTest extends LabCaptureCheckTest {
    @Override Check check() { return new RsAnswersArpForVip(); }
    @Override String capture() { return "arp-ignore-rs1.pcap"; }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:11"); }
    @Override String messageExcerpt() { return "answers ARP for VIP 192.0.2.100"; }
    @Override long firstEvidenceFrame() { return 3; }

    @Test
    void firesAlsoWhenTheRealServerWinsTheArpRace() {
        var findings = SampleCaptures.findingsOf("arp-ignore-rs1-wins.pcap", "RsAnswersArpForVip");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.culprit().macText()).isEqualTo("02:00:00:00:00:11");
            assertThat(f.evidence().get(0).frame()).isEqualTo(2);
        });
    }

    @Test
    void fixGivesTheSysctlLines() {
        assertThat(findingFor("02:00:00:00:00:11").fix())
                .contains("net.ipv4.conf.all.arp_ignore = 1").contains("net.ipv4.conf.all.arp_announce = 2");
    }
}

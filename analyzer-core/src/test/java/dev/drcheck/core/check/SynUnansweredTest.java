package dev.drcheck.core.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SynUnansweredTest extends LabCaptureCheckTest {
    @Override Check check() { return new SynUnanswered(); }
    @Override String capture() { return "vip-missing-rs2.pcap"; }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:12"); }
    @Override String messageExcerpt() {
        return "never answers SYNs forwarded to it for VIP 192.0.2.100:80: 6 of 6 flows";
    }
    @Override long firstEvidenceFrame() { return 71; }

    @Test
    void suggestsAddingTheVipOnLo() {
        assertThat(findingFor("02:00:00:00:00:12").fix()).contains("ip addr add 192.0.2.100/32 dev lo");
    }

    @Test
    void aRefusedConnectionIsNotAnUnansweredOne() {
        assertThat(SampleCaptures.findingsOf("port-closed-rs2.pcap", "SynUnanswered")).isEmpty();
    }
}

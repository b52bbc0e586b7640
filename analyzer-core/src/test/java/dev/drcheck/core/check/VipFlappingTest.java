package dev.drcheck.core.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VipFlappingTest extends LabCaptureCheckTest {
    @Override Check check() { return new VipFlapping(); }
    @Override String capture() { return "director-flapping.pcap"; }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:03"); }
    @Override String messageExcerpt() {
        return "moves back and forth between directors 02:00:00:00:00:02 and 02:00:00:00:00:03: 5 takeovers";
    }
    @Override long firstEvidenceFrame() { return 3; }

    @Test
    void citesEachTakeoverFrame() {
        assertThat(findingFor("02:00:00:00:00:03").evidence()).extracting(e -> e.frame())
                .containsExactly(3L, 72L, 110L, 142L, 178L);
    }

    @Test
    void leavesTheArpSideOfAVrrpSplitBrainToVrrpSplitBrain() {
        assertThat(SampleCaptures.findingsOf("vrrp-split-brain.pcap", "VrrpSplitBrain")).hasSize(1);
        assertThat(SampleCaptures.findingsOf("vrrp-split-brain.pcap", "VipFlapping")).isEmpty();
    }

    @Test
    void oneFailoverIsNotFlapping() {
        assertThat(SampleCaptures.findingsOf("director-failover.pcap", "VipFlapping")).isEmpty();
    }
}

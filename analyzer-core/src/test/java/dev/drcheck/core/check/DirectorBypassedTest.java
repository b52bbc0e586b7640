package dev.drcheck.core.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DirectorBypassedTest extends LabCaptureCheckTest {
    @Override Check check() { return new DirectorBypassed(); }
    @Override String capture() { return "arp-ignore-rs1-wins.pcap"; }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:11"); }
    @Override String messageExcerpt() { return "bypassing the director: 12 flows, first from 192.0.2.10"; }
    @Override long firstEvidenceFrame() { return 4; }

    @Test
    void silentWhenTheDirectorWinsTheArpRace() {
        assertThat(SampleCaptures.findingsOf("arp-ignore-rs1.pcap", "DirectorBypassed")).isEmpty();
    }
}

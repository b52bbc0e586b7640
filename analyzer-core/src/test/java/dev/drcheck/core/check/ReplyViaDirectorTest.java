package dev.drcheck.core.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyViaDirectorTest extends LabCaptureCheckTest {
    @Override Check check() { return new ReplyViaDirector(); }
    @Override String capture() { return "reply-via-director.pcap"; }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:11", "02:00:00:00:00:12"); }
    @Override String messageExcerpt() { return "to the director 02:00:00:00:00:02"; }
    @Override long firstEvidenceFrame() { return 7; }

    @Test
    void countsTheFlowsOfEachServerAndSaysTheDirectorRelays() {
        assertThat(findings()).allSatisfy(f -> {
            assertThat(f.count()).isEqualTo(6);
            assertThat(f.message()).contains("the director relays them");
        });
    }

    @Test
    void natModeRepliesThroughTheDirectorAreLeftToTheNatFinding() {
        assertThat(SampleCaptures.findingsOf("nat-mode.pcap", "ReplyViaDirector")).isEmpty();
    }

    @Test
    void saysWhenTheDirectorDropsTheReplies() {
        var findings = SampleCaptures.findingsOf("reply-via-director-dropped.pcap", "ReplyViaDirector");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.culprit().macText()).isEqualTo("02:00:00:00:00:11");
            assertThat(f.message()).contains("the director does not pass them on");
            assertThat(f.evidence().get(0).frame()).isEqualTo(7);
            assertThat(f.count()).isEqualTo(6);
        });
    }
}

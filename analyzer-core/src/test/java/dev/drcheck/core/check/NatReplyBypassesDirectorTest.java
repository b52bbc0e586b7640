package dev.drcheck.core.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NatReplyBypassesDirectorTest extends LabCaptureCheckTest {
    @Override Check check() { return new NatReplyBypassesDirector(); }
    @Override String capture() { return "nat-no-return.pcap"; }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:11", "02:00:00:00:00:12"); }
    @Override String messageExcerpt() { return "from 192.0.2.11 straight to the client instead of back through"; }
    @Override long firstEvidenceFrame() { return 9; }

    @Test
    void natWithTheReturnPathThroughTheDirectorIsLeftToTheNatFinding() {
        assertThat(SampleCaptures.findingsOf("nat-mode.pcap", "NatReplyBypassesDirector")).isEmpty();
    }

    @Test
    void fixOffersBothTheNatRouteAndDirectRouting() {
        assertThat(findingFor("02:00:00:00:00:11").fix()).contains("ip route replace default via DIP")
                .contains("-g").contains("ip addr add 192.0.2.100/32 dev lo");
    }
}

package dev.drcheck.core.check;

import dev.drcheck.core.frame.Evidence;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VrrpFailoverTest extends LabCaptureCheckTest {
    @Override Check check() { return new VrrpFailover(); }
    @Override String capture() { return "vrrp-failover.pcap"; }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:03"); }
    @Override String messageExcerpt() {
        return "VRID 51 (192.0.2.100) moved from master 02:00:00:00:00:02 (192.0.2.2) to 02:00:00:00:00:03"
                + " (192.0.2.3), after a priority-0 (resign) advert, announced by gratuitous ARP: a failover";
    }
    @Override long firstEvidenceFrame() { return 106; }

    @Test
    void citesTheResignTheNewMastersFirstAdvertAndItsGratuitousArp() {
        assertThat(findingFor("02:00:00:00:00:03").evidence()).extracting(Evidence::frame)
                .containsExactly(106L, 109L, 110L);
    }

    @Test
    void isTheOnlyFindingOfACleanFailover() {
        assertThat(SampleCaptures.analyze(capture()).findings()).extracting(f -> f.checkId())
                .containsExactly("VrrpFailover");
    }
}

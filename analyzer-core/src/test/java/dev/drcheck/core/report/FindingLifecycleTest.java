package dev.drcheck.core.report;

import dev.drcheck.core.finding.Finding;
import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.frame.Evidence;
import dev.drcheck.core.topology.DrTopology;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FindingLifecycleTest {
    private static final long MINUTE = 60_000_000_000L;
    private static final long RS1 = 0x020000000011L;
    private final FindingLifecycle lifecycle = new FindingLifecycle(5 * MINUTE);

    @Test
    void aFindingIsRaisedOnceAndStandsWhileItsCountGrows() {
        assertThat(describe(lifecycle.update(report(arp(1)), 0))).containsExactly("RAISED RsAnswersArpForVip 1");
        assertThat(lifecycle.update(report(arp(3)), MINUTE)).isEmpty();
        assertThat(lifecycle.update(report(arp(4)), 5 * MINUTE)).isEmpty();
        assertThat(lifecycle.active()).extracting(Finding::count).containsExactly(4L);
    }

    @Test
    void aFindingIsClearedAfterTheQuietPeriodAndRaisedAgainWithItsOwnCount() {
        lifecycle.update(report(arp(2)), 0);
        assertThat(lifecycle.update(report(arp(2)), 5 * MINUTE - 1)).isEmpty();

        assertThat(describe(lifecycle.update(report(arp(2)), 5 * MINUTE))).containsExactly(
                "CLEARED RsAnswersArpForVip 2");
        assertThat(lifecycle.active()).isEmpty();
        assertThat(lifecycle.update(report(arp(2)), 20 * MINUTE)).isEmpty();

        assertThat(describe(lifecycle.update(report(arp(5)), 21 * MINUTE))).containsExactly(
                "RAISED RsAnswersArpForVip 3");
        assertThat(describe(lifecycle.update(report(arp(5)), 26 * MINUTE))).containsExactly(
                "CLEARED RsAnswersArpForVip 3");
    }

    private static List<String> describe(List<FindingLifecycle.Transition> transitions) {
        return transitions.stream()
                .map(t -> t.kind() + " " + t.finding().checkId() + " " + t.episodeCount())
                .toList();
    }

    private static Finding arp(long count) {
        return new Finding("RsAnswersArpForVip", Severity.ERROR, Host.macOnly(RS1), "answers ARP for the VIP",
                List.of(new Evidence(3, 1_000L)), count, "arp_ignore=1");
    }

    private static Report report(Finding... findings) {
        CaptureStats stats = new CaptureStats("v1", 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, Map.of(), Optional.empty());
        return new Report(DrTopology.empty(), List.of(findings), List.of(), List.of(), stats);
    }
}

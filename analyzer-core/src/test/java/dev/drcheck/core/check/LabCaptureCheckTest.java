package dev.drcheck.core.check;

import dev.drcheck.core.finding.Finding;
import dev.drcheck.core.frame.Evidence;
import dev.drcheck.core.net.Mac;
import dev.drcheck.core.topology.TopologyOverrides;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every check test keeps: on the lab capture of its misconfiguration the check names exactly the
 * culprit hosts, citing real frames and giving a fix; on every healthy capture it is silent.
 */
abstract class LabCaptureCheckTest {

    /** The check under test. */
    abstract Check check();

    /** The lab capture that shows the misconfiguration. */
    abstract String capture();

    /** MACs of the hosts the findings must name, in any order. */
    abstract List<String> culpritMacs();

    /** Text the first culprit's finding must contain. */
    abstract String messageExcerpt();

    /** The first evidence frame of the first culprit's finding, as {@code tcpdump -r | nl} numbers it. */
    abstract long firstEvidenceFrame();

    /** What the capture is analysed with, such as the cluster configuration the check compares it with. */
    TopologyOverrides overrides() {
        return TopologyOverrides.none();
    }

    /** What the healthy captures are analysed with: for a configuration check, a configuration that matches. */
    TopologyOverrides healthyOverrides() {
        return TopologyOverrides.none();
    }

    /** The findings of this check on its capture. */
    List<Finding> findings() {
        return SampleCaptures.findingsOf(capture(), check().info().id(), overrides());
    }

    /** The finding naming {@code mac}. */
    Finding findingFor(String mac) {
        return findings().stream().filter(f -> f.culprit().mac() == Mac.parse(mac)).findFirst().orElseThrow();
    }

    static List<String> healthyCaptures() {
        return SampleCaptures.HEALTHY;
    }

    @Test
    void namesExactlyTheCulpritsOnItsLabCapture() {
        List<Finding> findings = findings();

        assertThat(findings).extracting(f -> f.culprit().macText())
                .containsExactlyInAnyOrderElementsOf(culpritMacs());
        for (Finding finding : findings) {
            assertThat(finding.severity()).isEqualTo(check().info().severity());
            assertThat(finding.message()).contains(finding.culprit().macText());
            assertThat(finding.evidence()).isNotEmpty().extracting(Evidence::frame).allMatch(frame -> frame > 0);
            assertThat(finding.count()).isGreaterThanOrEqualTo(finding.evidence().size());
            assertThat(finding.fix()).isNotBlank();
        }
        Finding first = findingFor(culpritMacs().get(0));
        assertThat(first.message()).contains(messageExcerpt());
        assertThat(first.evidence().get(0).frame()).isEqualTo(firstEvidenceFrame());
    }

    @ParameterizedTest
    @MethodSource("healthyCaptures")
    void staysSilentOnHealthyCaptures(String capture) {
        assertThat(SampleCaptures.findingsOf(capture, check().info().id(), healthyOverrides())).isEmpty();
    }
}

package dev.drcheck.core.check;

import dev.drcheck.core.topology.TopologyOverrides;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WeightImbalanceTest extends LabCaptureCheckTest {
    @Override Check check() { return new WeightImbalance(); }
    @Override String capture() { return "healthy.pcap"; }
    @Override TopologyOverrides overrides() { return SampleCaptures.config("weights-9-1.ipvsadm"); }
    @Override TopologyOverrides healthyOverrides() { return SampleCaptures.config("healthy.ipvsadm"); }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:11"); }
    @Override String messageExcerpt() {
        return "02:00:00:00:00:11 (192.0.2.11) got 6 of 12 flows (50%), configured 90% (weight 9 of 10)";
    }
    @Override long firstEvidenceFrame() { return 4; }

    @Test
    void statesTheOtherServersNumbersAndThePValue() {
        assertThat(findings().get(0).message()).contains(
                "02:00:00:00:00:12 (192.0.2.12) got 6 of 12 flows (50%), configured 10% (weight 1 of 10)",
                "binomial test p = 0.0011");
        assertThat(findings().get(0).fix()).contains("ipvsadm -e -t 192.0.2.100:80 -r 192.0.2.11:80 -g -w 9");
    }

    @Test
    void threeToOneOnTwelveFlowsIsNotEnoughEvidence() {
        // 6 of 12 where 9 were expected: p = 0.086 two-sided (0.17 after Bonferroni), not below 0.01.
        assertThat(WeightImbalance.Binomial.twoSidedPValue(12, 6, 0.75)).isCloseTo(0.0861, within(0.001));
    }

    @Test
    void binomialPValuesAreExact() {
        assertThat(WeightImbalance.Binomial.twoSidedPValue(12, 6, 0.5)).isCloseTo(1.0, within(1e-9));
        assertThat(WeightImbalance.Binomial.twoSidedPValue(12, 6, 0.1)).isCloseTo(5.5e-4, within(0.5e-4));
        assertThat(WeightImbalance.Binomial.twoSidedPValue(10_000, 5_000, 0.5)).isCloseTo(1.0, within(1e-6));
        assertThat(WeightImbalance.Binomial.twoSidedPValue(10_000, 4_000, 0.5)).isLessThan(1e-50);
    }

    @Test
    void persistentServicesAreNotJudged() {
        assertThat(SampleCaptures.findingsOf("healthy.pcap", "WeightImbalance",
                SampleCaptures.config("persistent.ipvsadm"))).isEmpty();
    }
}

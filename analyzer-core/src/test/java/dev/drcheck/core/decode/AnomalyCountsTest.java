package dev.drcheck.core.decode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class AnomalyCountsTest {
    private final AnomalyCounts counts = new AnomalyCounts();

    @Test
    void startsEmpty() {
        assertThat(counts.total()).isZero();
        assertThat(counts.count(DecodeAnomaly.TRUNCATED_TCP)).isZero();
        assertThat(counts.firstFrame(DecodeAnomaly.TRUNCATED_TCP)).isZero();
        assertThat(counts.asMap()).isEmpty();
    }

    @Test
    void countsEachAnomalySeparately() {
        counts.record(DecodeAnomaly.TRUNCATED_TCP, 3);
        counts.record(DecodeAnomaly.TRUNCATED_TCP, 9);
        counts.record(DecodeAnomaly.BAD_IPV4_VERSION, 5);

        assertThat(counts.count(DecodeAnomaly.TRUNCATED_TCP)).isEqualTo(2);
        assertThat(counts.count(DecodeAnomaly.BAD_IPV4_VERSION)).isEqualTo(1);
        assertThat(counts.count(DecodeAnomaly.TRUNCATED_UDP)).isZero();
        assertThat(counts.total()).isEqualTo(3);
    }

    @Test
    void keepsTheFirstFrameOfEachAnomaly() {
        counts.record(DecodeAnomaly.TRUNCATED_ARP, 17);
        counts.record(DecodeAnomaly.TRUNCATED_ARP, 4);
        counts.record(DecodeAnomaly.UNSUPPORTED_LINK_TYPE, 1);

        assertThat(counts.firstFrame(DecodeAnomaly.TRUNCATED_ARP)).isEqualTo(17);
        assertThat(counts.firstFrame(DecodeAnomaly.UNSUPPORTED_LINK_TYPE)).isEqualTo(1);
    }

    @Test
    void mapsOnlyNonZeroCountsInDeclarationOrder() {
        counts.record(DecodeAnomaly.TRUNCATED_ICMP, 8);
        counts.record(DecodeAnomaly.TRUNCATED_ETHERNET, 2);
        counts.record(DecodeAnomaly.TRUNCATED_ETHERNET, 6);

        assertThat(counts.asMap()).containsExactly(
                entry(DecodeAnomaly.TRUNCATED_ETHERNET, 2L), entry(DecodeAnomaly.TRUNCATED_ICMP, 1L));
    }

    @Test
    void returnsAnIndependentMap() {
        counts.record(DecodeAnomaly.TRUNCATED_UDP, 1);
        var snapshot = counts.asMap();

        counts.record(DecodeAnomaly.TRUNCATED_UDP, 2);

        assertThat(snapshot).containsExactly(entry(DecodeAnomaly.TRUNCATED_UDP, 1L));
    }
}

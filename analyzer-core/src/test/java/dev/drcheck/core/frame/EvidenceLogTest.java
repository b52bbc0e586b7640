package dev.drcheck.core.frame;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvidenceLogTest {

    @Test
    void keepsTheEarliestFramesWhateverOrderTheyAreRecordedIn() {
        EvidenceLog log = new EvidenceLog();
        for (long frame : new long[] {90, 10, 70, 30, 50, 20, 80, 40, 60}) {
            log.record(frame, frame * 1_000);
        }

        assertThat(log.count()).isEqualTo(9);
        assertThat(log.evidence()).extracting(Evidence::frame).containsExactly(10L, 20L, 30L, 40L, 50L);
        assertThat(log.firstFrame()).isEqualTo(10);
    }

    @Test
    void mergeKeepsTheEarliestOfAllAndSumsCounts() {
        EvidenceLog a = new EvidenceLog();
        EvidenceLog b = new EvidenceLog();
        for (long frame = 1; frame <= 9; frame += 2) {
            a.record(frame, frame);
        }
        b.record(2, 2);
        b.record(4, 4);

        EvidenceLog merged = EvidenceLog.merge(List.of(a, b));

        assertThat(merged.count()).isEqualTo(7);
        assertThat(merged.evidence()).extracting(Evidence::frame).containsExactly(1L, 2L, 3L, 4L, 5L);
    }
}

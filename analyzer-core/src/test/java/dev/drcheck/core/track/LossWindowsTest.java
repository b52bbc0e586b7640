package dev.drcheck.core.track;

import dev.drcheck.core.capture.CaptureLoss;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LossWindowsTest {
    private final LossWindows windows = new LossWindows();

    @Test
    void noLossOverlapsNothing() {
        assertThat(windows.any()).isFalse();
        assertThat(windows.overlaps(Long.MIN_VALUE, Long.MAX_VALUE)).isFalse();
    }

    @Test
    void aPeriodOverlapsWhatTouchesItAndNothingElse() {
        windows.add(new CaptureLoss(100, 200, 5, 1));

        assertThat(windows.overlaps(0, 99)).isFalse();
        assertThat(windows.overlaps(0, 100)).isTrue();
        assertThat(windows.overlaps(150, 160)).isTrue();
        assertThat(windows.overlaps(200, 300)).isTrue();
        assertThat(windows.overlaps(201, 300)).isFalse();
        assertThat(windows.droppedByKernel()).isEqualTo(5);
        assertThat(windows.droppedByInterface()).isEqualTo(1);
    }

    @Test
    void touchingPeriodsMergeAndGapsBetweenPeriodsStayClean() {
        windows.add(new CaptureLoss(300, 400, 1, 0));
        windows.add(new CaptureLoss(100, 200, 1, 0));
        windows.add(new CaptureLoss(350, 500, 1, 0));

        assertThat(windows.windows()).isEqualTo(2);
        assertThat(windows.overlaps(201, 299)).isFalse();
        assertThat(windows.overlaps(450, 460)).isTrue();
        assertThat(windows.droppedByKernel()).isEqualTo(3);
    }

    @Test
    void aFullTableMergesTheOldestPeriodsAndStillCoversThem() {
        for (int i = 0; i <= LossWindows.MAX_WINDOWS; i++) {
            windows.add(new CaptureLoss(i * 10L, i * 10L + 1, 1, 0));
        }

        assertThat(windows.windows()).isEqualTo(LossWindows.MAX_WINDOWS);
        assertThat(windows.overlaps(0, 0)).isTrue();
        assertThat(windows.overlaps(10, 10)).isTrue();
        assertThat(windows.overlaps(5, 5)).as("merged: coarser, never smaller").isTrue();
        assertThat(windows.overlaps(LossWindows.MAX_WINDOWS * 10L - 5, LossWindows.MAX_WINDOWS * 10L - 5)).isFalse();
    }
}

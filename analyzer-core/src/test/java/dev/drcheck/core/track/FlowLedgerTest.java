package dev.drcheck.core.track;

import dev.drcheck.core.capture.CaptureLoss;
import dev.drcheck.core.decode.DecodedFrame;
import dev.drcheck.core.decode.Layer;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.net.Mac;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FlowLedgerTest {
    private static final long SECOND = 1_000_000_000L;
    private final LossWindows losses = new LossWindows();
    private final FlowLedger ledger = new FlowLedger(losses);
    private final FlowTracker tracker = new FlowTracker(ledger);

    @Test
    void aFlowOpenDuringALossIsLeftOutAndTheOthersAreSummed() {
        losses.add(new CaptureLoss(10 * SECOND, 11 * SECOND, 7, 0));
        tracker.onTcp(syn(40000, 5 * SECOND), null);
        tracker.onTcp(syn(40001, 10 * SECOND + SECOND / 2), null);
        tracker.onTcp(syn(40002, 20 * SECOND), null);
        tracker.finish();

        assertThat(ledger.leftOutForLoss()).isEqualTo(1);
        assertThat(summed()).isEqualTo(2);
    }

    @Test
    void aFlowEndingJustBeforeALossIsExposedThroughItsTail() {
        losses.add(new CaptureLoss(5 * SECOND + FlowLedger.EXPOSURE_TAIL_NANOS - 1, 6 * SECOND, 1, 0));
        tracker.onTcp(syn(40000, 5 * SECOND), null);
        tracker.finish();

        assertThat(ledger.leftOutForLoss()).isEqualTo(1);
    }

    @Test
    void aLossReportedAfterTheFlowsItCoversLeavesEverySummedFlowOut() {
        tracker.onTcp(syn(40000, SECOND), null);
        tracker.onTcp(syn(40001, 2 * SECOND), null);
        tracker.finish();

        ledger.leaveOutFlowsSummedBefore(0);

        assertThat(summed()).isZero();
        assertThat(ledger.leftOutForLoss()).isEqualTo(2);
    }

    @Test
    void aLossAfterEverySummedFlowLeavesThemIn() {
        tracker.onTcp(syn(40000, SECOND), null);
        tracker.finish();

        ledger.leaveOutFlowsSummedBefore(60 * SECOND);

        assertThat(summed()).isEqualTo(1);
        assertThat(ledger.leftOutForLoss()).isZero();
    }

    private long summed() {
        return ledger.shapes().stream().mapToLong(p -> p.flows().count()).sum();
    }

    private static DecodedFrame syn(int port, long time) {
        DecodedFrame f = new DecodedFrame();
        f.frameNumber = port;
        f.timestampNanos = time;
        f.layer = Layer.TCP;
        f.srcMac = Mac.parse("02:00:00:00:00:10");
        f.dstMac = Mac.parse("02:00:00:00:00:02");
        f.ipSrc = Ipv4.parse("192.0.2.10");
        f.ipDst = Ipv4.parse("192.0.2.100");
        f.ipProtocol = 6;
        f.srcPort = port;
        f.dstPort = 80;
        f.tcpFlags = DecodedFrame.SYN;
        f.tcpSeq = 1000;
        return f;
    }
}

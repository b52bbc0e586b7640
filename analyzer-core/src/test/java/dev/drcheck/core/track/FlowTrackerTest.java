package dev.drcheck.core.track;

import dev.drcheck.core.decode.DecodedFrame;
import dev.drcheck.core.decode.Layer;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.net.Mac;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FlowTrackerTest {
    private static final int CLIENT = Ipv4.parse("192.0.2.10");
    private static final int VIP = Ipv4.parse("192.0.2.100");
    private static final long CLIENT_MAC = Mac.parse("02:00:00:00:00:10");
    private static final long DIRECTOR_MAC = Mac.parse("02:00:00:00:00:02");

    private final List<String> ended = new ArrayList<>();
    private final FlowTracker tracker = new FlowTracker(flow -> ended.add(
            "syns=" + flow.synTransmissions() + " first=" + flow.firstSynFrame()
                    + " unanswered=" + flow.synUnanswered()));
    private long frameNumber;

    @Test
    void aRetransmittedSynIsCountedOnTheSameFlow() {
        tracker.onTcp(syn(1000, 0), null);
        tracker.onTcp(syn(1000, 1_000_000_000L), null);
        tracker.finish();

        assertThat(ended).containsExactly("syns=2 first=1 unanswered=true");
    }

    @Test
    void aSynWithANewSequenceNumberOnTheSameTupleStartsANewFlow() {
        tracker.onTcp(syn(1000, 0), null);
        tracker.onTcp(syn(5000, 3_000_000_000L), null);
        tracker.finish();

        assertThat(ended).containsExactly("syns=1 first=1 unanswered=false", "syns=1 first=2 unanswered=false");
        assertThat(tracker.flowsOpened()).isEqualTo(2);
    }

    @Test
    void aFullTableEvictsTheOldestFlowInsteadOfScanning() {
        List<Long> retiredFirstSyns = new ArrayList<>();
        FlowTracker full = new FlowTracker(flow -> retiredFirstSyns.add(flow.firstSynFrame()));
        int flows = FlowTracker.MAX_FLOWS + 3;
        for (int i = 0; i < flows; i++) {
            DecodedFrame syn = syn(1000, i);
            syn.ipSrc = CLIENT + (i >>> 16);
            syn.srcPort = i & 0xffff;
            full.onTcp(syn, null);
        }

        assertThat(full.flowsOpened()).isEqualTo(flows);
        assertThat(full.evictedFlows()).isEqualTo(3);
        assertThat(full.liveFlows()).isEqualTo(FlowTracker.MAX_FLOWS);
        assertThat(retiredFirstSyns).containsExactly(1L, 2L, 3L);
    }

    private DecodedFrame syn(long seq, long time) {
        DecodedFrame f = new DecodedFrame();
        f.frameNumber = ++frameNumber;
        f.timestampNanos = time;
        f.layer = Layer.TCP;
        f.srcMac = CLIENT_MAC;
        f.dstMac = DIRECTOR_MAC;
        f.ipSrc = CLIENT;
        f.ipDst = VIP;
        f.ipProtocol = 6;
        f.srcPort = 40005;
        f.dstPort = 80;
        f.tcpFlags = DecodedFrame.SYN;
        f.tcpSeq = seq;
        return f;
    }
}

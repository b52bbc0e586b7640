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

    @Test
    void serverDataRetransmittedAndNeverAcknowledgedStallsTheReplies() {
        List<Boolean> stalled = new ArrayList<>();
        FlowTracker tracker = new FlowTracker(flow -> stalled.add(flow.repliesStalled()));
        handshakeThenData(tracker, 1);
        handshakeThenData(tracker, 1449);
        tracker.finish();

        assertThat(stalled).containsExactly(true, false);
    }

    @Test
    void aServerSegmentAfterASequenceJumpIsAGapInTheCapture() {
        List<Boolean> gaps = new ArrayList<>();
        FlowTracker tracker = new FlowTracker(flow -> gaps.add(flow.captureGap()));
        DecodedFrame contiguous = handshake(tracker, 41000);
        tracker.onTcp(reply(contiguous, 5001, DecodedFrame.ACK, 100), null);
        tracker.onTcp(reply(contiguous, 5101, DecodedFrame.ACK, 100), null);
        DecodedFrame jumped = handshake(tracker, 41001);
        tracker.onTcp(reply(jumped, 5001, DecodedFrame.ACK, 100), null);
        tracker.onTcp(reply(jumped, 5201, DecodedFrame.ACK, 100), null);
        tracker.finish();

        assertThat(gaps).containsExactly(false, true);
    }

    @Test
    void serverDataAcknowledgedButNeverCapturedIsAGapAndAFinIsNot() {
        List<Boolean> gaps = new ArrayList<>();
        FlowTracker tracker = new FlowTracker(flow -> gaps.add(flow.captureGap()));
        for (long ack : new long[] {5102, 5301}) {
            DecodedFrame syn = handshake(tracker, (int) (41000 + ack % 1000));
            tracker.onTcp(reply(syn, 5001, DecodedFrame.ACK | DecodedFrame.FIN, 100), null);
            tracker.onTcp(clientAck(syn, ack), null);
        }
        tracker.finish();

        assertThat(gaps).containsExactly(false, true);
    }

    @Test
    void aHandshakeWhoseSynAckIsMissingWhileServerDataIsCapturedIsAGap() {
        List<Boolean> gaps = new ArrayList<>();
        FlowTracker tracker = new FlowTracker(flow -> gaps.add(flow.captureGap()));
        DecodedFrame syn = syn(1000, 0);
        tracker.onTcp(syn, null);
        tracker.onTcp(clientAck(syn, 5001), null);
        tracker.onTcp(reply(syn, 5001, DecodedFrame.ACK, 100), null);
        tracker.finish();

        assertThat(gaps).containsExactly(true);
    }

    /** SYN, SYN-ACK (ISN 5000) and the client's ACK on client port {@code port}; returns the SYN. */
    private DecodedFrame handshake(FlowTracker tracker, int port) {
        DecodedFrame syn = syn(1000, 0);
        syn.srcPort = port;
        tracker.onTcp(syn, null);
        tracker.onTcp(reply(syn, 5000, DecodedFrame.SYN | DecodedFrame.ACK, 0), null);
        tracker.onTcp(clientAck(syn, 5001), null);
        return syn;
    }

    private DecodedFrame clientAck(DecodedFrame syn, long ack) {
        DecodedFrame f = syn(1001, 2);
        f.srcPort = syn.srcPort;
        f.tcpFlags = DecodedFrame.ACK;
        f.tcpAck = ack;
        return f;
    }

    /** A completed handshake, a 1448-byte reply sent three times, and the client's ACKs up to {@code clientAck}. */
    private void handshakeThenData(FlowTracker tracker, long clientAck) {
        long serverIsn = 5000;
        DecodedFrame syn = syn(1000, 0);
        syn.srcPort = (int) (40000 + clientAck % 1000);
        tracker.onTcp(syn, null);
        tracker.onTcp(reply(syn, serverIsn, DecodedFrame.SYN | DecodedFrame.ACK, 0), null);
        DecodedFrame ack = syn(1001, 2);
        ack.srcPort = syn.srcPort;
        ack.tcpFlags = DecodedFrame.ACK;
        ack.tcpAck = serverIsn + 1;
        tracker.onTcp(ack, null);
        for (int i = 0; i < 3; i++) {
            tracker.onTcp(reply(syn, serverIsn + 1, DecodedFrame.ACK, 1448), null);
        }
        ack.tcpAck = serverIsn + clientAck;
        tracker.onTcp(ack, null);
    }

    private DecodedFrame reply(DecodedFrame syn, long seq, int flags, int payload) {
        DecodedFrame f = syn(seq, 1);
        f.ipSrc = syn.ipDst;
        f.ipDst = syn.ipSrc;
        f.srcPort = syn.dstPort;
        f.dstPort = syn.srcPort;
        f.srcMac = DIRECTOR_MAC;
        f.dstMac = CLIENT_MAC;
        f.tcpFlags = flags;
        f.tcpAck = 1001;
        f.payloadLength = payload;
        return f;
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

package dev.drcheck.core.track;

import dev.drcheck.core.decode.DecodedFrame;
import dev.drcheck.core.decode.Layer;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.net.Mac;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IcmpErrorLedgerTest {
    private static final int CLIENT = Ipv4.parse("198.51.100.10");
    private static final int VIP = Ipv4.parse("192.0.2.100");
    private static final int ROUTER = Ipv4.parse("192.0.2.1");
    private static final long ROUTER_MAC = Mac.parse("02:00:00:00:00:01");
    private static final long DIRECTOR_MAC = Mac.parse("02:00:00:00:00:02");
    private static final long RS1_MAC = Mac.parse("02:00:00:00:00:11");
    private static final long RS2_MAC = Mac.parse("02:00:00:00:00:12");
    private static final long MILLI = 1_000_000L;

    private final FlowTracker flows = new FlowTracker(flow -> { });
    private final IcmpErrorLedger ledger = new IcmpErrorLedger(new LossWindows());
    private long frameNumber;

    @Test
    void anErrorTheDirectorSendsOnIsRelayedToThatMac() {
        openFlowDeliveredTo(RS1_MAC);
        ledger.onIcmp(fragNeeded(ROUTER_MAC, DIRECTOR_MAC, 7, 10 * MILLI), flows);
        ledger.onIcmp(fragNeeded(DIRECTOR_MAC, RS1_MAC, 7, 11 * MILLI), flows);
        ledger.finish();

        assertThat(ledger.shapes()).singleElement().satisfies(shape -> {
            assertThat(shape.relayed()).isTrue();
            assertThat(shape.relayDstMac()).isEqualTo(RS1_MAC);
            assertThat(shape.flowReceiverMac()).isEqualTo(RS1_MAC);
            assertThat(shape.firstHopDstMac()).isEqualTo(DIRECTOR_MAC);
            assertThat(shape.aboutServerPacket()).isTrue();
            assertThat(shape.serverIp()).isEqualTo(VIP);
            assertThat(shape.serverPort()).isEqualTo(80);
            assertThat(shape.firstClientPort()).isEqualTo(40001);
            assertThat(shape.smallestMtu()).isEqualTo(1000);
            assertThat(shape.errors().count()).isEqualTo(1);
            assertThat(shape.errors().firstFrame()).isEqualTo(3);
            assertThat(shape.relays().firstFrame()).isEqualTo(4);
        });
    }

    @Test
    void aRelayedCopySeenBeforeItsOriginalIsStillARelay() {
        openFlowDeliveredTo(RS1_MAC);
        ledger.onIcmp(fragNeeded(DIRECTOR_MAC, RS1_MAC, 7, 10 * MILLI), flows);
        ledger.onIcmp(fragNeeded(ROUTER_MAC, DIRECTOR_MAC, 7, 12 * MILLI), flows);
        ledger.finish();

        assertThat(ledger.shapes()).singleElement().satisfies(shape -> {
            assertThat(shape.senderMac()).isEqualTo(ROUTER_MAC);
            assertThat(shape.firstHopDstMac()).isEqualTo(DIRECTOR_MAC);
            assertThat(shape.relayed()).isTrue();
            assertThat(shape.relayDstMac()).isEqualTo(RS1_MAC);
            assertThat(shape.errors().firstFrame()).isEqualTo(4);
            assertThat(shape.relays().firstFrame()).isEqualTo(3);
        });
    }

    @Test
    void anErrorWithoutARelayedCopyIsNotRelayedAtFinish() {
        openFlowDeliveredTo(RS2_MAC);
        ledger.onIcmp(fragNeeded(ROUTER_MAC, DIRECTOR_MAC, 7, 10 * MILLI), flows);

        assertThat(ledger.shapes()).isEmpty();
        ledger.finish();

        assertThat(ledger.shapes()).singleElement().satisfies(shape -> {
            assertThat(shape.relayed()).isFalse();
            assertThat(shape.flowReceiverMac()).isEqualTo(RS2_MAC);
        });
    }

    @Test
    void aCopyLaterThanTheWindowIsAnotherErrorNotARelay() {
        ledger.onIcmp(fragNeeded(ROUTER_MAC, DIRECTOR_MAC, 7, 0), flows);
        ledger.onIcmp(fragNeeded(DIRECTOR_MAC, RS1_MAC, 7, IcmpErrorLedger.WINDOW_NANOS + 1), flows);
        ledger.finish();

        assertThat(ledger.shapes()).hasSize(2).noneMatch(IcmpErrorShape::relayed);
    }

    @Test
    void theSamePacketSeenAgainWithoutAHopCountsOnce() {
        ledger.onIcmp(fragNeeded(ROUTER_MAC, DIRECTOR_MAC, 7, 0), flows);
        ledger.onIcmp(fragNeeded(ROUTER_MAC, DIRECTOR_MAC, 7, MILLI), flows);
        ledger.finish();

        assertThat(ledger.shapes()).singleElement()
                .satisfies(shape -> assertThat(shape.errors().count()).isEqualTo(1));
    }

    @Test
    void errorsOfOneKindAreSummedWithTheirFlowsCountedOnce() {
        ledger.onIcmp(fragNeeded(ROUTER_MAC, DIRECTOR_MAC, 7, 0), flows);
        ledger.onIcmp(fragNeeded(ROUTER_MAC, DIRECTOR_MAC, 8, MILLI), flows);
        DecodedFrame otherFlow = fragNeeded(ROUTER_MAC, DIRECTOR_MAC, 9, 2 * MILLI);
        otherFlow.icmpQuotedDstPort = 40002;
        ledger.onIcmp(otherFlow, flows);
        ledger.finish();

        assertThat(ledger.shapes()).singleElement().satisfies(shape -> {
            assertThat(shape.errors().count()).isEqualTo(3);
            assertThat(shape.flows()).isEqualTo(2);
        });
    }

    @Test
    void withoutAnOpenFlowTheEndpointWithTheLowerPortIsTheServer() {
        ledger.onIcmp(fragNeeded(ROUTER_MAC, DIRECTOR_MAC, 7, 0), flows);
        ledger.finish();

        assertThat(ledger.shapes()).singleElement().satisfies(shape -> {
            assertThat(shape.flowReceiverMac()).isZero();
            assertThat(shape.serverIp()).isEqualTo(VIP);
            assertThat(shape.firstClientIp()).isEqualTo(CLIENT);
            assertThat(shape.aboutServerPacket()).isTrue();
        });
    }

    @Test
    void aSnapshotDecidesOnlyErrorsOlderThanTheWindowAndLeavesTheLedgerAsItWas() {
        ledger.onIcmp(fragNeeded(ROUTER_MAC, DIRECTOR_MAC, 7, 0), flows);
        DecodedFrame young = fragNeeded(ROUTER_MAC, DIRECTOR_MAC, 8, IcmpErrorLedger.WINDOW_NANOS);
        young.icmpQuotedDstPort = 40002;
        ledger.onIcmp(young, flows);

        IcmpErrorLedger snapshot = ledger.snapshot(IcmpErrorLedger.WINDOW_NANOS + 1);

        assertThat(snapshot.shapes()).singleElement()
                .satisfies(shape -> assertThat(shape.errors().count()).isEqualTo(1));
        assertThat(ledger.shapes()).isEmpty();
        ledger.finish();
        assertThat(ledger.shapes()).singleElement()
                .satisfies(shape -> assertThat(shape.errors().count()).isEqualTo(2));
    }

    @Test
    void aBurstLargerThanTheWaitingTableIsCountedNotLost() {
        int burst = 5000;
        for (int i = 0; i < burst; i++) {
            DecodedFrame error = fragNeeded(ROUTER_MAC, DIRECTOR_MAC, i, i * 10L);
            error.icmpQuotedDstPort = 40000 + (i % 20_000);
            ledger.onIcmp(error, flows);
        }
        ledger.finish();

        assertThat(ledger.shapes()).singleElement()
                .satisfies(shape -> assertThat(shape.errors().count()).isEqualTo(burst));
        assertThat(ledger.decidedEarly()).isPositive().isLessThan(burst);
        assertThat(ledger.overflow()).isZero();
    }

    @Test
    void errorsSpreadOverTimeAreNeverDecidedEarly() {
        for (int i = 0; i < 5000; i++) {
            ledger.onIcmp(fragNeeded(ROUTER_MAC, DIRECTOR_MAC, i, i * IcmpErrorLedger.WINDOW_NANOS), flows);
        }
        ledger.finish();

        assertThat(ledger.decidedEarly()).isZero();
    }

    @Test
    void framesOtherThanIcmpErrorsAboutTcpOrUdpAreIgnored() {
        DecodedFrame echo = fragNeeded(ROUTER_MAC, DIRECTOR_MAC, 7, 0);
        echo.icmpQuoted = false;
        DecodedFrame aboutIcmp = fragNeeded(ROUTER_MAC, DIRECTOR_MAC, 8, 0);
        aboutIcmp.icmpQuotedProtocol = 1;
        ledger.onIcmp(echo, flows);
        ledger.onIcmp(aboutIcmp, flows);
        ledger.finish();

        assertThat(ledger.shapes()).isEmpty();
    }

    /** Opens the flow 198.51.100.10:40001 -> VIP:80, forwarded by the director to {@code rsMac}. */
    private void openFlowDeliveredTo(long rsMac) {
        DecodedFrame syn = new DecodedFrame();
        syn.frameNumber = ++frameNumber;
        syn.layer = Layer.TCP;
        syn.srcMac = ROUTER_MAC;
        syn.dstMac = DIRECTOR_MAC;
        syn.srcMacKnown = true;
        syn.dstMacKnown = true;
        syn.ipSrc = CLIENT;
        syn.ipDst = VIP;
        syn.ipProtocol = 6;
        syn.srcPort = 40001;
        syn.dstPort = 80;
        syn.tcpFlags = DecodedFrame.SYN;
        syn.tcpSeq = 1000;
        flows.onTcp(syn, null);
        LegPair hop = new LegPair();
        hop.relayMac = DIRECTOR_MAC;
        hop.afterDstMac = rsMac;
        hop.beforeDstIp = VIP;
        hop.beforeDstPort = 80;
        hop.afterDstIp = VIP;
        hop.afterDstPort = 80;
        DecodedFrame forwarded = syn;
        forwarded.frameNumber = ++frameNumber;
        forwarded.srcMac = DIRECTOR_MAC;
        forwarded.dstMac = rsMac;
        flows.onTcp(forwarded, hop);
    }

    /** The router's "fragmentation needed" about the reply VIP:80 -> client:40001, as sent from one MAC to another. */
    private DecodedFrame fragNeeded(long srcMac, long dstMac, int ipId, long time) {
        DecodedFrame f = new DecodedFrame();
        f.frameNumber = ++frameNumber;
        f.timestampNanos = time;
        f.layer = Layer.ICMP;
        f.srcMac = srcMac;
        f.dstMac = dstMac;
        f.srcMacKnown = true;
        f.dstMacKnown = true;
        f.ipSrc = ROUTER;
        f.ipDst = VIP;
        f.ipId = ipId;
        f.ipProtocol = 1;
        f.icmpType = 3;
        f.icmpCode = 4;
        f.icmpNextHopMtu = 1000;
        f.icmpQuoted = true;
        f.icmpQuotedProtocol = 6;
        f.icmpQuotedSrc = VIP;
        f.icmpQuotedDst = CLIENT;
        f.icmpQuotedSrcPort = 80;
        f.icmpQuotedDstPort = 40001;
        return f;
    }
}

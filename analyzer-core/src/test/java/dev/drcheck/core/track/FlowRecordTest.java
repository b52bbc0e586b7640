package dev.drcheck.core.track;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** The record layout: every field round-trips its full range and writing one changes no other field or record. */
class FlowRecordTest {
    /** One field: how to write it, how to read it, and a value using all its bits. */
    private record Field(String name, BiConsumer<FlowRecord, Long> set, ToLongFunction<FlowRecord> get, long value) {
    }

    private static final long MAC = 0xfedc_ba98_7654L;
    private static final long TIME = 0x7fff_1234_5678_9abcL;
    private static final long FRAME = 0x7fff_ffff_ffffL;

    private static final List<Field> FIELDS = List.of(
            new Field("clientIp", (r, v) -> r.reset(v.intValue(), 0, 0, 0, 0), FlowRecord::clientIp, -2),
            new Field("serverIp", (r, v) -> r.reset(0, 0, v.intValue(), 0, 0), FlowRecord::serverIp, -3),
            new Field("clientPort", (r, v) -> r.reset(0, v.intValue(), 0, 0, 0), FlowRecord::clientPort, 0xffff),
            new Field("serverPort", (r, v) -> r.reset(0, 0, 0, v.intValue(), 0), FlowRecord::serverPort, 0xfffe),
            new Field("state", (r, v) -> r.addState(v.intValue()), FlowRecord::state, 0xff),
            new Field("lastSeen", FlowRecord::lastSeen, FlowRecord::lastSeen, TIME),
            new Field("older", (r, v) -> r.links(v.intValue(), 0), FlowRecord::older, 0xf_fffe),
            new Field("newer", (r, v) -> r.links(0, v.intValue()), FlowRecord::newer, 0xf_fffd),
            new Field("firstSynFrame", FlowRecord::firstSynFrame, FlowRecord::firstSynFrame, FRAME),
            new Field("firstSynTime", FlowRecord::firstSynTime, FlowRecord::firstSynTime, TIME),
            new Field("synSeq", FlowRecord::synSeq, FlowRecord::synSeq, 0xffff_fffeL),
            new Field("synTransmissions", (r, v) -> r.countSynTransmission(), FlowRecord::synTransmissions, 1),
            new Field("handshakeAckFrame", FlowRecord::handshakeAckFrame, FlowRecord::handshakeAckFrame, FRAME),
            new Field("clientAck", FlowRecord::clientAck, FlowRecord::clientAck, 0xffff_fffdL),
            new Field("firstHopSrcMac", FlowRecord::firstHopSrcMac, FlowRecord::firstHopSrcMac, MAC),
            new Field("firstHopDstMac", FlowRecord::firstHopDstMac, FlowRecord::firstHopDstMac, MAC),
            new Field("deliveredMac", FlowRecord::deliveredMac, FlowRecord::deliveredMac, MAC),
            new Field("deliveredIp", (r, v) -> r.deliveredIp(v.intValue()), FlowRecord::deliveredIp, -4),
            new Field("deliveredFrame", FlowRecord::deliveredFrame, FlowRecord::deliveredFrame, FRAME),
            new Field("deliveredTime", FlowRecord::deliveredTime, FlowRecord::deliveredTime, TIME),
            new Field("relayMac", FlowRecord::relayMac, FlowRecord::relayMac, MAC),
            new Field("splitFrame", FlowRecord::splitFrame, FlowRecord::splitFrame, FRAME),
            new Field("splitTime", FlowRecord::splitTime, FlowRecord::splitTime, TIME),
            new Field("splitMac", FlowRecord::splitMac, FlowRecord::splitMac, MAC),
            new Field("synAckFrame", FlowRecord::synAckFrame, FlowRecord::synAckFrame, FRAME),
            new Field("firstReplyFrame", FlowRecord::firstReplyFrame, FlowRecord::firstReplyFrame, FRAME),
            new Field("firstReplyTime", FlowRecord::firstReplyTime, FlowRecord::firstReplyTime, TIME),
            new Field("replySrcIp", (r, v) -> r.replySrcIp(v.intValue()), FlowRecord::replySrcIp, -5),
            new Field("replySrcMac", FlowRecord::replySrcMac, FlowRecord::replySrcMac, MAC),
            new Field("replyDstMac", FlowRecord::replyDstMac, FlowRecord::replyDstMac, MAC),
            new Field("replyRelayMac", FlowRecord::replyRelayMac, FlowRecord::replyRelayMac, MAC),
            new Field("replyRelayFrame", FlowRecord::replyRelayFrame, FlowRecord::replyRelayFrame, FRAME),
            new Field("serverResetFrame", FlowRecord::serverResetFrame, FlowRecord::serverResetFrame, FRAME),
            new Field("serverResetTime", FlowRecord::serverResetTime, FlowRecord::serverResetTime, TIME),
            new Field("serverResetMac", FlowRecord::serverResetMac, FlowRecord::serverResetMac, MAC),
            new Field("serverDataEnd", FlowRecord::serverDataEnd, FlowRecord::serverDataEnd, 0xffff_fffcL),
            new Field("serverRetransmissions", (r, v) -> r.countRetransmission(1), FlowRecord::serverRetransmissions,
                    1),
            new Field("largestRetransmittedPayload", (r, v) -> r.countRetransmission(v.intValue()),
                    FlowRecord::largestRetransmittedPayload, 0xffff),
            new Field("firstRetransmissionFrame", FlowRecord::firstRetransmissionFrame,
                    FlowRecord::firstRetransmissionFrame, FRAME),
            new Field("firstRetransmissionTime", FlowRecord::firstRetransmissionTime,
                    FlowRecord::firstRetransmissionTime, TIME));

    @Test
    void everyFieldRoundTripsAndOverlapsNoOther() {
        for (Field field : FIELDS) {
            long[] records = new long[3 * FlowRecord.STRIDE];
            Arrays.fill(records, 0, FlowRecord.STRIDE, -1L);
            Arrays.fill(records, 2 * FlowRecord.STRIDE, 3 * FlowRecord.STRIDE, -1L);
            FlowRecord r = new FlowRecord().at(records, 1);

            field.set().accept(r, field.value());

            assertThat(field.get().applyAsLong(r)).as(field.name()).isEqualTo(field.value());
            for (Field other : FIELDS) {
                if (other != field && !sharesCounter(field, other)) {
                    assertThat(other.get().applyAsLong(r)).as(other.name() + " after writing " + field.name())
                            .isZero();
                }
            }
            assertThat(Arrays.copyOfRange(records, 0, FlowRecord.STRIDE)).as("record before").containsOnly(-1L);
            assertThat(Arrays.copyOfRange(records, 2 * FlowRecord.STRIDE, 3 * FlowRecord.STRIDE))
                    .as("record after").containsOnly(-1L);
        }
    }

    /** A retransmission sets both its count and its largest payload. */
    private static boolean sharesCounter(Field a, Field b) {
        List<String> both = List.of("serverRetransmissions", "largestRetransmittedPayload");
        return both.contains(a.name()) && both.contains(b.name());
    }

    @Test
    void packedFieldsKeepEachOther() {
        FlowRecord r = new FlowRecord().at(new long[FlowRecord.STRIDE], 0);
        r.reset(-2, 0xffff, -3, 0xfffe, FlowRecord.LIVE);
        r.addState(FlowRecord.CLIENT_FIN | FlowRecord.RESET);
        r.serverDataEnd(0xffff_ffffL);
        r.countRetransmission(1460);
        r.countRetransmission(100);
        r.serverDataEnd(5);

        assertThat(new long[] {r.clientIp(), r.clientPort(), r.serverIp(), r.serverPort(), r.state()})
                .containsExactly(-2, 0xffff, -3, 0xfffe, FlowRecord.LIVE | FlowRecord.CLIENT_FIN | FlowRecord.RESET);
        assertThat(new long[] {r.serverDataEnd(), r.serverRetransmissions(), r.largestRetransmittedPayload()})
                .containsExactly(5, 2, 1460);
        assertThat(r.clientAcked()).isFalse();
        r.clientAck(0);
        assertThat(r.clientAcked()).as("an acknowledgement of 0 is still one").isTrue();
        r.markRetired();
        assertThat(r.state()).isZero();
    }

    @Test
    void retransmissionCountSaturates() {
        FlowRecord r = new FlowRecord().at(new long[FlowRecord.STRIDE], 0);
        r.serverDataEnd(7);
        for (int i = 0; i < 70_000; i++) {
            r.countRetransmission(70_000);
        }
        assertThat(r.serverRetransmissions()).isEqualTo(0xffff);
        assertThat(r.largestRetransmittedPayload()).isEqualTo(0xffff);
        assertThat(r.serverDataEnd()).isEqualTo(7);
    }
}

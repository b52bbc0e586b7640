package dev.drcheck.core.track;

import java.util.Arrays;

/**
 * A flyweight over one flow's fixed-size record in {@link FlowTracker}'s {@code long[]}: named getters and setters
 * for the fields, packed at the offsets below. {@link #at} positions it on a record; it holds no flow data itself,
 * so one instance serves every frame and nothing is allocated per frame. As a {@link FlowView} it shows the flow
 * it is positioned on.
 */
final class FlowRecord implements FlowView {
    /** Longs per record. */
    static final int STRIDE = 34;

    static final int CLIENT_FIN = 1;
    static final int SERVER_FIN = 2;
    static final int RESET = 4;
    static final int LIVE = 8;
    /** A frame of the flow is missing from the capture: a sequence jump, or data acknowledged but never seen. */
    static final int GAP = 16;

    private static final long LOW32 = 0xffff_ffffL;
    private static final long ACKED = 1L << 32;

    // Record layout, in longs. The first eight are what most frames read or write.
    static final int IPS = 0;                  // client IP << 32 | server IP
    static final int PORTS_STATE = 1;          // client port << 48 | server port << 32 | state
    static final int LAST_SEEN = 2;
    // Server data: highest sequence end sent (low 32 bits), largest retransmitted payload (16 bits), and
    // retransmitted segments (16 bits, saturating).
    static final int SERVER_DATA = 3;
    static final int CLIENT_ACK = 4;           // highest acknowledgement the client sent, | ACKED once it did
    static final int HANDSHAKE_ACK_FRAME = 5;
    static final int FIRST_REPLY_FRAME = 6;
    static final int DELIVERED_FRAME = 7;
    static final int REPLY_RELAY_FRAME = 8;
    static final int SYN_ACK_FRAME = 9;
    static final int SERVER_RESET_FRAME = 10;
    static final int FIRST_SYN_FRAME = 11;
    static final int FIRST_SYN_TIME = 12;
    static final int FIRST_HOP_SRC_MAC = 13;
    static final int FIRST_HOP_DST_MAC = 14;
    static final int DELIVERED_MAC = 15;
    static final int DELIVERED_IP = 16;
    static final int DELIVERED_TIME = 17;
    static final int RELAY_MAC = 18;
    static final int FIRST_REPLY_TIME = 19;
    static final int REPLY_SRC_IP = 20;
    static final int REPLY_SRC_MAC = 21;
    static final int REPLY_DST_MAC = 22;
    static final int REPLY_RELAY_MAC = 23;
    static final int SERVER_RESET_TIME = 24;
    static final int SERVER_RESET_MAC = 25;
    static final int OLDER_NEWER = 26;         // older flow id << 32 | newer flow id (-1: none)
    static final int SPLIT_FRAME = 27;         // first client frame forwarded to another MAC than the first
    static final int SPLIT_TIME = 28;
    static final int SPLIT_MAC = 29;
    static final int SYN_SEQ = 30;             // read until the handshake completes, and by SYNs
    static final int SYN_TRANSMISSIONS = 31;
    static final int FIRST_RETRANSMISSION_FRAME = 32;
    static final int FIRST_RETRANSMISSION_TIME = 33;

    private long[] r;
    private int at;

    /** Positions this flyweight on record {@code id} of {@code records}; returns itself. */
    FlowRecord at(long[] records, int id) {
        this.r = records;
        this.at = id * STRIDE;
        return this;
    }

    /** Zeroes the record, then sets endpoints and state, as a new flow starts. */
    void reset(int clientIp, int clientPort, int serverIp, int serverPort, int state) {
        Arrays.fill(r, at, at + STRIDE, 0L);
        r[at + IPS] = ((long) clientIp << 32) | (serverIp & LOW32);
        r[at + PORTS_STATE] = ((long) clientPort << 48) | ((long) serverPort << 32) | state;
    }

    // ---------------------------------------------------------------- endpoints and state

    @Override public int clientIp() { return (int) (r[at + IPS] >>> 32); }
    @Override public int serverIp() { return (int) r[at + IPS]; }
    @Override public int clientPort() { return (int) (r[at + PORTS_STATE] >>> 48); }
    @Override public int serverPort() { return (int) (r[at + PORTS_STATE] >>> 32) & 0xffff; }
    int state() { return (int) r[at + PORTS_STATE] & 0xff; }
    void addState(int bits) { r[at + PORTS_STATE] |= bits; }
    /** Marks the record free: no longer live. */
    void markRetired() { r[at + PORTS_STATE] = 0; }

    @Override public long lastSeen() { return r[at + LAST_SEEN]; }
    void lastSeen(long nanos) { r[at + LAST_SEEN] = nanos; }

    int older() { return (int) (r[at + OLDER_NEWER] >> 32); }
    int newer() { return (int) r[at + OLDER_NEWER]; }
    void links(int older, int newer) { r[at + OLDER_NEWER] = ((long) older << 32) | (newer & LOW32); }

    // ---------------------------------------------------------------- the client's side

    @Override public long firstSynFrame() { return r[at + FIRST_SYN_FRAME]; }
    void firstSynFrame(long frame) { r[at + FIRST_SYN_FRAME] = frame; }
    @Override public long firstSynTime() { return r[at + FIRST_SYN_TIME]; }
    void firstSynTime(long nanos) { r[at + FIRST_SYN_TIME] = nanos; }
    long synSeq() { return r[at + SYN_SEQ]; }
    void synSeq(long seq) { r[at + SYN_SEQ] = seq; }
    @Override public int synTransmissions() { return (int) r[at + SYN_TRANSMISSIONS]; }
    void countSynTransmission() { r[at + SYN_TRANSMISSIONS]++; }
    @Override public long handshakeAckFrame() { return r[at + HANDSHAKE_ACK_FRAME]; }
    void handshakeAckFrame(long frame) { r[at + HANDSHAKE_ACK_FRAME] = frame; }

    /** True once the client sent an acknowledgement. */
    boolean clientAcked() { return r[at + CLIENT_ACK] != 0; }
    /** The highest acknowledgement number the client sent (32 bits). */
    long clientAck() { return r[at + CLIENT_ACK] & LOW32; }
    void clientAck(long ack) { r[at + CLIENT_ACK] = ACKED | (ack & LOW32); }

    // ---------------------------------------------------------------- the hops

    @Override public long firstHopSrcMac() { return r[at + FIRST_HOP_SRC_MAC]; }
    void firstHopSrcMac(long mac) { r[at + FIRST_HOP_SRC_MAC] = mac; }
    @Override public long firstHopDstMac() { return r[at + FIRST_HOP_DST_MAC]; }
    void firstHopDstMac(long mac) { r[at + FIRST_HOP_DST_MAC] = mac; }
    @Override public long deliveredMac() { return r[at + DELIVERED_MAC]; }
    void deliveredMac(long mac) { r[at + DELIVERED_MAC] = mac; }
    @Override public int deliveredIp() { return (int) r[at + DELIVERED_IP]; }
    void deliveredIp(int ip) { r[at + DELIVERED_IP] = ip; }
    @Override public long deliveredFrame() { return r[at + DELIVERED_FRAME]; }
    void deliveredFrame(long frame) { r[at + DELIVERED_FRAME] = frame; }
    @Override public long deliveredTime() { return r[at + DELIVERED_TIME]; }
    void deliveredTime(long nanos) { r[at + DELIVERED_TIME] = nanos; }
    @Override public long relayMac() { return r[at + RELAY_MAC]; }
    void relayMac(long mac) { r[at + RELAY_MAC] = mac; }
    @Override public long splitFrame() { return r[at + SPLIT_FRAME]; }
    void splitFrame(long frame) { r[at + SPLIT_FRAME] = frame; }
    @Override public long splitTime() { return r[at + SPLIT_TIME]; }
    void splitTime(long nanos) { r[at + SPLIT_TIME] = nanos; }
    @Override public long splitMac() { return r[at + SPLIT_MAC]; }
    void splitMac(long mac) { r[at + SPLIT_MAC] = mac; }

    // ---------------------------------------------------------------- the server's side

    @Override public long synAckFrame() { return r[at + SYN_ACK_FRAME]; }
    void synAckFrame(long frame) { r[at + SYN_ACK_FRAME] = frame; }
    @Override public long firstReplyFrame() { return r[at + FIRST_REPLY_FRAME]; }
    void firstReplyFrame(long frame) { r[at + FIRST_REPLY_FRAME] = frame; }
    @Override public long firstReplyTime() { return r[at + FIRST_REPLY_TIME]; }
    void firstReplyTime(long nanos) { r[at + FIRST_REPLY_TIME] = nanos; }
    @Override public int replySrcIp() { return (int) r[at + REPLY_SRC_IP]; }
    void replySrcIp(int ip) { r[at + REPLY_SRC_IP] = ip; }
    @Override public long replySrcMac() { return r[at + REPLY_SRC_MAC]; }
    void replySrcMac(long mac) { r[at + REPLY_SRC_MAC] = mac; }
    @Override public long replyDstMac() { return r[at + REPLY_DST_MAC]; }
    void replyDstMac(long mac) { r[at + REPLY_DST_MAC] = mac; }
    @Override public long replyRelayMac() { return r[at + REPLY_RELAY_MAC]; }
    void replyRelayMac(long mac) { r[at + REPLY_RELAY_MAC] = mac; }
    @Override public long replyRelayFrame() { return r[at + REPLY_RELAY_FRAME]; }
    void replyRelayFrame(long frame) { r[at + REPLY_RELAY_FRAME] = frame; }
    @Override public long serverResetFrame() { return r[at + SERVER_RESET_FRAME]; }
    void serverResetFrame(long frame) { r[at + SERVER_RESET_FRAME] = frame; }
    @Override public long serverResetTime() { return r[at + SERVER_RESET_TIME]; }
    void serverResetTime(long nanos) { r[at + SERVER_RESET_TIME] = nanos; }
    @Override public long serverResetMac() { return r[at + SERVER_RESET_MAC]; }
    void serverResetMac(long mac) { r[at + SERVER_RESET_MAC] = mac; }

    /** True once the server sent a segment with payload. */
    boolean serverSentData() { return r[at + SERVER_DATA] != 0; }
    /** The highest sequence end the server sent (32 bits). */
    long serverDataEnd() { return r[at + SERVER_DATA] & LOW32; }
    void serverDataEnd(long end) { r[at + SERVER_DATA] = (r[at + SERVER_DATA] & ~LOW32) | (end & LOW32); }
    @Override public int serverRetransmissions() { return (int) (r[at + SERVER_DATA] >>> 48); }
    @Override public int largestRetransmittedPayload() { return (int) (r[at + SERVER_DATA] >>> 32) & 0xffff; }

    /** Counts one retransmitted segment (saturating at 65,535) of {@code payload} bytes. */
    void countRetransmission(int payload) {
        long data = r[at + SERVER_DATA];
        long largest = Math.max((data >>> 32) & 0xffff, Math.min(payload, 0xffff));
        long count = Math.min((data >>> 48) + 1, 0xffff);
        r[at + SERVER_DATA] = count << 48 | largest << 32 | (data & LOW32);
    }

    @Override public long firstRetransmissionFrame() { return r[at + FIRST_RETRANSMISSION_FRAME]; }
    void firstRetransmissionFrame(long frame) { r[at + FIRST_RETRANSMISSION_FRAME] = frame; }
    @Override public long firstRetransmissionTime() { return r[at + FIRST_RETRANSMISSION_TIME]; }
    void firstRetransmissionTime(long nanos) { r[at + FIRST_RETRANSMISSION_TIME] = nanos; }

    @Override
    public boolean captureGap() {
        return (state() & GAP) != 0 || synAckFrame() == 0 && handshakeAckFrame() != 0 && serverSentData();
    }

    @Override
    public boolean serverDataUnacknowledged() {
        return serverSentData() && (!clientAcked() || isAfter(serverDataEnd(), clientAck()));
    }

    /** True when sequence number {@code a} comes after {@code b} (32-bit serial arithmetic). */
    static boolean isAfter(long a, long b) {
        return (int) (a - b) > 0;
    }
}

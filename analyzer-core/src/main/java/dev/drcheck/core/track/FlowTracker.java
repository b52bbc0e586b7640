package dev.drcheck.core.track;

import dev.drcheck.core.decode.DecodedFrame;
import dev.drcheck.core.decode.Layer;

import java.util.Arrays;

/**
 * Tracks TCP flows opened by a SYN, in one flat {@code long[]} of fixed-size records indexed by flow id, so that
 * nothing is allocated per frame and the fields a frame updates share the record's first cache line.
 *
 * <p>A flow is keyed by client address and port and server address and port, as the SYN gave them. Forwarded
 * copies (from {@link LegMatcher}) are filed under the flow of the frame they copy, so a hop that rewrites the
 * destination (NAT) stays in one flow; a reply whose source address differs from the SYN's destination (a real
 * server answering from its own address) is found through a second index on client address, client port and
 * server port. A SYN with a new initial sequence number on a known tuple starts a new flow (the client gave up
 * on the old one, or reused its port); only a SYN with the same sequence number is a retransmission.
 *
 * <p>Flows are retired to the {@link FlowEndListener} when closed (FIN both ways or RST) and quiet for
 * {@link #CLOSED_GRACE_NANOS}, when idle for {@link #IDLE_NANOS}, and at {@link #finish()}. The table holds at
 * most {@link #MAX_FLOWS}; when a SYN finds it full (a SYN flood), the oldest open flow is retired as it stands
 * to make room, in constant time, and counted in {@link #evictedFlows()}.
 *
 * <p>One index lookup serves both directions: a flow is keyed by its two endpoints in a fixed order, and the
 * frame's direction is read from whether its source is the client.
 */
public final class FlowTracker {
    /** Most flows tracked at once. */
    public static final int MAX_FLOWS = 1 << 20;
    /**
     * How long a closed flow stays: long enough for its last ACK and the forwarded copies of its last frames
     * (matched within {@link LegMatcher#WINDOW_NANOS}), short enough that a busy capture does not hold every
     * closed flow of the last seconds in memory.
     */
    public static final long CLOSED_GRACE_NANOS = 1_000_000_000L;
    /** How long a flow may be silent before it is retired. */
    public static final long IDLE_NANOS = 300_000_000_000L;
    private static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;
    private static final int NONE = -1;

    private static final int CLIENT_FIN = 1;
    private static final int SERVER_FIN = 2;
    private static final int RESET = 4;
    private static final int LIVE = 8;
    /** A frame of the flow is missing from the capture: a sequence jump, or data acknowledged but never seen. */
    private static final int GAP = 16;
    private static final long ACKED = 1L << 32;

    // Record layout, in longs. The first eight are what most frames read or write.
    private static final int IPS = 0;                  // client IP << 32 | server IP
    private static final int PORTS_STATE = 1;          // client port << 48 | server port << 32 | state
    private static final int LAST_SEEN = 2;
    // Server data: highest sequence end sent (low 32 bits), largest retransmitted payload (16 bits), and
    // retransmitted segments (16 bits, saturating).
    private static final int SERVER_DATA = 3;
    private static final int CLIENT_ACK = 4;           // highest acknowledgement the client sent, | ACKED once it did
    private static final int HANDSHAKE_ACK_FRAME = 5;
    private static final int FIRST_REPLY_FRAME = 6;
    private static final int DELIVERED_FRAME = 7;
    private static final int REPLY_RELAY_FRAME = 8;
    private static final int SYN_ACK_FRAME = 9;
    private static final int SERVER_RESET_FRAME = 10;
    private static final int FIRST_SYN_FRAME = 11;
    private static final int FIRST_SYN_TIME = 12;
    private static final int FIRST_HOP_SRC_MAC = 13;
    private static final int FIRST_HOP_DST_MAC = 14;
    private static final int DELIVERED_MAC = 15;
    private static final int DELIVERED_IP = 16;
    private static final int DELIVERED_TIME = 17;
    private static final int RELAY_MAC = 18;
    private static final int FIRST_REPLY_TIME = 19;
    private static final int REPLY_SRC_IP = 20;
    private static final int REPLY_SRC_MAC = 21;
    private static final int REPLY_DST_MAC = 22;
    private static final int REPLY_RELAY_MAC = 23;
    private static final int SERVER_RESET_TIME = 24;
    private static final int SERVER_RESET_MAC = 25;
    private static final int OLDER_NEWER = 26;         // older flow id << 32 | newer flow id (NONE = -1)
    private static final int SPLIT_FRAME = 27;         // first client frame forwarded to another MAC than the first
    private static final int SPLIT_TIME = 28;
    private static final int SPLIT_MAC = 29;
    private static final int SYN_SEQ = 30;             // read until the handshake completes, and by SYNs
    private static final int SYN_TRANSMISSIONS = 31;
    private static final int FIRST_RETRANSMISSION_FRAME = 32;
    private static final int FIRST_RETRANSMISSION_TIME = 33;
    private static final int STRIDE = 34;

    private final FlowEndListener listener;
    private final KeyIndex byTuple = new KeyIndex(1024, MAX_FLOWS);
    private final KeyIndex byClientSide = new KeyIndex(1024, MAX_FLOWS);
    private final View view = new View();

    private int capacity = 1024;
    private long[] records = new long[capacity * STRIDE];
    private int[] freeIds = new int[capacity];
    private int highWater;
    private int freeCount;
    private int live;
    private long nextSweep = Long.MIN_VALUE;
    private long opened;
    private long evictedFlows;
    private int oldest = NONE;
    private int newest = NONE;

    /** @param listener receives every flow when it is retired */
    public FlowTracker(FlowEndListener listener) {
        this.listener = listener;
    }

    /**
     * Files one TCP frame under its flow.
     *
     * @param f the decoded TCP frame
     * @param relayed the forwarding hop this frame is the second sighting of, or null
     * @return the frame's direction in its flow, {@link FlowDirection#NONE} when it belongs to no tracked flow
     */
    public FlowDirection onTcp(DecodedFrame f, LegPair relayed) {
        if (f.layer != Layer.TCP) {
            return FlowDirection.NONE;
        }
        sweepIfDue(f.timestampNanos);
        int id;
        if (relayed != null) {
            id = lookup(f.ipSrc, f.srcPort, relayed.beforeDstIp, relayed.beforeDstPort);
        } else {
            id = lookup(f.ipSrc, f.srcPort, f.ipDst, f.dstPort);
            if (id >= 0 && f.isSyn() && isClientSide(id, f) && records[id * STRIDE + SYN_SEQ] != f.tcpSeq) {
                retire(id);
                id = -1;
            }
            if (id < 0 && f.isSyn()) {
                id = open(f);
            }
            if (id < 0) {
                id = byClientSide.get(clientSideA(f.ipDst, f.dstPort), f.srcPort);
            }
        }
        if (id < 0) {
            return FlowDirection.NONE;
        }
        records[id * STRIDE + LAST_SEEN] = f.timestampNanos;
        if (isClientSide(id, f)) {
            clientFrame(id * STRIDE, f, relayed);
            return FlowDirection.CLIENT_TO_SERVER;
        }
        serverFrame(id * STRIDE, f, relayed);
        return FlowDirection.SERVER_TO_CLIENT;
    }

    /** Retires every flow still open; call once at the end of the capture. */
    public void finish() {
        for (int id = 0; id < highWater; id++) {
            if (isLive(id)) {
                retire(id);
            }
        }
    }

    /**
     * The open flow between two endpoints, in either direction, as a view that stays valid until the tracker's
     * next call; null when no such flow is open.
     */
    public FlowView openFlow(int ip1, int port1, int ip2, int port2) {
        int id = lookup(ip1, port1, ip2, port2);
        return id < 0 ? null : view.at(id);
    }

    /** Shows every open flow to {@code sink} without retiring it, for an interim report. */
    public void forEachLive(FlowEndListener sink) {
        for (int id = 0; id < highWater; id++) {
            if (isLive(id)) {
                sink.onFlowEnd(view.at(id));
            }
        }
    }

    /** Flows opened by a SYN. */
    public long flowsOpened() {
        return opened;
    }

    /** Flows open now. */
    public int liveFlows() {
        return live;
    }

    /** Open flows retired early to make room for new ones, because the table was full. */
    public long evictedFlows() {
        return evictedFlows;
    }

    private void clientFrame(int at, DecodedFrame f, LegPair relayed) {
        long[] r = records;
        if (relayed != null) {
            if (r[at + DELIVERED_FRAME] == 0) {
                r[at + DELIVERED_FRAME] = relayed.afterFrame;
                r[at + DELIVERED_TIME] = relayed.afterTimestampNanos;
                r[at + DELIVERED_MAC] = relayed.afterDstMac;
                r[at + DELIVERED_IP] = relayed.afterDstIp;
                r[at + RELAY_MAC] = relayed.relayMac;
                r[at + FIRST_HOP_SRC_MAC] = relayed.beforeSrcMac;
                r[at + FIRST_HOP_DST_MAC] = relayed.relayMac;
            } else if (r[at + SPLIT_FRAME] == 0 && relayed.afterDstMac != r[at + DELIVERED_MAC]
                    && relayed.relayMac == r[at + RELAY_MAC]) {
                r[at + SPLIT_FRAME] = relayed.afterFrame;
                r[at + SPLIT_TIME] = relayed.afterTimestampNanos;
                r[at + SPLIT_MAC] = relayed.afterDstMac;
            }
            return;
        }
        if (f.isSyn()) {
            r[at + SYN_TRANSMISSIONS]++;
        } else if (r[at + HANDSHAKE_ACK_FRAME] == 0 && f.hasTcpFlags(DecodedFrame.ACK)
                && (f.tcpFlags & (DecodedFrame.SYN | DecodedFrame.RST)) == 0
                && f.tcpSeq == ((r[at + SYN_SEQ] + 1) & 0xffff_ffffL)) {
            r[at + HANDSHAKE_ACK_FRAME] = f.frameNumber;
        }
        if ((f.tcpFlags & DecodedFrame.FIN) != 0) {
            r[at + PORTS_STATE] |= CLIENT_FIN;
        }
        if ((f.tcpFlags & DecodedFrame.RST) != 0) {
            r[at + PORTS_STATE] |= RESET;
        }
        long acked = r[at + CLIENT_ACK];
        if (f.hasTcpFlags(DecodedFrame.ACK) && (acked == 0 || isAfter(f.tcpAck, acked & 0xffff_ffffL))) {
            r[at + CLIENT_ACK] = ACKED | f.tcpAck;
            long data = r[at + SERVER_DATA];
            // The client acknowledges server data beyond all that was seen (one more for a FIN): a segment was lost.
            if (data != 0 && isAfter(f.tcpAck, ((data & 0xffff_ffffL) + 1) & 0xffff_ffffL)) {
                r[at + PORTS_STATE] |= GAP;
            }
        }
    }

    /** True when sequence number {@code a} comes after {@code b} (32-bit serial arithmetic). */
    private static boolean isAfter(long a, long b) {
        return (int) (a - b) > 0;
    }

    /** A server segment with payload: a new highest end, or a retransmission of data sent before. */
    private static void serverData(long[] r, int at, DecodedFrame f) {
        long data = r[at + SERVER_DATA];
        long end = (f.tcpSeq + f.payloadLength) & 0xffff_ffffL;
        long highest = data & 0xffff_ffffL;
        if (data == 0 || isAfter(end, highest)) {
            if (data != 0 && isAfter(f.tcpSeq, highest)) {
                r[at + PORTS_STATE] |= GAP; // the segment before this one was not captured
            }
            r[at + SERVER_DATA] = (data & ~0xffff_ffffL) | end;
            return;
        }
        long largest = Math.max((data >>> 32) & 0xffff, Math.min(f.payloadLength, 0xffff));
        long count = Math.min((data >>> 48) + 1, 0xffff);
        r[at + SERVER_DATA] = count << 48 | largest << 32 | highest;
        if (r[at + FIRST_RETRANSMISSION_FRAME] == 0) {
            r[at + FIRST_RETRANSMISSION_FRAME] = f.frameNumber;
            r[at + FIRST_RETRANSMISSION_TIME] = f.timestampNanos;
        }
    }

    private void serverFrame(int at, DecodedFrame f, LegPair relayed) {
        long[] r = records;
        if (relayed != null) {
            if (r[at + REPLY_RELAY_FRAME] == 0) {
                r[at + REPLY_RELAY_FRAME] = relayed.afterFrame;
                r[at + REPLY_RELAY_MAC] = relayed.relayMac;
                r[at + REPLY_SRC_MAC] = relayed.beforeSrcMac;
                r[at + REPLY_DST_MAC] = relayed.relayMac;
            }
            return;
        }
        if (r[at + FIRST_REPLY_FRAME] == 0) {
            r[at + FIRST_REPLY_FRAME] = f.frameNumber;
            r[at + FIRST_REPLY_TIME] = f.timestampNanos;
            r[at + REPLY_SRC_IP] = f.ipSrc;
            r[at + REPLY_SRC_MAC] = f.srcMac;
            r[at + REPLY_DST_MAC] = f.dstMac;
        }
        if (f.isSynAck() && r[at + SYN_ACK_FRAME] == 0) {
            r[at + SYN_ACK_FRAME] = f.frameNumber;
        }
        if ((f.tcpFlags & DecodedFrame.RST) != 0) {
            r[at + PORTS_STATE] |= RESET;
            if (r[at + SERVER_RESET_FRAME] == 0) {
                r[at + SERVER_RESET_FRAME] = f.frameNumber;
                r[at + SERVER_RESET_TIME] = f.timestampNanos;
                r[at + SERVER_RESET_MAC] = f.srcMac;
            }
        }
        if ((f.tcpFlags & DecodedFrame.FIN) != 0) {
            r[at + PORTS_STATE] |= SERVER_FIN;
        }
        if (f.payloadLength > 0) {
            serverData(r, at, f);
        }
    }

    private int open(DecodedFrame f) {
        if (live >= MAX_FLOWS) {
            retire(oldest);
            evictedFlows++;
        }
        int id = freeCount > 0 ? freeIds[--freeCount] : nextNewId();
        int at = id * STRIDE;
        Arrays.fill(records, at, at + STRIDE, 0L);
        records[at + IPS] = ((long) f.ipSrc << 32) | (f.ipDst & 0xffff_ffffL);
        records[at + PORTS_STATE] = ((long) f.srcPort << 48) | ((long) f.dstPort << 32) | LIVE;
        records[at + SYN_SEQ] = f.tcpSeq;
        records[at + FIRST_SYN_FRAME] = f.frameNumber;
        records[at + FIRST_SYN_TIME] = f.timestampNanos;
        records[at + FIRST_HOP_SRC_MAC] = f.srcMac;
        records[at + FIRST_HOP_DST_MAC] = f.dstMac;
        byTuple.put(endpointsA(f.ipSrc, f.srcPort, f.ipDst, f.dstPort),
                endpointsB(f.ipSrc, f.srcPort, f.ipDst, f.dstPort), id);
        byClientSide.put(clientSideA(f.ipSrc, f.srcPort), f.dstPort, id);
        setLinks(id, newest, NONE);
        if (newest != NONE) {
            setLinks(newest, older(newest), id);
        } else {
            oldest = id;
        }
        newest = id;
        live++;
        opened++;
        return id;
    }

    private void retire(int id) {
        listener.onFlowEnd(view.at(id));
        int clientIp = clientIp(id);
        int serverIp = serverIp(id);
        int clientPort = clientPort(id);
        int serverPort = serverPort(id);
        byTuple.removeIfValue(endpointsA(clientIp, clientPort, serverIp, serverPort),
                endpointsB(clientIp, clientPort, serverIp, serverPort), id);
        byClientSide.removeIfValue(clientSideA(clientIp, clientPort), serverPort, id);
        int older = older(id);
        int newer = newer(id);
        if (older != NONE) {
            setLinks(older, older(older), newer);
        } else {
            oldest = newer;
        }
        if (newer != NONE) {
            setLinks(newer, older, newer(newer));
        } else {
            newest = older;
        }
        records[id * STRIDE + PORTS_STATE] = 0;
        freeIds[freeCount++] = id;
        live--;
    }

    private void sweepIfDue(long now) {
        if (now >= nextSweep) {
            if (nextSweep != Long.MIN_VALUE) {
                sweep(now);
            }
            nextSweep = now + SWEEP_INTERVAL_NANOS;
        }
    }

    private void sweep(long now) {
        for (int id = 0; id < highWater; id++) {
            int s = state(id);
            if ((s & LIVE) == 0) {
                continue;
            }
            boolean closed = (s & RESET) != 0 || (s & (CLIENT_FIN | SERVER_FIN)) == (CLIENT_FIN | SERVER_FIN);
            long quiet = now - records[id * STRIDE + LAST_SEEN];
            if (quiet > IDLE_NANOS || (closed && quiet >= CLOSED_GRACE_NANOS)) {
                retire(id);
            }
        }
    }

    private boolean isLive(int id) {
        return (state(id) & LIVE) != 0;
    }

    private int state(int id) {
        return (int) records[id * STRIDE + PORTS_STATE] & 0xff;
    }

    private int clientIp(int id) {
        return (int) (records[id * STRIDE + IPS] >>> 32);
    }

    private int serverIp(int id) {
        return (int) records[id * STRIDE + IPS];
    }

    private int clientPort(int id) {
        return (int) (records[id * STRIDE + PORTS_STATE] >>> 48);
    }

    private int serverPort(int id) {
        return (int) (records[id * STRIDE + PORTS_STATE] >>> 32) & 0xffff;
    }

    private int older(int id) {
        return (int) (records[id * STRIDE + OLDER_NEWER] >> 32);
    }

    private int newer(int id) {
        return (int) records[id * STRIDE + OLDER_NEWER];
    }

    private void setLinks(int id, int older, int newer) {
        records[id * STRIDE + OLDER_NEWER] = ((long) older << 32) | (newer & 0xffff_ffffL);
    }

    /** The flow between the two endpoints, in whichever direction it was opened, or -1. */
    private int lookup(int ip1, int port1, int ip2, int port2) {
        return byTuple.get(endpointsA(ip1, port1, ip2, port2), endpointsB(ip1, port1, ip2, port2));
    }

    /** True when {@code f} comes from the flow's client. */
    private boolean isClientSide(int id, DecodedFrame f) {
        return f.ipSrc == clientIp(id) && f.srcPort == clientPort(id);
    }

    /** Whether endpoint 1 sorts first; keys put the lower endpoint first so both directions share one key. */
    private static boolean firstIsLower(int ip1, int port1, int ip2, int port2) {
        return ip1 != ip2 ? Integer.compareUnsigned(ip1, ip2) < 0 : port1 <= port2;
    }

    private static long endpointsA(int ip1, int port1, int ip2, int port2) {
        return firstIsLower(ip1, port1, ip2, port2)
                ? ((long) ip1 << 32) | (ip2 & 0xffff_ffffL)
                : ((long) ip2 << 32) | (ip1 & 0xffff_ffffL);
    }

    private static long endpointsB(int ip1, int port1, int ip2, int port2) {
        return firstIsLower(ip1, port1, ip2, port2)
                ? ((long) port1 << 16) | port2
                : ((long) port2 << 16) | port1;
    }

    private static long clientSideA(int client, int clientPort) {
        return ((long) client << 32) | clientPort;
    }

    private int nextNewId() {
        if (highWater == capacity) {
            capacity = Math.min(capacity * 2, MAX_FLOWS);
            records = Arrays.copyOf(records, capacity * STRIDE);
            freeIds = Arrays.copyOf(freeIds, capacity);
        }
        return highWater++;
    }

    /** The reused view handed to the listener. */
    private final class View implements FlowView {
        private int at;

        View at(int flowId) {
            this.at = flowId * STRIDE;
            return this;
        }

        @Override public int clientIp() { return (int) (records[at + IPS] >>> 32); }
        @Override public int clientPort() { return (int) (records[at + PORTS_STATE] >>> 48); }
        @Override public int serverIp() { return (int) records[at + IPS]; }
        @Override public int serverPort() { return (int) (records[at + PORTS_STATE] >>> 32) & 0xffff; }
        @Override public long firstSynFrame() { return records[at + FIRST_SYN_FRAME]; }
        @Override public long firstSynTime() { return records[at + FIRST_SYN_TIME]; }
        @Override public int synTransmissions() { return (int) records[at + SYN_TRANSMISSIONS]; }
        @Override public long firstHopSrcMac() { return records[at + FIRST_HOP_SRC_MAC]; }
        @Override public long firstHopDstMac() { return records[at + FIRST_HOP_DST_MAC]; }
        @Override public long deliveredMac() { return records[at + DELIVERED_MAC]; }
        @Override public int deliveredIp() { return (int) records[at + DELIVERED_IP]; }
        @Override public long deliveredFrame() { return records[at + DELIVERED_FRAME]; }
        @Override public long deliveredTime() { return records[at + DELIVERED_TIME]; }
        @Override public long relayMac() { return records[at + RELAY_MAC]; }
        @Override public long synAckFrame() { return records[at + SYN_ACK_FRAME]; }
        @Override public long handshakeAckFrame() { return records[at + HANDSHAKE_ACK_FRAME]; }
        @Override public long firstReplyFrame() { return records[at + FIRST_REPLY_FRAME]; }
        @Override public long firstReplyTime() { return records[at + FIRST_REPLY_TIME]; }
        @Override public int replySrcIp() { return (int) records[at + REPLY_SRC_IP]; }
        @Override public long replySrcMac() { return records[at + REPLY_SRC_MAC]; }
        @Override public long replyDstMac() { return records[at + REPLY_DST_MAC]; }
        @Override public long replyRelayMac() { return records[at + REPLY_RELAY_MAC]; }
        @Override public long replyRelayFrame() { return records[at + REPLY_RELAY_FRAME]; }
        @Override public int serverRetransmissions() { return (int) (records[at + SERVER_DATA] >>> 48); }
        @Override public int largestRetransmittedPayload() {
            return (int) (records[at + SERVER_DATA] >>> 32) & 0xffff;
        }
        @Override public long firstRetransmissionFrame() { return records[at + FIRST_RETRANSMISSION_FRAME]; }
        @Override public long firstRetransmissionTime() { return records[at + FIRST_RETRANSMISSION_TIME]; }
        @Override public boolean serverDataUnacknowledged() {
            long data = records[at + SERVER_DATA];
            long acked = records[at + CLIENT_ACK];
            return data != 0 && (acked == 0 || isAfter(data & 0xffff_ffffL, acked & 0xffff_ffffL));
        }
        @Override public long serverResetFrame() { return records[at + SERVER_RESET_FRAME]; }
        @Override public long serverResetTime() { return records[at + SERVER_RESET_TIME]; }
        @Override public long serverResetMac() { return records[at + SERVER_RESET_MAC]; }
        @Override public long splitFrame() { return records[at + SPLIT_FRAME]; }
        @Override public long splitTime() { return records[at + SPLIT_TIME]; }
        @Override public long splitMac() { return records[at + SPLIT_MAC]; }
        @Override public long lastSeen() { return records[at + LAST_SEEN]; }
        @Override public boolean captureGap() {
            return (records[at + PORTS_STATE] & GAP) != 0 || records[at + SYN_ACK_FRAME] == 0
                    && records[at + HANDSHAKE_ACK_FRAME] != 0 && records[at + SERVER_DATA] != 0;
        }
    }
}

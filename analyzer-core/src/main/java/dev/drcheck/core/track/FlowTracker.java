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

    private final FlowEndListener listener;
    private final KeyIndex byTuple = new KeyIndex(1024, MAX_FLOWS);
    private final KeyIndex byClientSide = new KeyIndex(1024, MAX_FLOWS);
    /** Positioned on the flow a frame belongs to. */
    private final FlowRecord flow = new FlowRecord();
    /** Positioned on the flow handed to a listener, so that a retirement never moves {@link #flow}. */
    private final FlowRecord view = new FlowRecord();

    private int capacity = 1024;
    private long[] records = new long[capacity * FlowRecord.STRIDE];
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
            if (id >= 0 && f.isSyn() && isClientSide(id, f) && record(id).synSeq() != f.tcpSeq) {
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
        FlowRecord r = record(id);
        r.lastSeen(f.timestampNanos);
        if (f.ipSrc == r.clientIp() && f.srcPort == r.clientPort()) {
            clientFrame(r, f, relayed);
            return FlowDirection.CLIENT_TO_SERVER;
        }
        serverFrame(r, f, relayed);
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
        return id < 0 ? null : view.at(records, id);
    }

    /** Shows every open flow to {@code sink} without retiring it, for an interim report. */
    public void forEachLive(FlowEndListener sink) {
        for (int id = 0; id < highWater; id++) {
            if (isLive(id)) {
                sink.onFlowEnd(view.at(records, id));
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

    private static void clientFrame(FlowRecord r, DecodedFrame f, LegPair relayed) {
        if (relayed != null) {
            if (r.deliveredFrame() == 0) {
                r.deliveredFrame(relayed.afterFrame);
                r.deliveredTime(relayed.afterTimestampNanos);
                r.deliveredMac(relayed.afterDstMac);
                r.deliveredIp(relayed.afterDstIp);
                r.relayMac(relayed.relayMac);
                r.firstHopSrcMac(relayed.beforeSrcMac);
                r.firstHopDstMac(relayed.relayMac);
            } else if (r.splitFrame() == 0 && relayed.afterDstMac != r.deliveredMac()
                    && relayed.relayMac == r.relayMac()) {
                r.splitFrame(relayed.afterFrame);
                r.splitTime(relayed.afterTimestampNanos);
                r.splitMac(relayed.afterDstMac);
            }
            return;
        }
        if (f.isSyn()) {
            r.countSynTransmission();
        } else if (r.handshakeAckFrame() == 0 && f.hasTcpFlags(DecodedFrame.ACK)
                && (f.tcpFlags & (DecodedFrame.SYN | DecodedFrame.RST)) == 0
                && f.tcpSeq == ((r.synSeq() + 1) & 0xffff_ffffL)) {
            r.handshakeAckFrame(f.frameNumber);
        }
        if ((f.tcpFlags & DecodedFrame.FIN) != 0) {
            r.addState(FlowRecord.CLIENT_FIN);
        }
        if ((f.tcpFlags & DecodedFrame.RST) != 0) {
            r.addState(FlowRecord.RESET);
        }
        if (f.hasTcpFlags(DecodedFrame.ACK) && (!r.clientAcked() || FlowRecord.isAfter(f.tcpAck, r.clientAck()))) {
            r.clientAck(f.tcpAck);
            // The client acknowledges server data beyond all that was seen (one more for a FIN): a segment was lost.
            if (r.serverSentData() && FlowRecord.isAfter(f.tcpAck, (r.serverDataEnd() + 1) & 0xffff_ffffL)) {
                r.addState(FlowRecord.GAP);
            }
        }
    }

    /** A server segment with payload: a new highest end, or a retransmission of data sent before. */
    private static void serverData(FlowRecord r, DecodedFrame f) {
        long end = (f.tcpSeq + f.payloadLength) & 0xffff_ffffL;
        if (!r.serverSentData() || FlowRecord.isAfter(end, r.serverDataEnd())) {
            if (r.serverSentData() && FlowRecord.isAfter(f.tcpSeq, r.serverDataEnd())) {
                r.addState(FlowRecord.GAP); // the segment before this one was not captured
            }
            r.serverDataEnd(end);
            return;
        }
        r.countRetransmission(f.payloadLength);
        if (r.firstRetransmissionFrame() == 0) {
            r.firstRetransmissionFrame(f.frameNumber);
            r.firstRetransmissionTime(f.timestampNanos);
        }
    }

    private static void serverFrame(FlowRecord r, DecodedFrame f, LegPair relayed) {
        if (relayed != null) {
            if (r.replyRelayFrame() == 0) {
                r.replyRelayFrame(relayed.afterFrame);
                r.replyRelayMac(relayed.relayMac);
                r.replySrcMac(relayed.beforeSrcMac);
                r.replyDstMac(relayed.relayMac);
            }
            return;
        }
        if (r.firstReplyFrame() == 0) {
            r.firstReplyFrame(f.frameNumber);
            r.firstReplyTime(f.timestampNanos);
            r.replySrcIp(f.ipSrc);
            r.replySrcMac(f.srcMac);
            r.replyDstMac(f.dstMac);
        }
        if (f.isSynAck() && r.synAckFrame() == 0) {
            r.synAckFrame(f.frameNumber);
        }
        if ((f.tcpFlags & DecodedFrame.RST) != 0) {
            r.addState(FlowRecord.RESET);
            if (r.serverResetFrame() == 0) {
                r.serverResetFrame(f.frameNumber);
                r.serverResetTime(f.timestampNanos);
                r.serverResetMac(f.srcMac);
            }
        }
        if ((f.tcpFlags & DecodedFrame.FIN) != 0) {
            r.addState(FlowRecord.SERVER_FIN);
        }
        if (f.payloadLength > 0) {
            serverData(r, f);
        }
    }

    private int open(DecodedFrame f) {
        if (live >= MAX_FLOWS) {
            retire(oldest);
            evictedFlows++;
        }
        int id = freeCount > 0 ? freeIds[--freeCount] : nextNewId();
        FlowRecord r = record(id);
        r.reset(f.ipSrc, f.srcPort, f.ipDst, f.dstPort, FlowRecord.LIVE);
        r.synSeq(f.tcpSeq);
        r.firstSynFrame(f.frameNumber);
        r.firstSynTime(f.timestampNanos);
        r.firstHopSrcMac(f.srcMac);
        r.firstHopDstMac(f.dstMac);
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
        FlowRecord r = view.at(records, id);
        int clientIp = r.clientIp();
        int serverIp = r.serverIp();
        int clientPort = r.clientPort();
        int serverPort = r.serverPort();
        listener.onFlowEnd(r);
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
        record(id).markRetired();
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
            FlowRecord r = record(id);
            int s = r.state();
            if ((s & FlowRecord.LIVE) == 0) {
                continue;
            }
            int bothFins = FlowRecord.CLIENT_FIN | FlowRecord.SERVER_FIN;
            boolean closed = (s & FlowRecord.RESET) != 0 || (s & bothFins) == bothFins;
            long quiet = now - r.lastSeen();
            if (quiet > IDLE_NANOS || (closed && quiet >= CLOSED_GRACE_NANOS)) {
                retire(id);
            }
        }
    }

    /** The flyweight positioned on flow {@code id}. */
    private FlowRecord record(int id) {
        return flow.at(records, id);
    }

    private boolean isLive(int id) {
        return (record(id).state() & FlowRecord.LIVE) != 0;
    }

    private int older(int id) {
        return record(id).older();
    }

    private int newer(int id) {
        return record(id).newer();
    }

    private void setLinks(int id, int older, int newer) {
        record(id).links(older, newer);
    }

    /** The flow between the two endpoints, in whichever direction it was opened, or -1. */
    private int lookup(int ip1, int port1, int ip2, int port2) {
        return byTuple.get(endpointsA(ip1, port1, ip2, port2), endpointsB(ip1, port1, ip2, port2));
    }

    /** True when {@code f} comes from the flow's client. */
    private boolean isClientSide(int id, DecodedFrame f) {
        FlowRecord r = record(id);
        return f.ipSrc == r.clientIp() && f.srcPort == r.clientPort();
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
            records = Arrays.copyOf(records, capacity * FlowRecord.STRIDE);
            freeIds = Arrays.copyOf(freeIds, capacity);
        }
        return highWater++;
    }
}

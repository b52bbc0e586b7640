package dev.drcheck.core.track;

import dev.drcheck.core.decode.DecodedFrame;
import dev.drcheck.core.decode.Layer;

import java.util.Arrays;

/**
 * Tracks TCP flows opened by a SYN, in flat arrays indexed by flow id so that nothing is allocated per frame.
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

    private final FlowEndListener listener;
    private final KeyIndex byTuple = new KeyIndex(1024, MAX_FLOWS);
    private final KeyIndex byClientSide = new KeyIndex(1024, MAX_FLOWS);
    private final View view = new View();

    private int capacity = 1024;
    private int highWater;
    private int[] freeIds = new int[capacity];
    private int freeCount;
    private int live;
    private long nextSweep = Long.MIN_VALUE;
    private long opened;
    private long evictedFlows;
    private int oldest = NONE;
    private int newest = NONE;
    private long midstreamFrames;
    private long serverToClientFrames;

    private int[] state = new int[capacity];
    private int[] clientIp = new int[capacity];
    private int[] serverIp = new int[capacity];
    private int[] ports = new int[capacity];
    private long[] synSeq = new long[capacity];
    private long[] firstSynFrame = new long[capacity];
    private long[] firstSynTime = new long[capacity];
    private int[] synTransmissions = new int[capacity];
    private long[] firstHopSrcMac = new long[capacity];
    private long[] firstHopDstMac = new long[capacity];
    private long[] deliveredMac = new long[capacity];
    private int[] deliveredIp = new int[capacity];
    private long[] deliveredFrame = new long[capacity];
    private long[] deliveredTime = new long[capacity];
    private long[] relayMac = new long[capacity];
    private long[] synAckFrame = new long[capacity];
    private long[] handshakeAckFrame = new long[capacity];
    private long[] firstReplyFrame = new long[capacity];
    private long[] firstReplyTime = new long[capacity];
    private int[] replySrcIp = new int[capacity];
    private long[] replySrcMac = new long[capacity];
    private long[] replyDstMac = new long[capacity];
    private long[] replyRelayMac = new long[capacity];
    private long[] replyRelayFrame = new long[capacity];
    private long[] serverResetFrame = new long[capacity];
    private long[] serverResetTime = new long[capacity];
    private long[] serverResetMac = new long[capacity];
    private long[] lastSeen = new long[capacity];
    private int[] olderFlow = new int[capacity];
    private int[] newerFlow = new int[capacity];

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
            if (id >= 0 && f.isSyn() && isClientSide(id, f) && synSeq[id] != f.tcpSeq) {
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
            midstreamFrames++;
            return FlowDirection.NONE;
        }
        lastSeen[id] = f.timestampNanos;
        if (isClientSide(id, f)) {
            clientFrame(id, f, relayed);
            return FlowDirection.CLIENT_TO_SERVER;
        }
        serverFrame(id, f, relayed);
        return FlowDirection.SERVER_TO_CLIENT;
    }

    /** Retires every flow still open; call once at the end of the capture. */
    public void finish() {
        for (int id = 0; id < highWater; id++) {
            if ((state[id] & LIVE) != 0) {
                retire(id);
            }
        }
    }

    /** Shows every open flow to {@code sink} without retiring it, for an interim report. */
    public void forEachLive(FlowEndListener sink) {
        for (int id = 0; id < highWater; id++) {
            if ((state[id] & LIVE) != 0) {
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

    /** TCP frames of flows whose SYN was not seen. */
    public long midstreamFrames() {
        return midstreamFrames;
    }

    /** Server-to-client frames seen (not counting forwarded copies). */
    public long serverToClientFrames() {
        return serverToClientFrames;
    }

    private void clientFrame(int id, DecodedFrame f, LegPair relayed) {
        if (relayed != null) {
            if (deliveredFrame[id] == 0) {
                deliveredFrame[id] = relayed.afterFrame;
                deliveredTime[id] = relayed.afterTimestampNanos;
                deliveredMac[id] = relayed.afterDstMac;
                deliveredIp[id] = relayed.afterDstIp;
                relayMac[id] = relayed.relayMac;
                firstHopSrcMac[id] = relayed.beforeSrcMac;
                firstHopDstMac[id] = relayed.relayMac;
            }
            return;
        }
        if (f.isSyn()) {
            synTransmissions[id]++;
        } else if (f.hasTcpFlags(DecodedFrame.ACK) && (f.tcpFlags & (DecodedFrame.SYN | DecodedFrame.RST)) == 0
                && f.tcpSeq == ((synSeq[id] + 1) & 0xffff_ffffL) && handshakeAckFrame[id] == 0) {
            handshakeAckFrame[id] = f.frameNumber;
        }
        if ((f.tcpFlags & DecodedFrame.FIN) != 0) {
            state[id] |= CLIENT_FIN;
        }
        if ((f.tcpFlags & DecodedFrame.RST) != 0) {
            state[id] |= RESET;
        }
    }

    private void serverFrame(int id, DecodedFrame f, LegPair relayed) {
        if (relayed != null) {
            if (replyRelayFrame[id] == 0) {
                replyRelayFrame[id] = relayed.afterFrame;
                replyRelayMac[id] = relayed.relayMac;
                replySrcMac[id] = relayed.beforeSrcMac;
                replyDstMac[id] = relayed.relayMac;
            }
            return;
        }
        serverToClientFrames++;
        if (firstReplyFrame[id] == 0) {
            firstReplyFrame[id] = f.frameNumber;
            firstReplyTime[id] = f.timestampNanos;
            replySrcIp[id] = f.ipSrc;
            replySrcMac[id] = f.srcMac;
            replyDstMac[id] = f.dstMac;
        }
        if (f.isSynAck() && synAckFrame[id] == 0) {
            synAckFrame[id] = f.frameNumber;
        }
        if ((f.tcpFlags & DecodedFrame.RST) != 0) {
            state[id] |= RESET;
            if (serverResetFrame[id] == 0) {
                serverResetFrame[id] = f.frameNumber;
                serverResetTime[id] = f.timestampNanos;
                serverResetMac[id] = f.srcMac;
            }
        }
        if ((f.tcpFlags & DecodedFrame.FIN) != 0) {
            state[id] |= SERVER_FIN;
        }
    }

    private int open(DecodedFrame f) {
        if (live >= MAX_FLOWS) {
            retire(oldest);
            evictedFlows++;
        }
        int id = freeCount > 0 ? freeIds[--freeCount] : nextNewId();
        clear(id);
        state[id] = LIVE;
        clientIp[id] = f.ipSrc;
        serverIp[id] = f.ipDst;
        ports[id] = (f.srcPort << 16) | f.dstPort;
        synSeq[id] = f.tcpSeq;
        firstSynFrame[id] = f.frameNumber;
        firstSynTime[id] = f.timestampNanos;
        firstHopSrcMac[id] = f.srcMac;
        firstHopDstMac[id] = f.dstMac;
        byTuple.put(endpointsA(f.ipSrc, f.srcPort, f.ipDst, f.dstPort),
                endpointsB(f.ipSrc, f.srcPort, f.ipDst, f.dstPort), id);
        byClientSide.put(clientSideA(f.ipSrc, f.srcPort), f.dstPort, id);
        olderFlow[id] = newest;
        newerFlow[id] = NONE;
        if (newest != NONE) {
            newerFlow[newest] = id;
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
        int clientPort = ports[id] >>> 16;
        int serverPort = ports[id] & 0xffff;
        byTuple.removeIfValue(endpointsA(clientIp[id], clientPort, serverIp[id], serverPort),
                endpointsB(clientIp[id], clientPort, serverIp[id], serverPort), id);
        byClientSide.removeIfValue(clientSideA(clientIp[id], clientPort), serverPort, id);
        int older = olderFlow[id];
        int newer = newerFlow[id];
        if (older != NONE) {
            newerFlow[older] = newer;
        } else {
            oldest = newer;
        }
        if (newer != NONE) {
            olderFlow[newer] = older;
        } else {
            newest = older;
        }
        state[id] = 0;
        freeIds[freeCount++] = id;
        live--;
    }

    private void sweepIfDue(long now) {
        if (now >= nextSweep) {
            if (nextSweep != Long.MIN_VALUE) {
                sweep(now, IDLE_NANOS, CLOSED_GRACE_NANOS);
            }
            nextSweep = now + SWEEP_INTERVAL_NANOS;
        }
    }

    private void sweep(long now, long idleLimit, long closedGrace) {
        for (int id = 0; id < highWater; id++) {
            int s = state[id];
            if ((s & LIVE) == 0) {
                continue;
            }
            boolean closed = (s & RESET) != 0 || (s & (CLIENT_FIN | SERVER_FIN)) == (CLIENT_FIN | SERVER_FIN);
            long quiet = now - lastSeen[id];
            if (quiet > idleLimit || (closed && quiet >= closedGrace)) {
                retire(id);
            }
        }
    }

    /** The flow between the two endpoints, in whichever direction it was opened, or -1. */
    private int lookup(int ip1, int port1, int ip2, int port2) {
        return byTuple.get(endpointsA(ip1, port1, ip2, port2), endpointsB(ip1, port1, ip2, port2));
    }

    /** True when {@code f} comes from the flow's client. */
    private boolean isClientSide(int id, DecodedFrame f) {
        return f.ipSrc == clientIp[id] && f.srcPort == (ports[id] >>> 16);
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
            grow();
        }
        return highWater++;
    }

    private void clear(int id) {
        synTransmissions[id] = 0;
        deliveredMac[id] = 0;
        deliveredIp[id] = 0;
        deliveredFrame[id] = 0;
        deliveredTime[id] = 0;
        relayMac[id] = 0;
        synAckFrame[id] = 0;
        handshakeAckFrame[id] = 0;
        firstReplyFrame[id] = 0;
        firstReplyTime[id] = 0;
        replySrcIp[id] = 0;
        replySrcMac[id] = 0;
        replyDstMac[id] = 0;
        replyRelayMac[id] = 0;
        replyRelayFrame[id] = 0;
        serverResetFrame[id] = 0;
        serverResetTime[id] = 0;
        serverResetMac[id] = 0;
    }

    private void grow() {
        capacity = Math.min(capacity * 2, MAX_FLOWS);
        freeIds = Arrays.copyOf(freeIds, capacity);
        state = Arrays.copyOf(state, capacity);
        clientIp = Arrays.copyOf(clientIp, capacity);
        serverIp = Arrays.copyOf(serverIp, capacity);
        ports = Arrays.copyOf(ports, capacity);
        synSeq = Arrays.copyOf(synSeq, capacity);
        firstSynFrame = Arrays.copyOf(firstSynFrame, capacity);
        firstSynTime = Arrays.copyOf(firstSynTime, capacity);
        synTransmissions = Arrays.copyOf(synTransmissions, capacity);
        firstHopSrcMac = Arrays.copyOf(firstHopSrcMac, capacity);
        firstHopDstMac = Arrays.copyOf(firstHopDstMac, capacity);
        deliveredMac = Arrays.copyOf(deliveredMac, capacity);
        deliveredIp = Arrays.copyOf(deliveredIp, capacity);
        deliveredFrame = Arrays.copyOf(deliveredFrame, capacity);
        deliveredTime = Arrays.copyOf(deliveredTime, capacity);
        relayMac = Arrays.copyOf(relayMac, capacity);
        synAckFrame = Arrays.copyOf(synAckFrame, capacity);
        handshakeAckFrame = Arrays.copyOf(handshakeAckFrame, capacity);
        firstReplyFrame = Arrays.copyOf(firstReplyFrame, capacity);
        firstReplyTime = Arrays.copyOf(firstReplyTime, capacity);
        replySrcIp = Arrays.copyOf(replySrcIp, capacity);
        replySrcMac = Arrays.copyOf(replySrcMac, capacity);
        replyDstMac = Arrays.copyOf(replyDstMac, capacity);
        replyRelayMac = Arrays.copyOf(replyRelayMac, capacity);
        replyRelayFrame = Arrays.copyOf(replyRelayFrame, capacity);
        serverResetFrame = Arrays.copyOf(serverResetFrame, capacity);
        serverResetTime = Arrays.copyOf(serverResetTime, capacity);
        serverResetMac = Arrays.copyOf(serverResetMac, capacity);
        lastSeen = Arrays.copyOf(lastSeen, capacity);
        olderFlow = Arrays.copyOf(olderFlow, capacity);
        newerFlow = Arrays.copyOf(newerFlow, capacity);
    }

    /** The reused view handed to the listener. */
    private final class View implements FlowView {
        private int id;

        View at(int flowId) {
            this.id = flowId;
            return this;
        }

        @Override public int clientIp() { return clientIp[id]; }
        @Override public int clientPort() { return ports[id] >>> 16; }
        @Override public int serverIp() { return serverIp[id]; }
        @Override public int serverPort() { return ports[id] & 0xffff; }
        @Override public long firstSynFrame() { return firstSynFrame[id]; }
        @Override public long firstSynTime() { return firstSynTime[id]; }
        @Override public int synTransmissions() { return synTransmissions[id]; }
        @Override public long firstHopSrcMac() { return firstHopSrcMac[id]; }
        @Override public long firstHopDstMac() { return firstHopDstMac[id]; }
        @Override public long deliveredMac() { return deliveredMac[id]; }
        @Override public int deliveredIp() { return deliveredIp[id]; }
        @Override public long deliveredFrame() { return deliveredFrame[id]; }
        @Override public long deliveredTime() { return deliveredTime[id]; }
        @Override public long relayMac() { return relayMac[id]; }
        @Override public long synAckFrame() { return synAckFrame[id]; }
        @Override public long handshakeAckFrame() { return handshakeAckFrame[id]; }
        @Override public long firstReplyFrame() { return firstReplyFrame[id]; }
        @Override public long firstReplyTime() { return firstReplyTime[id]; }
        @Override public int replySrcIp() { return replySrcIp[id]; }
        @Override public long replySrcMac() { return replySrcMac[id]; }
        @Override public long replyDstMac() { return replyDstMac[id]; }
        @Override public long replyRelayMac() { return replyRelayMac[id]; }
        @Override public long replyRelayFrame() { return replyRelayFrame[id]; }
        @Override public long serverResetFrame() { return serverResetFrame[id]; }
        @Override public long serverResetTime() { return serverResetTime[id]; }
        @Override public long serverResetMac() { return serverResetMac[id]; }
    }
}

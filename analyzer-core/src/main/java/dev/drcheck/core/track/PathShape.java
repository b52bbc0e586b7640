package dev.drcheck.core.track;

import dev.drcheck.core.frame.EvidenceLog;

/**
 * One way TCP flows went through the network: to which service, via which MACs, with replies from which
 * address and MAC to which MAC. {@link FlowLedger} sums the flows of each kind and how their handshakes ended.
 * MACs and addresses are 0 where the capture did not show them.
 */
public final class PathShape {
    private final int serverIp;
    private final int serverPort;
    private final long firstHopSrcMac;
    private final long firstHopDstMac;
    private final long deliveredMac;
    private final int deliveredIp;
    private final long relayMac;
    private final int replySrcIp;
    private final long replySrcMac;
    private final long replyDstMac;
    private final long replyRelayMac;
    private final int firstClientIp;
    private final EvidenceLog flows;
    private final EvidenceLog deliveredFrames;
    private final EvidenceLog replyFrames;
    private final EvidenceLog completed;
    private final EvidenceLog unanswered;
    private final EvidenceLog resets;
    private final EvidenceLog refused;
    private final EvidenceLog split;
    private final EvidenceLog stalled;
    private int largestStalledSegment;

    PathShape(FlowView flow) {
        this.serverIp = flow.serverIp();
        this.serverPort = flow.serverPort();
        this.firstHopSrcMac = flow.firstHopSrcMac();
        this.firstHopDstMac = flow.firstHopDstMac();
        this.deliveredMac = flow.deliveredMac();
        this.deliveredIp = flow.deliveredIp();
        this.relayMac = flow.relayMac();
        this.replySrcIp = flow.replySrcIp();
        this.replySrcMac = flow.replySrcMac();
        this.replyDstMac = flow.replyDstMac();
        this.replyRelayMac = flow.replyRelayMac();
        this.firstClientIp = flow.clientIp();
        this.flows = new EvidenceLog();
        this.deliveredFrames = new EvidenceLog();
        this.replyFrames = new EvidenceLog();
        this.completed = new EvidenceLog();
        this.unanswered = new EvidenceLog();
        this.resets = new EvidenceLog();
        this.refused = new EvidenceLog();
        this.split = new EvidenceLog();
        this.stalled = new EvidenceLog();
    }

    /** A copy of {@code other} whose counts can grow independently. */
    PathShape(PathShape other) {
        this.serverIp = other.serverIp;
        this.serverPort = other.serverPort;
        this.firstHopSrcMac = other.firstHopSrcMac;
        this.firstHopDstMac = other.firstHopDstMac;
        this.deliveredMac = other.deliveredMac;
        this.deliveredIp = other.deliveredIp;
        this.relayMac = other.relayMac;
        this.replySrcIp = other.replySrcIp;
        this.replySrcMac = other.replySrcMac;
        this.replyDstMac = other.replyDstMac;
        this.replyRelayMac = other.replyRelayMac;
        this.firstClientIp = other.firstClientIp;
        this.flows = other.flows.copy();
        this.deliveredFrames = other.deliveredFrames.copy();
        this.replyFrames = other.replyFrames.copy();
        this.completed = other.completed.copy();
        this.unanswered = other.unanswered.copy();
        this.resets = other.resets.copy();
        this.refused = other.refused.copy();
        this.split = other.split.copy();
        this.stalled = other.stalled.copy();
        this.largestStalledSegment = other.largestStalledSegment;
    }

    void add(FlowView flow) {
        flows.record(flow.firstSynFrame(), flow.firstSynTime());
        if (flow.deliveredFrame() != 0) {
            deliveredFrames.record(flow.deliveredFrame(), flow.deliveredTime());
        }
        if (flow.firstReplyFrame() != 0) {
            replyFrames.record(flow.firstReplyFrame(), flow.firstReplyTime());
        }
        if (flow.handshakeCompleted()) {
            completed.record(flow.handshakeAckFrame(), flow.firstSynTime());
        }
        if (flow.synUnanswered()) {
            unanswered.record(flow.deliveredFrame() != 0 ? flow.deliveredFrame() : flow.firstSynFrame(),
                    flow.deliveredFrame() != 0 ? flow.deliveredTime() : flow.firstSynTime());
        }
        if (flow.splitFrame() != 0) {
            split.record(flow.splitFrame(), flow.splitTime());
        }
        if (flow.repliesStalled()) {
            stalled.record(flow.firstRetransmissionFrame(), flow.firstRetransmissionTime());
            largestStalledSegment = Math.max(largestStalledSegment, flow.largestRetransmittedPayload());
        }
        if (flow.serverResetFrame() != 0) {
            resets.record(flow.serverResetFrame(), flow.serverResetTime());
            if (!flow.handshakeCompleted()) {
                refused.record(flow.serverResetFrame(), flow.serverResetTime());
            }
        }
    }

    /** The SYN's destination address. */
    public int serverIp() {
        return serverIp;
    }

    /** The SYN's destination port. */
    public int serverPort() {
        return serverPort;
    }

    /** Source MAC of the client's frames as first seen. */
    public long firstHopSrcMac() {
        return firstHopSrcMac;
    }

    /** Destination MAC of the client's frames as first seen. */
    public long firstHopDstMac() {
        return firstHopDstMac;
    }

    /** Destination MAC after a forwarding hop, 0 when none was seen. */
    public long deliveredMac() {
        return deliveredMac;
    }

    /** Destination IP after a forwarding hop, 0 when none was seen. */
    public int deliveredIp() {
        return deliveredIp;
    }

    /** The MAC that forwarded the client's frames, 0 when no hop was seen. */
    public long relayMac() {
        return relayMac;
    }

    /** Source IP of the replies, 0 when none was seen. */
    public int replySrcIp() {
        return replySrcIp;
    }

    /** Source MAC of the replies, 0 when none was seen. */
    public long replySrcMac() {
        return replySrcMac;
    }

    /** Destination MAC of the replies, 0 when none was seen. */
    public long replyDstMac() {
        return replyDstMac;
    }

    /** The MAC that relayed the replies onwards, 0 when none did. */
    public long replyRelayMac() {
        return replyRelayMac;
    }

    /** The client of the first flow of this kind. */
    public int firstClientIp() {
        return firstClientIp;
    }

    /**
     * The MAC that received the client's frames last: the delivered MAC, else the first-hop MAC; in a capture
     * without destination MACs (Linux cooked), the MAC that answered from the server address; 0 when unknown.
     */
    public long receiverMac() {
        return FlowView.receiverMac(deliveredMac, firstHopDstMac, replySrcIp, serverIp, replySrcMac);
    }

    /**
     * True when the forwarding hop rewrote the destination address (NAT): the client's frames reached the server
     * under another address than the one the SYN was sent to.
     */
    public boolean natForwarded() {
        return deliveredIp != 0 && deliveredIp != serverIp;
    }

    /** True when replies were seen. */
    public boolean repliesSeen() {
        return replySrcMac != 0;
    }

    /** One entry per flow: its first SYN. */
    public EvidenceLog flows() {
        return flows;
    }

    /** One entry per flow with a forwarded copy: the first forwarded frame. */
    public EvidenceLog deliveredFrames() {
        return deliveredFrames;
    }

    /** One entry per flow with replies: the first reply. */
    public EvidenceLog replyFrames() {
        return replyFrames;
    }

    /** One entry per flow whose handshake completed: the client's ACK. */
    public EvidenceLog completed() {
        return completed;
    }

    /** One entry per flow whose retransmitted SYN got no answer: the SYN as delivered. */
    public EvidenceLog unanswered() {
        return unanswered;
    }

    /** One entry per flow reset from the server side: the RST. */
    public EvidenceLog resets() {
        return resets;
    }

    /**
     * One entry per flow whose client frames the forwarding host sent to more than one MAC: the first frame that
     * went to another MAC.
     */
    public EvidenceLog split() {
        return split;
    }

    /** One entry per flow whose replies stalled ({@link FlowView#repliesStalled()}): its first retransmission. */
    public EvidenceLog stalled() {
        return stalled;
    }

    /** The largest retransmitted payload of the stalled flows, in bytes. */
    public int largestStalledSegment() {
        return largestStalledSegment;
    }

    /** One entry per flow reset from the server side before its handshake completed: the RST. */
    public EvidenceLog refused() {
        return refused;
    }

    boolean matches(FlowView f) {
        return serverIp == f.serverIp() && serverPort == f.serverPort() && firstHopSrcMac == f.firstHopSrcMac()
                && firstHopDstMac == f.firstHopDstMac() && deliveredMac == f.deliveredMac()
                && deliveredIp == f.deliveredIp() && relayMac == f.relayMac() && replySrcIp == f.replySrcIp()
                && replySrcMac == f.replySrcMac() && replyDstMac == f.replyDstMac()
                && replyRelayMac == f.replyRelayMac();
    }
}

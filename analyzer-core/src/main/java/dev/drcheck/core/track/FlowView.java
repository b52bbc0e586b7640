package dev.drcheck.core.track;

/**
 * What one TCP flow showed, as the {@link FlowTracker} saw it: who opened it, where the client's frames went
 * (first hop, and after a forwarding hop), how the handshake went and where the replies went. Frame numbers are
 * 0 and MACs/IPs 0 where the capture did not show the thing.
 *
 * <p>"First hop" is the client's first frame as first seen (addressed to the director in a healthy DR capture);
 * "delivered" is the same frame re-emitted after a forwarding hop (addressed to a real server).
 */
public interface FlowView {
    /** The address that sent the SYN. */
    int clientIp();

    /** The client's port. */
    int clientPort();

    /** The address the SYN was sent to (a VIP in DR). */
    int serverIp();

    /** The port the SYN was sent to. */
    int serverPort();

    /** Frame of the first SYN. */
    long firstSynFrame();

    /** Capture time of the first SYN. */
    long firstSynTime();

    /** SYNs the client transmitted (a retransmission counts again; a forwarded copy does not). */
    int synTransmissions();

    /** Source MAC of the client's first frame as first seen. */
    long firstHopSrcMac();

    /** Destination MAC of the client's first frame as first seen. */
    long firstHopDstMac();

    /** Destination MAC of the client's first frame after a forwarding hop, 0 when no hop was seen. */
    long deliveredMac();

    /** Destination IP after the forwarding hop, 0 when no hop was seen. */
    int deliveredIp();

    /** Frame of the first forwarded copy, 0 when none. */
    long deliveredFrame();

    /** Capture time of the first forwarded copy. */
    long deliveredTime();

    /** The MAC that forwarded the client's frames (the director in DR), 0 when no hop was seen. */
    long relayMac();

    /** Frame of the first SYN/ACK, 0 when none was seen. */
    long synAckFrame();

    /** Frame of the client's ACK completing the handshake, 0 when none was seen. */
    long handshakeAckFrame();

    /** Frame of the first server-to-client frame, 0 when none was seen. */
    long firstReplyFrame();

    /** Capture time of the first server-to-client frame. */
    long firstReplyTime();

    /** Source IP of the first server-to-client frame. */
    int replySrcIp();

    /** Source MAC of the first server-to-client frame. */
    long replySrcMac();

    /** Destination MAC of the first server-to-client frame. */
    long replyDstMac();

    /** The MAC that relayed the server's replies onwards, 0 when no relayed reply was seen. */
    long replyRelayMac();

    /** Frame of the first relayed reply, 0 when none. */
    long replyRelayFrame();

    /** Frame of the first RST from the server side, 0 when none. */
    long serverResetFrame();

    /** Capture time of the first RST from the server side. */
    long serverResetTime();

    /** Source MAC of the first RST from the server side. */
    long serverResetMac();

    /**
     * Frame of the first client frame the same forwarding host sent to another MAC than the flow's first
     * forwarded frame (one flow spread over several real servers), 0 when none.
     */
    long splitFrame();

    /** Capture time of {@link #splitFrame()}. */
    long splitTime();

    /** The other MAC the flow's frames were forwarded to, 0 when none. */
    long splitMac();

    /** Server segments with payload that repeated data the server had sent before (capped at 65535). */
    int serverRetransmissions();

    /** The largest payload among {@link #serverRetransmissions()}, in bytes; 0 when none. */
    int largestRetransmittedPayload();

    /** Frame of the first server retransmission, 0 when none. */
    long firstRetransmissionFrame();

    /** Capture time of {@link #firstRetransmissionFrame()}. */
    long firstRetransmissionTime();

    /** True when the server sent data that the client never acknowledged. */
    boolean serverDataUnacknowledged();

    /**
     * True when the server's replies stalled: the handshake completed, the server retransmitted data at least
     * twice and the client never acknowledged all of it. Data that does not arrive however often it is sent: a
     * path that drops it, typically a path-MTU black hole when the retransmitted segments are full-sized.
     */
    default boolean repliesStalled() {
        return handshakeCompleted() && serverRetransmissions() >= 2 && serverDataUnacknowledged();
    }

    /** True when the client completed the three-way handshake. */
    default boolean handshakeCompleted() {
        return handshakeAckFrame() != 0;
    }

    /** True when the SYN was retransmitted and nothing at all came back. */
    default boolean synUnanswered() {
        return synTransmissions() >= 2 && synAckFrame() == 0 && handshakeAckFrame() == 0
                && serverResetFrame() == 0;
    }

    /**
     * The MAC that received the client's frames last: the delivered MAC (the real server a director forwarded to),
     * else the first-hop MAC; in a capture without destination MACs (Linux cooked), the MAC that answered from the
     * server address; 0 when unknown.
     */
    default long receiverMac() {
        return receiverMac(deliveredMac(), firstHopDstMac(), replySrcIp(), serverIp(), replySrcMac());
    }

    /** {@link #receiverMac()} from the fields it is made of, for the types that keep them. */
    static long receiverMac(long deliveredMac, long firstHopDstMac, int replySrcIp, int serverIp, long replySrcMac) {
        if (deliveredMac != 0) {
            return deliveredMac;
        }
        if (firstHopDstMac != 0) {
            return firstHopDstMac;
        }
        return replySrcIp == serverIp ? replySrcMac : 0;
    }

    /** Capture time of the flow's latest frame. */
    long lastSeen();

    /**
     * True when the capture misses a frame of this flow that it would have shown: a server segment after a sequence
     * jump, server data the client acknowledged but the capture never showed, or a handshake whose SYN-ACK is
     * missing although the server's data was captured.
     */
    boolean captureGap();
}

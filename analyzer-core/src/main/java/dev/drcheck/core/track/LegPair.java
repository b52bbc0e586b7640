package dev.drcheck.core.track;

/**
 * One IP packet seen twice: before a forwarding hop and after it, where the second copy's source MAC is the
 * first copy's destination MAC (the host that forwarded it). A reusable view filled by {@link LegMatcher};
 * valid only while the current frame is dispatched.
 */
public final class LegPair {
    /** Frame number of the copy before the hop. */
    public long beforeFrame;
    /** Capture time of the copy before the hop. */
    public long beforeTimestampNanos;
    /** Source MAC before the hop. */
    public long beforeSrcMac;
    /** Destination MAC before the hop: the forwarding host. */
    public long relayMac;
    /** Destination IP before the hop. */
    public int beforeDstIp;
    /** Destination port before the hop. */
    public int beforeDstPort;
    /** TTL before the hop. */
    public int beforeTtl;
    /** Payload fingerprint before the hop. */
    public long beforePayloadHash;

    /** Frame number of the copy after the hop. */
    public long afterFrame;
    /** Capture time of the copy after the hop. */
    public long afterTimestampNanos;
    /** Destination MAC after the hop: where the forwarding host sent it. */
    public long afterDstMac;
    /** Destination IP after the hop. */
    public int afterDstIp;
    /** Destination port after the hop. */
    public int afterDstPort;
    /** TTL after the hop. */
    public int afterTtl;
    /** Payload fingerprint after the hop. */
    public long afterPayloadHash;

    /** Source IP (the same on both copies: it is part of what matches them). */
    public int srcIp;
    /** Source port (the same on both copies). */
    public int srcPort;
    /** IPv4 protocol. */
    public int ipProtocol;
}

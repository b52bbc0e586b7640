package dev.drcheck.core.track;

import dev.drcheck.core.frame.EvidenceLog;

/**
 * One kind of forwarding hop: which host forwarded which destination to which MAC, and what it changed on the
 * way (destination IP or port, TTL, payload). {@link LegLedger} counts the pairs of each kind.
 */
public final class LegShape {
    private final long relayMac;
    private final int beforeDstIp;
    private final int beforeDstPort;
    private final long afterDstMac;
    private final int afterDstIp;
    private final int afterDstPort;
    private final int ttlDecrease;
    private final boolean payloadChanged;
    private final FlowDirection direction;
    private final int ipProtocol;
    private final EvidenceLog forwardedFrames = new EvidenceLog();

    LegShape(LegPair pair, FlowDirection direction) {
        this.relayMac = pair.relayMac;
        this.beforeDstIp = pair.beforeDstIp;
        this.beforeDstPort = pair.beforeDstPort;
        this.afterDstMac = pair.afterDstMac;
        this.afterDstIp = pair.afterDstIp;
        this.afterDstPort = pair.afterDstPort;
        this.ttlDecrease = pair.beforeTtl - pair.afterTtl;
        this.payloadChanged = pair.beforePayloadHash != pair.afterPayloadHash;
        this.direction = direction;
        this.ipProtocol = pair.ipProtocol;
    }

    void record(LegPair pair) {
        forwardedFrames.record(pair.afterFrame, pair.afterTimestampNanos);
    }

    /** The host that forwarded: the original copy's destination MAC, the forwarded copy's source MAC. */
    public long relayMac() {
        return relayMac;
    }

    /** Destination IP of the original copy. */
    public int beforeDstIp() {
        return beforeDstIp;
    }

    /** Destination port of the original copy. */
    public int beforeDstPort() {
        return beforeDstPort;
    }

    /** Destination MAC of the forwarded copy. */
    public long afterDstMac() {
        return afterDstMac;
    }

    /** Destination IP of the forwarded copy. */
    public int afterDstIp() {
        return afterDstIp;
    }

    /** Destination port of the forwarded copy. */
    public int afterDstPort() {
        return afterDstPort;
    }

    /** How much the TTL went down across the hop (0 when a DR director only rewrote the MAC). */
    public int ttlDecrease() {
        return ttlDecrease;
    }

    /** True when the payload bytes differ between the copies. */
    public boolean payloadChanged() {
        return payloadChanged;
    }

    /** Which way the packet travelled in its TCP flow. */
    public FlowDirection direction() {
        return direction;
    }

    /** IPv4 protocol of the packet. */
    public int ipProtocol() {
        return ipProtocol;
    }

    /** The forwarded copies (their frame numbers and times) and how many there were. */
    public EvidenceLog forwardedFrames() {
        return forwardedFrames;
    }

    /** True when the hop changed only MAC addresses, as a DR director must. */
    public boolean onlyMacsChanged() {
        return beforeDstIp == afterDstIp && beforeDstPort == afterDstPort && ttlDecrease == 0 && !payloadChanged;
    }

    boolean matches(LegPair pair, FlowDirection dir) {
        return relayMac == pair.relayMac && beforeDstIp == pair.beforeDstIp && beforeDstPort == pair.beforeDstPort
                && afterDstMac == pair.afterDstMac && afterDstIp == pair.afterDstIp
                && afterDstPort == pair.afterDstPort && ttlDecrease == pair.beforeTtl - pair.afterTtl
                && payloadChanged == (pair.beforePayloadHash != pair.afterPayloadHash) && direction == dir
                && ipProtocol == pair.ipProtocol;
    }
}

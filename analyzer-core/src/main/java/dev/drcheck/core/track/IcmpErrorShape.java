package dev.drcheck.core.track;

import dev.drcheck.core.frame.EvidenceLog;

import java.util.Arrays;

/**
 * One kind of ICMP error about a flow, as {@link IcmpErrorLedger} sums them: who sent it (MAC and address), its
 * type and code, the MAC it was addressed to, whether and to whom that host passed it on, the flow's server
 * endpoint and the MAC the flow was delivered to. Counts the errors, their first frames, and the flows they
 * were about.
 */
public final class IcmpErrorShape {
    /** Most distinct flows counted per shape; beyond it {@link #flows()} stays at this value. */
    public static final int MAX_COUNTED_FLOWS = 64;

    private final long senderMac;
    private final int senderIp;
    private final int type;
    private final int code;
    private final long firstHopDstMac;
    private final int firstHopDstIp;
    private final boolean relayed;
    private final long relayDstMac;
    private final long flowReceiverMac;
    private final int serverIp;
    private final int serverPort;
    private final int protocol;
    private final boolean aboutServerPacket;
    private int firstClientIp;
    private int firstClientPort;
    private long firstTimeNanos;
    private int smallestMtu;
    private final long[] clientEndpoints = new long[MAX_COUNTED_FLOWS];
    private int flows;
    private final EvidenceLog errors;
    private final EvidenceLog relays;

    IcmpErrorShape(IcmpErrorLedger.Sighting s) {
        this.senderMac = s.senderMac;
        this.senderIp = s.senderIp;
        this.type = s.type;
        this.code = s.code;
        this.firstHopDstMac = s.dstMac;
        this.firstHopDstIp = s.dstIp;
        this.relayed = s.relayed;
        this.relayDstMac = s.relayDstMac;
        this.flowReceiverMac = s.flowReceiverMac;
        this.serverIp = s.serverIp;
        this.serverPort = s.serverPort;
        this.protocol = s.protocol;
        this.aboutServerPacket = s.aboutServerPacket;
        this.firstClientIp = s.clientIp;
        this.firstClientPort = s.clientPort;
        this.firstTimeNanos = s.timeNanos;
        this.smallestMtu = s.mtu;
        this.errors = new EvidenceLog();
        this.relays = new EvidenceLog();
    }

    IcmpErrorShape(IcmpErrorShape other) {
        this.senderMac = other.senderMac;
        this.senderIp = other.senderIp;
        this.type = other.type;
        this.code = other.code;
        this.firstHopDstMac = other.firstHopDstMac;
        this.firstHopDstIp = other.firstHopDstIp;
        this.relayed = other.relayed;
        this.relayDstMac = other.relayDstMac;
        this.flowReceiverMac = other.flowReceiverMac;
        this.serverIp = other.serverIp;
        this.serverPort = other.serverPort;
        this.protocol = other.protocol;
        this.aboutServerPacket = other.aboutServerPacket;
        this.firstClientIp = other.firstClientIp;
        this.firstClientPort = other.firstClientPort;
        this.firstTimeNanos = other.firstTimeNanos;
        this.smallestMtu = other.smallestMtu;
        System.arraycopy(other.clientEndpoints, 0, clientEndpoints, 0, other.flows);
        this.flows = other.flows;
        this.errors = other.errors.copy();
        this.relays = other.relays.copy();
    }

    boolean matches(IcmpErrorLedger.Sighting s) {
        return senderMac == s.senderMac && senderIp == s.senderIp && type == s.type && code == s.code
                && firstHopDstMac == s.dstMac && firstHopDstIp == s.dstIp && relayed == s.relayed
                && relayDstMac == s.relayDstMac && flowReceiverMac == s.flowReceiverMac && serverIp == s.serverIp
                && serverPort == s.serverPort && protocol == s.protocol && aboutServerPacket == s.aboutServerPacket;
    }

    void add(IcmpErrorLedger.Sighting s) {
        errors.record(s.frame, s.timeNanos);
        if (s.timeNanos < firstTimeNanos) {
            firstTimeNanos = s.timeNanos;
            firstClientIp = s.clientIp;
            firstClientPort = s.clientPort;
        }
        if (s.relayed && s.relayFrame != 0) {
            relays.record(s.relayFrame, s.relayTimeNanos);
        }
        if (s.mtu != 0 && (smallestMtu == 0 || s.mtu < smallestMtu)) {
            smallestMtu = s.mtu;
        }
        long client = ((s.clientIp & 0xffff_ffffL) << 16) | s.clientPort;
        for (int i = 0; i < flows; i++) {
            if (clientEndpoints[i] == client) {
                return;
            }
        }
        if (flows < MAX_COUNTED_FLOWS) {
            clientEndpoints[flows++] = client;
        }
    }

    /** Source MAC of the error as first seen: the host that sent it, or the last hop before the capture point. */
    public long senderMac() {
        return senderMac;
    }

    /** The error's source address: the host that reports the failure (a router, or the far end). */
    public int senderIp() {
        return senderIp;
    }

    /** ICMP type (3 destination unreachable, 4 source quench, 11 time exceeded, 12 parameter problem). */
    public int type() {
        return type;
    }

    /** ICMP code. */
    public int code() {
        return code;
    }

    /** The MAC the error was first seen addressed to; 0 in a capture without destination MACs. */
    public long firstHopDstMac() {
        return firstHopDstMac;
    }

    /** The error's destination address: the source of the failed packet. */
    public int firstHopDstIp() {
        return firstHopDstIp;
    }

    /** True when the host it was addressed to passed it on (the same ICMP packet seen again, sent by that host). */
    public boolean relayed() {
        return relayed;
    }

    /** The MAC the relayed copy went to; 0 when not relayed, or in a capture without destination MACs. */
    public long relayDstMac() {
        return relayDstMac;
    }

    /**
     * The MAC the failed packet's flow was delivered to when the error arrived (the real server a director
     * forwarded the flow to, see {@link FlowView#receiverMac()}); 0 when no open flow matched the quoted packet.
     */
    public long flowReceiverMac() {
        return flowReceiverMac;
    }

    /**
     * The server side of the quoted flow: the address the flow's SYN went to, else the quoted endpoint with the
     * lower port.
     */
    public int serverIp() {
        return serverIp;
    }

    /** The server side's port. */
    public int serverPort() {
        return serverPort;
    }

    /** Protocol of the quoted packet (6 TCP, 17 UDP). */
    public int protocol() {
        return protocol;
    }

    /** True when the failed packet was sent by the server side (a reply), false when by the client. */
    public boolean aboutServerPacket() {
        return aboutServerPacket;
    }

    /** Client address of the earliest error's flow (errors are summed in the order their outcome is known). */
    public int firstClientIp() {
        return firstClientIp;
    }

    /** Client port of the earliest error's flow. */
    public int firstClientPort() {
        return firstClientPort;
    }

    /** The smallest next-hop MTU that "fragmentation needed" errors of this kind stated; 0 when none did. */
    public int smallestMtu() {
        return smallestMtu;
    }

    /** Distinct client endpoints the errors were about, counted up to {@link #MAX_COUNTED_FLOWS}. */
    public int flows() {
        return flows;
    }

    /**
     * The distinct client endpoints counted in {@link #flows()}, each as address {@code << 16 |} port, so that
     * flows seen in several kinds of error are counted once.
     */
    public long[] clientEndpoints() {
        return Arrays.copyOf(clientEndpoints, flows);
    }

    /** The errors as first seen. */
    public EvidenceLog errors() {
        return errors;
    }

    /** The relayed copies (empty when not relayed, or relayed where the capture did not see it). */
    public EvidenceLog relays() {
        return relays;
    }
}

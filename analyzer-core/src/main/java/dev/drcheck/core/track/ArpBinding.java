package dev.drcheck.core.track;

import dev.drcheck.core.frame.EvidenceLog;

/**
 * What ARP showed about one (IP, MAC) pair: the MAC used the IP as its sender address, in replies (claiming it),
 * in gratuitous ARP (announcing it) or in requests (asking from it).
 */
public final class ArpBinding {
    private final int ip;
    private final long mac;
    private final EvidenceLog replies = new EvidenceLog();
    private final EvidenceLog gratuitous = new EvidenceLog();
    private final EvidenceLog requests = new EvidenceLog();

    ArpBinding(int ip, long mac) {
        this.ip = ip;
        this.mac = mac;
    }

    /** The sender protocol address. */
    public int ip() {
        return ip;
    }

    /** The sender hardware address. */
    public long mac() {
        return mac;
    }

    /** ARP replies with this pair as sender: the MAC answers for the IP. */
    public EvidenceLog replies() {
        return replies;
    }

    /** Gratuitous ARP (sender IP equals target IP) from this pair: the MAC announces the IP. */
    public EvidenceLog gratuitous() {
        return gratuitous;
    }

    /** Ordinary ARP requests with this pair as sender: the MAC asks about others using this IP as its own. */
    public EvidenceLog requests() {
        return requests;
    }

    /** True when the MAC claimed the IP, by reply or gratuitous ARP. */
    public boolean claims() {
        return !replies.isEmpty() || !gratuitous.isEmpty();
    }

    /** Frames of any kind that bind the pair. */
    public long frames() {
        return replies.count() + gratuitous.count() + requests.count();
    }
}

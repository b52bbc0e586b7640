package dev.drcheck.core.track;

import dev.drcheck.core.frame.EvidenceLog;

import java.util.Arrays;

/**
 * What one VRRP router (a source MAC advertising one VRID on one VLAN) claimed over the capture: its source
 * address, version, interval, authentication type and address list as first seen, its adverts and resign adverts
 * (priority 0), and the adverts it sent while another router of its VRID was advertising too. Filled by
 * {@link VrrpTracker}; judging is left to the checks.
 */
public final class VrrpRouter {
    private final int id;
    private final int vlan;
    private final int vrid;
    private final long mac;
    private final int ip;
    private final int version;
    private final int authType;
    private final int intervalCentis;
    private final int[] addresses;
    private final boolean fromVirtualMac;
    private final EvidenceLog adverts = new EvidenceLog();
    private final EvidenceLog resigns = new EvidenceLog();
    private final EvidenceLog concurrent = new EvidenceLog();
    private int maxPriority;
    private int lastPriority = -1;
    private long lastAdvertNanos = Long.MIN_VALUE;
    private long addressListChanges;
    private long lastResignFrame;
    private long lastResignNanos;
    private int rival = -1;

    VrrpRouter(int id, int vlan, int vrid, long mac, int ip, int version, int authType, int intervalCentis,
               int[] addresses, boolean fromVirtualMac) {
        this.id = id;
        this.vlan = vlan;
        this.vrid = vrid;
        this.mac = mac;
        this.ip = ip;
        this.version = version;
        this.authType = authType;
        this.intervalCentis = intervalCentis;
        this.addresses = addresses;
        this.fromVirtualMac = fromVirtualMac;
    }

    /** The tracker's index of this router. */
    public int id() {
        return id;
    }

    /** The outer VLAN id of its adverts, or -1 when untagged. */
    public int vlan() {
        return vlan;
    }

    /** The virtual router id it advertises. */
    public int vrid() {
        return vrid;
    }

    /** Its source MAC. */
    public long mac() {
        return mac;
    }

    /** The IPv4 source address of its first advert. */
    public int ip() {
        return ip;
    }

    /** The VRRP version of its first advert (2 or 3). */
    public int version() {
        return version;
    }

    /** The authentication type of its first advert (VRRP v2), or -1 for VRRP v3. */
    public int authType() {
        return authType;
    }

    /** The advertisement interval of its first advert, in centiseconds. */
    public int intervalCentis() {
        return intervalCentis;
    }

    /** The addresses of its first advert, sorted (a copy). */
    public int[] addresses() {
        return addresses.clone();
    }

    /** How many addresses its first advert listed. */
    public int addressCount() {
        return addresses.length;
    }

    /** True when {@code address} is in the address list of its first advert. */
    public boolean advertises(int address) {
        return Arrays.binarySearch(addresses, address) >= 0;
    }

    /** True when its adverts came from the VRID's virtual router MAC 00:00:5e:00:01:VRID. */
    public boolean fromVirtualMac() {
        return fromVirtualMac;
    }

    /** Its adverts with a priority above 0: it was master, or believed it was, when it sent them. */
    public EvidenceLog adverts() {
        return adverts;
    }

    /** Its priority-0 adverts: it resigned as master. */
    public EvidenceLog resigns() {
        return resigns;
    }

    /**
     * Its adverts (priority above 0) sent while it kept advertising and another router of its VRID had advertised
     * since its previous advert: two masters at once.
     */
    public EvidenceLog concurrent() {
        return concurrent;
    }

    /** The router that last advertised between two of its adverts (see {@link #concurrent()}), or -1. */
    public int rival() {
        return rival;
    }

    /** The highest priority it advertised. */
    public int maxPriority() {
        return maxPriority;
    }

    /** The priority of its latest advert, or -1 before the first. */
    public int lastPriority() {
        return lastPriority;
    }

    /** Adverts whose address list differed from the first one's. */
    public long addressListChanges() {
        return addressListChanges;
    }

    long lastResignFrame() {
        return lastResignFrame;
    }

    long lastResignNanos() {
        return lastResignNanos;
    }

    long lastAdvertNanos() {
        return lastAdvertNanos;
    }

    void onAdvert(int priority, long frame, long nanos, boolean sameAddresses) {
        if (priority == 0) {
            resigns.record(frame, nanos);
            lastResignFrame = frame;
            lastResignNanos = nanos;
        } else {
            adverts.record(frame, nanos);
            maxPriority = Math.max(maxPriority, priority);
            lastAdvertNanos = nanos;
        }
        lastPriority = priority;
        if (!sameAddresses) {
            addressListChanges++;
        }
    }

    void onConcurrent(int rivalId, long frame, long nanos) {
        concurrent.record(frame, nanos);
        rival = rivalId;
    }
}

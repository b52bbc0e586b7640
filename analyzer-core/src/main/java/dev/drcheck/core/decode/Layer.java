package dev.drcheck.core.decode;

/** The highest protocol layer a frame was decoded to. */
public enum Layer {
    /** Nothing usable was decoded (see the anomaly). */
    NONE,
    /**
     * A link header decoded (Ethernet, a Linux cooked header as {@code tcpdump -i any} writes, or the header of a
     * link type without MACs such as raw IP), with a payload drcheck does not interpret (IPv6, LLDP, ...).
     */
    ETHERNET,
    /** An ARP packet over Ethernet/IPv4. */
    ARP,
    /** An IPv4 packet whose transport drcheck does not interpret, or a non-first fragment. */
    IPV4,
    /** TCP over IPv4. */
    TCP,
    /** UDP over IPv4. */
    UDP,
    /** ICMP over IPv4. */
    ICMP,
    /** A VRRP v2 or v3 advertisement over IPv4. */
    VRRP
}

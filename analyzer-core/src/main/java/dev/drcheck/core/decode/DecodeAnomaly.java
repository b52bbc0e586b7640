package dev.drcheck.core.decode;

import java.util.Locale;

/**
 * A named kind of malformed or truncated wire data. The decoder counts these; it never throws for them.
 *
 * <p>{@link #id()} is the stable lower-case name shown in reports, in the Zeek style ({@code truncated_arp}).
 */
public enum DecodeAnomaly {
    /** The link type is not one the decoder understands. */
    UNSUPPORTED_LINK_TYPE,
    /** Fewer than 14 bytes: no complete Ethernet header. */
    TRUNCATED_ETHERNET,
    /** Fewer than 16 bytes: no complete Linux cooked (SLL v1) header. */
    TRUNCATED_SLL,
    /** Fewer than 20 bytes: no complete Linux cooked v2 (SLL2) header. */
    TRUNCATED_SLL2,
    /** Fewer than 13 bytes: no complete FDDI header. */
    TRUNCATED_FDDI,
    /** An 802.11 header cut off (before the end of its addresses, QoS or HT control field). */
    TRUNCATED_IEEE802_11,
    /** Fewer than 8 bytes of radiotap header, or fewer than its length field says. */
    TRUNCATED_RADIOTAP,
    /** A radiotap length field below the 8-byte fixed header. */
    BAD_RADIOTAP_LENGTH,
    /** An LLC header (3 bytes) or its SNAP extension (5 more) cut off after an FDDI or 802.11 header. */
    TRUNCATED_LLC,
    /** A raw-IP frame (LINKTYPE_RAW) with no byte at all. */
    TRUNCATED_RAW_IP,
    /** A raw-IP frame whose version nibble is neither 4 nor 6. */
    BAD_RAW_IP_VERSION,
    /** Fewer than 4 bytes: no complete BSD loopback (LINKTYPE_NULL) address family. */
    TRUNCATED_NULL,
    /** An NFLOG header (4 bytes) or attribute header (4 bytes) is cut off. */
    TRUNCATED_NFLOG,
    /**
     * An NFLOG attribute whose length is below its 4-byte header, or, for an attribute other than the payload, runs
     * past the captured bytes.
     */
    BAD_NFLOG_TLV,
    /** An 802.1Q/802.1ad/0x9100 tag (after an Ethernet or cooked header) is cut off. */
    TRUNCATED_VLAN,
    /** More VLAN tags than the decoder follows (a loop guard against hostile frames). */
    TOO_MANY_VLAN_TAGS,
    /** ARP body shorter than 28 bytes for Ethernet/IPv4. */
    TRUNCATED_ARP,
    /** ARP for a hardware or protocol type other than Ethernet/IPv4. */
    UNSUPPORTED_ARP,
    /** Fewer than 20 bytes of IPv4 header, or fewer than its IHL says. */
    TRUNCATED_IPV4,
    /** IPv4 ethertype with a version nibble other than 4. */
    BAD_IPV4_VERSION,
    /** IPv4 IHL below 5. */
    BAD_IPV4_HEADER_LENGTH,
    /** IPv4 total length smaller than its header. */
    BAD_IPV4_TOTAL_LENGTH,
    /** TCP header cut off (fewer than 20 bytes, or fewer than its data offset says). */
    TRUNCATED_TCP,
    /** TCP data offset below 5 or past the IP packet. */
    BAD_TCP_HEADER_LENGTH,
    /** UDP header cut off. */
    TRUNCATED_UDP,
    /** ICMP header cut off. */
    TRUNCATED_ICMP,
    /**
     * An ICMP error quotes less of the failed packet than RFC 792 requires: fewer than 20 bytes of IPv4 header (or
     * fewer than its IHL says), or, for TCP and UDP, fewer than the 4 bytes holding the ports.
     */
    TRUNCATED_ICMP_QUOTE,
    /** An ICMP error quotes something that is not an IPv4 header (version other than 4, or IHL below 5). */
    BAD_ICMP_QUOTE,
    /** A VRRP packet shorter than its 8-byte header, or whose address list is cut off by the capture. */
    TRUNCATED_VRRP,
    /** A VRRP packet whose version nibble is neither 2 nor 3. */
    BAD_VRRP_VERSION,
    /** A VRRP packet whose type is not 1 (advertisement), the only type RFC 3768 and RFC 5798 define. */
    BAD_VRRP_TYPE,
    /** A VRRP advertisement announcing no address, or more addresses than the IPv4 total length leaves room for. */
    BAD_VRRP_ADDRESS_COUNT;

    private final String id = name().toLowerCase(Locale.ROOT);

    /** The stable report name, e.g. {@code truncated_arp}. */
    public String id() {
        return id;
    }
}

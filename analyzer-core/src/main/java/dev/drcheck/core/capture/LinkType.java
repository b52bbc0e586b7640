package dev.drcheck.core.capture;

/**
 * The LINKTYPE_* values drcheck decodes (tcpdump.org/linktypes.html). Ethernet, FDDI and 802.11 show both MACs,
 * the Linux cooked types only the sender's; the IP-only types (raw IP, IPv4, IPv6, BSD loopback, NFLOG) carry no MAC
 * at all.
 */
public final class LinkType {
    /** BSD loopback, LINKTYPE_NULL: a 4-byte address family in the capturing host's byte order, then the packet. */
    public static final int NULL = 0;
    /** Ethernet II / IEEE 802.3, LINKTYPE_ETHERNET. */
    public static final int ETHERNET = 1;
    /**
     * Linux "cooked" capture v1, LINKTYPE_LINUX_SLL: a 16-byte pseudo-header instead of the link header, as
     * {@code tcpdump -i any} writes it before libpcap 1.10 (or with {@code -y LINUX_SLL}).
     */
    public static final int LINUX_SLL = 113;
    /**
     * Linux "cooked" capture v2, LINKTYPE_LINUX_SLL2: a 20-byte pseudo-header with the interface index, as
     * {@code tcpdump -i any} writes it from libpcap 1.10 / tcpdump 4.99 on.
     */
    public static final int LINUX_SLL2 = 276;
    /** FDDI, LINKTYPE_FDDI: frame control, destination and source MAC, then an 802.2 LLC header. */
    public static final int FDDI = 10;
    /** IEEE 802.11 wireless frames, LINKTYPE_IEEE802_11, as a monitor-mode capture records them. */
    public static final int IEEE802_11 = 105;
    /** IEEE 802.11 frames behind a radiotap header (radio information), LINKTYPE_IEEE802_11_RADIOTAP. */
    public static final int IEEE802_11_RADIOTAP = 127;
    /** Raw IP, LINKTYPE_RAW: the packet without any link header; its version nibble says IPv4 or IPv6. */
    public static final int RAW = 101;
    /** Raw IP as DLT_RAW on most BSDs, written by some tools as the link type of a raw-IP capture. */
    public static final int DLT_RAW_BSD = 12;
    /** Raw IP as DLT_RAW on OpenBSD, written by some tools as the link type of a raw-IP capture. */
    public static final int DLT_RAW_OPENBSD = 14;
    /** LINKTYPE_IPV4: raw IPv4 packets only. */
    public static final int IPV4 = 228;
    /** LINKTYPE_IPV6: raw IPv6 packets only. */
    public static final int IPV6 = 229;
    /**
     * Linux netfilter log, LINKTYPE_NFLOG: a 4-byte header (address family, version, resource id), then
     * type-length-value attributes, one of which holds the packet.
     */
    public static final int NFLOG = 239;

    /** The link types {@link #isSupported} accepts, in words, for messages. */
    public static final String SUPPORTED = "Ethernet, Linux cooked SLL and SLL2, FDDI, 802.11, 802.11 radiotap, raw IP,"
            + " IPv4, IPv6, BSD loopback, NFLOG";

    private LinkType() {
    }

    /** True when the decoder understands frames of this link type. */
    public static boolean isSupported(int linkType) {
        return switch (linkType) {
            case ETHERNET, LINUX_SLL, LINUX_SLL2, FDDI, IEEE802_11, IEEE802_11_RADIOTAP -> true;
            default -> isIpOnly(linkType);
        };
    }

    /** True for the link types whose frames carry an IP packet without any MAC (and so never ARP). */
    public static boolean isIpOnly(int linkType) {
        return switch (linkType) {
            case NULL, RAW, DLT_RAW_BSD, DLT_RAW_OPENBSD, IPV4, IPV6, NFLOG -> true;
            default -> false;
        };
    }

    /** A readable name for a link type, for messages. */
    public static String describe(int linkType) {
        return switch (linkType) {
            case ETHERNET -> "1 EN10MB/Ethernet";
            case LINUX_SLL -> "113 LINUX_SLL";
            case LINUX_SLL2 -> "276 LINUX_SLL2";
            case NULL -> "0 NULL/BSD loopback";
            case FDDI -> "10 FDDI";
            case IEEE802_11 -> "105 IEEE802_11";
            case IEEE802_11_RADIOTAP -> "127 IEEE802_11_RADIO";
            case RAW -> "101 RAW";
            case DLT_RAW_BSD -> "12 RAW";
            case DLT_RAW_OPENBSD -> "14 RAW";
            case IPV4 -> "228 IPV4";
            case IPV6 -> "229 IPV6";
            case NFLOG -> "239 NFLOG";
            default -> Integer.toString(linkType);
        };
    }
}

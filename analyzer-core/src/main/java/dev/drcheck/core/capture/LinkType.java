package dev.drcheck.core.capture;

/** The LINKTYPE_* values drcheck decodes (tcpdump.org/linktypes.html). */
public final class LinkType {
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

    private LinkType() {
    }

    /** True when the decoder understands frames of this link type. */
    public static boolean isSupported(int linkType) {
        return linkType == ETHERNET || linkType == LINUX_SLL || linkType == LINUX_SLL2;
    }

    /** A readable name for a link type, for messages. */
    public static String describe(int linkType) {
        return switch (linkType) {
            case ETHERNET -> "1 EN10MB/Ethernet";
            case LINUX_SLL -> "113 LINUX_SLL";
            case LINUX_SLL2 -> "276 LINUX_SLL2";
            default -> Integer.toString(linkType);
        };
    }
}

package dev.drcheck.core.capture;

/** The LINKTYPE_* values drcheck decodes (tcpdump.org/linktypes.html). */
public final class LinkType {
    /** Ethernet II / IEEE 802.3, LINKTYPE_ETHERNET. */
    public static final int ETHERNET = 1;

    private LinkType() {
    }

    /** True when the decoder understands frames of this link type. */
    public static boolean isSupported(int linkType) {
        return linkType == ETHERNET;
    }

    /** A readable name for a link type, for messages. */
    public static String describe(int linkType) {
        return linkType == ETHERNET ? "1 EN10MB/Ethernet" : Integer.toString(linkType);
    }
}

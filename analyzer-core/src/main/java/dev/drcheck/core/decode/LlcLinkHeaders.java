package dev.drcheck.core.decode;

import dev.drcheck.core.net.Mac;

/**
 * Decodes the link headers whose network layer follows an IEEE 802.2 LLC/SNAP header instead of an ethertype field:
 * FDDI (LINKTYPE_FDDI), IEEE 802.11 (LINKTYPE_IEEE802_11) and 802.11 behind a radiotap header
 * (LINKTYPE_IEEE802_11_RADIOTAP). Each sets the source and destination MACs (for 802.11: the frame's source and
 * destination addresses, whatever its To-DS/From-DS bits, never the access point's BSSID), finds the SNAP ethertype
 * and hands on to the VLAN-tag and network-layer decoding, as for Ethernet.
 *
 * <p>Frames without a network layer drcheck could read stay at {@link Layer#ETHERNET} with ethertype 0, without an
 * anomaly: 802.11 management and control frames, data frames without body (null data) or with an encrypted one,
 * and LLC frames that are not SNAP. A header cut off is a named anomaly ({@link DecodeAnomaly#TRUNCATED_FDDI},
 * {@link DecodeAnomaly#TRUNCATED_IEEE802_11}, {@link DecodeAnomaly#TRUNCATED_RADIOTAP},
 * {@link DecodeAnomaly#TRUNCATED_LLC}); a radiotap length below its own 8-byte header is
 * {@link DecodeAnomaly#BAD_RADIOTAP_LENGTH}.
 */
final class LlcLinkHeaders {
    private static final int NOT_INTERPRETED = 0;
    private static final int MAC_LENGTH = 6;

    /** FDDI: frame control (1), destination (6), source (6). */
    private static final int FDDI_HEADER_LENGTH = 13;

    /** Radiotap: version (1), padding (1), length (2, little-endian), present flags (4). */
    private static final int RADIOTAP_MIN_LENGTH = 8;

    private static final int WLAN_FRAME_CONTROL_LENGTH = 2;
    /** 802.11 data: frame control (2), duration (2), three addresses (18), sequence control (2). */
    private static final int WLAN_HEADER_LENGTH = 24;
    private static final int WLAN_TYPE_DATA = 2;
    private static final int WLAN_SUBTYPE_QOS = 0x8;
    private static final int WLAN_SUBTYPE_NO_BODY = 0x4;
    private static final int WLAN_TO_DS = 0x01;
    private static final int WLAN_FROM_DS = 0x02;
    private static final int WLAN_PROTECTED = 0x40;
    private static final int WLAN_ORDER = 0x80;
    private static final int WLAN_QOS_CONTROL_LENGTH = 2;
    private static final int WLAN_HT_CONTROL_LENGTH = 4;

    /** LLC: DSAP (1), SSAP (1), control (1). */
    private static final int LLC_HEADER_LENGTH = 3;
    /** LLC/SNAP: DSAP 0xaa, SSAP 0xaa, control 0x03, OUI (3), ethertype (2). */
    private static final int SNAP_HEADER_LENGTH = 8;
    private static final int LLC_SAP_SNAP = 0xaa;
    private static final int LLC_UNNUMBERED_INFORMATION = 0x03;

    private LlcLinkHeaders() {
    }

    /** FDDI: frame control, destination MAC, source MAC, then LLC. */
    static int decodeFddi(byte[] data, int start, int end, DecodedFrame out) {
        if (end - start < FDDI_HEADER_LENGTH) {
            return FrameDecoder.fail(out, DecodeAnomaly.TRUNCATED_FDDI);
        }
        setMacs(Mac.read(data, start + 1), Mac.read(data, start + 1 + MAC_LENGTH), out);
        return decodeLlc(data, start + FDDI_HEADER_LENGTH, end, out);
    }

    /** A radiotap header of the length it states, then an 802.11 frame. */
    static int decodeRadiotap(byte[] data, int start, int end, DecodedFrame out) {
        if (end - start < RADIOTAP_MIN_LENGTH) {
            return FrameDecoder.fail(out, DecodeAnomaly.TRUNCATED_RADIOTAP);
        }
        int length = (data[start + 2] & 0xff) | (data[start + 3] & 0xff) << 8;
        if (length < RADIOTAP_MIN_LENGTH) {
            return FrameDecoder.fail(out, DecodeAnomaly.BAD_RADIOTAP_LENGTH);
        }
        if (length > end - start) {
            return FrameDecoder.fail(out, DecodeAnomaly.TRUNCATED_RADIOTAP);
        }
        return decodeWlan(data, start + length, end, out);
    }

    /**
     * An 802.11 frame. Its frame control says the type (only data frames carry packets; management and control
     * frames are not interpreted and give no MACs), whether a QoS control field (QoS subtypes) and an HT control
     * field (QoS with the order bit) follow the addresses, whether a fourth address does (To-DS and From-DS both
     * set), and whether the body is encrypted.
     */
    static int decodeWlan(byte[] data, int start, int end, DecodedFrame out) {
        if (end - start < WLAN_FRAME_CONTROL_LENGTH) {
            return FrameDecoder.fail(out, DecodeAnomaly.TRUNCATED_IEEE802_11);
        }
        int control = data[start] & 0xff;
        int flags = data[start + 1] & 0xff;
        if (((control >>> 2) & 0x3) != WLAN_TYPE_DATA) {
            return notInterpreted(start, out);
        }
        boolean toDs = (flags & WLAN_TO_DS) != 0;
        boolean fromDs = (flags & WLAN_FROM_DS) != 0;
        int subtype = control >>> 4;
        int headerLength = WLAN_HEADER_LENGTH + (toDs && fromDs ? MAC_LENGTH : 0);
        if ((subtype & WLAN_SUBTYPE_QOS) != 0) {
            headerLength += WLAN_QOS_CONTROL_LENGTH + ((flags & WLAN_ORDER) != 0 ? WLAN_HT_CONTROL_LENGTH : 0);
        }
        if (end - start < headerLength) {
            return FrameDecoder.fail(out, DecodeAnomaly.TRUNCATED_IEEE802_11);
        }
        int address1 = start + 4;
        int address3 = address1 + 2 * MAC_LENGTH;
        int destination = toDs ? address3 : address1;
        int source = fromDs ? (toDs ? start + WLAN_HEADER_LENGTH : address3) : address1 + MAC_LENGTH;
        setMacs(Mac.read(data, destination), Mac.read(data, source), out);
        if ((subtype & WLAN_SUBTYPE_NO_BODY) != 0 || (flags & WLAN_PROTECTED) != 0) {
            return notInterpreted(start + headerLength, out);
        }
        return decodeLlc(data, start + headerLength, end, out);
    }

    /** An LLC header: SNAP gives the ethertype (then VLAN tags as in Ethernet); any other LLC is not interpreted. */
    private static int decodeLlc(byte[] data, int start, int end, DecodedFrame out) {
        if (end - start < LLC_HEADER_LENGTH) {
            return FrameDecoder.fail(out, DecodeAnomaly.TRUNCATED_LLC);
        }
        if ((data[start] & 0xff) != LLC_SAP_SNAP || (data[start + 1] & 0xff) != LLC_SAP_SNAP
                || (data[start + 2] & 0xff) != LLC_UNNUMBERED_INFORMATION) {
            return notInterpreted(start, out);
        }
        if (end - start < SNAP_HEADER_LENGTH) {
            return FrameDecoder.fail(out, DecodeAnomaly.TRUNCATED_LLC);
        }
        int etherType = (data[start + 6] & 0xff) << 8 | (data[start + 7] & 0xff);
        return FrameDecoder.decodeTypeAndVlanTags(data, etherType, start + SNAP_HEADER_LENGTH, end, out);
    }

    private static void setMacs(long destination, long source, DecodedFrame out) {
        out.dstMac = destination;
        out.srcMac = source;
        out.dstMacKnown = true;
        out.srcMacKnown = true;
    }

    private static int notInterpreted(int offset, DecodedFrame out) {
        out.etherType = NOT_INTERPRETED;
        out.layer = Layer.ETHERNET;
        return offset;
    }
}

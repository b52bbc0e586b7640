package dev.drcheck.core.decode;

import dev.drcheck.core.capture.CapturedFrame;
import dev.drcheck.core.capture.LinkType;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.net.Mac;

/**
 * Decodes the headers of a captured frame into a reusable {@link DecodedFrame}: Ethernet II with up to
 * {@value #MAX_VLAN_TAGS} 802.1Q/802.1ad tags, ARP, IPv4, and TCP, UDP or ICMP over IPv4.
 *
 * <p>Decoding allocates nothing and never throws for wire data: every read is bounds-checked against the captured
 * length, and the first malformation found becomes {@link DecodedFrame#anomaly}, with {@link DecodedFrame#layer}
 * the highest layer decoded completely before it. Conventions:
 * <ul>
 *   <li>An Ethernet type field of 1500 or less is an 802.3 length: the frame stops at {@link Layer#ETHERNET} with
 *       that length as {@link DecodedFrame#etherType}, without an anomaly.</li>
 *   <li>The IPv4 packet ends at its total length or at the end of the capture, whichever is first, so Ethernet
 *       padding is never read as payload.</li>
 *   <li>A non-first fragment stops at {@link Layer#IPV4}. A first fragment (MF set) is decoded into its transport
 *       header when the fragment is long enough to hold the minimal header; otherwise it stops cleanly at
 *       {@link Layer#IPV4}.</li>
 *   <li>TCP and UDP payload fields count bytes from the IPv4 total length; a payload cut by the snap length is not
 *       an anomaly ({@link DecodedFrame#payloadCapturedLength} is then smaller than
 *       {@link DecodedFrame#payloadLength}). ICMP sets no payload fields.</li>
 *   <li>ICMP needs its full 8-byte header; fewer bytes are {@link DecodeAnomaly#TRUNCATED_ICMP}.</li>
 * </ul>
 *
 * <p>Each link type has its own method that decodes the link header and finds the network layer; adding a link
 * type means adding such a method and a case in {@link #decode}. A decoder keeps no state between frames.
 */
public final class FrameDecoder {
    /** The most VLAN tags followed before a frame is reported as {@link DecodeAnomaly#TOO_MANY_VLAN_TAGS}. */
    public static final int MAX_VLAN_TAGS = 4;

    private static final int ETHERNET_HEADER_LENGTH = 14;
    private static final int VLAN_TAG_LENGTH = 4;
    private static final int MAX_IEEE_802_3_LENGTH = 1500;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_ARP = 0x0806;
    private static final int ETHERTYPE_VLAN_8021Q = 0x8100;
    private static final int ETHERTYPE_VLAN_8021AD = 0x88a8;
    private static final int ETHERTYPE_VLAN_QINQ_LEGACY = 0x9100;

    private static final int ARP_FIXED_LENGTH = 8;
    private static final int ARP_ETHERNET_IPV4_LENGTH = 28;
    private static final int ARP_HARDWARE_ETHERNET = 1;
    private static final int MAC_LENGTH = 6;
    private static final int IPV4_ADDRESS_LENGTH = 4;

    private static final int IPV4_MIN_HEADER_LENGTH = 20;
    private static final int IPV4_FLAG_MORE_FRAGMENTS = 0x2000;
    private static final int IPV4_FRAGMENT_OFFSET_MASK = 0x1fff;
    private static final int PROTOCOL_ICMP = 1;
    private static final int PROTOCOL_TCP = 6;
    private static final int PROTOCOL_UDP = 17;
    private static final int TCP_MIN_HEADER_LENGTH = 20;
    private static final int UDP_HEADER_LENGTH = 8;
    private static final int ICMP_HEADER_LENGTH = 8;

    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /**
     * Decodes {@code in} into {@code out}, overwriting the frame number, timestamp, data reference, layer, anomaly
     * and the fields of every layer decoded.
     *
     * @return true when the frame decoded without an anomaly, that is {@code out.anomaly == null}
     */
    public boolean decode(CapturedFrame in, DecodedFrame out) {
        out.frameNumber = in.frameNumber;
        out.timestampNanos = in.timestampNanos;
        out.data = in.data;
        out.layer = Layer.NONE;
        out.anomaly = null;
        out.vlanTagCount = 0;
        out.outerVlanId = -1;
        out.ipFragment = false;
        out.payloadOffset = 0;
        out.payloadLength = 0;
        out.payloadCapturedLength = 0;

        byte[] data = in.data;
        int end = in.offset + in.capturedLength;
        int networkOffset = switch (in.linkType) {
            case LinkType.ETHERNET -> decodeEthernet(data, in.offset, end, out);
            default -> fail(out, DecodeAnomaly.UNSUPPORTED_LINK_TYPE);
        };
        if (networkOffset >= 0) {
            decodeNetworkLayer(data, networkOffset, end, out);
        }
        return out.anomaly == null;
    }

    /**
     * Decodes an Ethernet II header and its VLAN tags.
     *
     * @return the offset of the network-layer header, with {@code out.etherType} set; or -1 after an anomaly
     */
    private static int decodeEthernet(byte[] data, int start, int end, DecodedFrame out) {
        if (end - start < ETHERNET_HEADER_LENGTH) {
            return fail(out, DecodeAnomaly.TRUNCATED_ETHERNET);
        }
        out.dstMac = Mac.read(data, start);
        out.srcMac = Mac.read(data, start + MAC_LENGTH);
        int typeOffset = start + 2 * MAC_LENGTH;
        int type = readUnsignedShort(data, typeOffset);
        while (isVlanTagType(type)) {
            if (out.vlanTagCount == MAX_VLAN_TAGS) {
                return fail(out, DecodeAnomaly.TOO_MANY_VLAN_TAGS);
            }
            if (end - typeOffset < 2 + VLAN_TAG_LENGTH) {
                return fail(out, DecodeAnomaly.TRUNCATED_VLAN);
            }
            if (out.vlanTagCount == 0) {
                out.outerVlanId = readUnsignedShort(data, typeOffset + 2) & 0x0fff;
            }
            out.vlanTagCount++;
            typeOffset += VLAN_TAG_LENGTH;
            type = readUnsignedShort(data, typeOffset);
        }
        out.etherType = type;
        out.layer = Layer.ETHERNET;
        return typeOffset + 2;
    }

    private static boolean isVlanTagType(int etherType) {
        return etherType == ETHERTYPE_VLAN_8021Q || etherType == ETHERTYPE_VLAN_8021AD
                || etherType == ETHERTYPE_VLAN_QINQ_LEGACY;
    }

    private static void decodeNetworkLayer(byte[] data, int start, int end, DecodedFrame out) {
        if (out.etherType <= MAX_IEEE_802_3_LENGTH) {
            return;
        }
        switch (out.etherType) {
            case ETHERTYPE_ARP -> decodeArp(data, start, end, out);
            case ETHERTYPE_IPV4 -> decodeIpv4(data, start, end, out);
            default -> {
                // Ethertypes drcheck does not interpret (IPv6, LLDP, ...) stay at Layer.ETHERNET.
            }
        }
    }

    private static void decodeArp(byte[] data, int start, int end, DecodedFrame out) {
        int available = end - start;
        if (available < ARP_FIXED_LENGTH) {
            fail(out, DecodeAnomaly.TRUNCATED_ARP);
            return;
        }
        if (readUnsignedShort(data, start) != ARP_HARDWARE_ETHERNET
                || readUnsignedShort(data, start + 2) != ETHERTYPE_IPV4
                || (data[start + 4] & 0xff) != MAC_LENGTH
                || (data[start + 5] & 0xff) != IPV4_ADDRESS_LENGTH) {
            fail(out, DecodeAnomaly.UNSUPPORTED_ARP);
            return;
        }
        if (available < ARP_ETHERNET_IPV4_LENGTH) {
            fail(out, DecodeAnomaly.TRUNCATED_ARP);
            return;
        }
        out.arpOperation = readUnsignedShort(data, start + 6);
        out.arpSenderMac = Mac.read(data, start + 8);
        out.arpSenderIp = Ipv4.read(data, start + 14);
        out.arpTargetMac = Mac.read(data, start + 18);
        out.arpTargetIp = Ipv4.read(data, start + 24);
        out.layer = Layer.ARP;
    }

    private static void decodeIpv4(byte[] data, int start, int end, DecodedFrame out) {
        int available = end - start;
        if (available < IPV4_MIN_HEADER_LENGTH) {
            fail(out, DecodeAnomaly.TRUNCATED_IPV4);
            return;
        }
        int versionAndLength = data[start] & 0xff;
        if (versionAndLength >>> 4 != 4) {
            fail(out, DecodeAnomaly.BAD_IPV4_VERSION);
            return;
        }
        int headerLength = (versionAndLength & 0x0f) * 4;
        if (headerLength < IPV4_MIN_HEADER_LENGTH) {
            fail(out, DecodeAnomaly.BAD_IPV4_HEADER_LENGTH);
            return;
        }
        if (available < headerLength) {
            fail(out, DecodeAnomaly.TRUNCATED_IPV4);
            return;
        }
        int totalLength = readUnsignedShort(data, start + 2);
        if (totalLength < headerLength) {
            fail(out, DecodeAnomaly.BAD_IPV4_TOTAL_LENGTH);
            return;
        }
        int fragmentField = readUnsignedShort(data, start + 6);
        boolean moreFragments = (fragmentField & IPV4_FLAG_MORE_FRAGMENTS) != 0;
        int fragmentOffset = fragmentField & IPV4_FRAGMENT_OFFSET_MASK;
        out.ipTotalLength = totalLength;
        out.ipId = readUnsignedShort(data, start + 4);
        out.ipFragment = moreFragments || fragmentOffset != 0;
        out.ttl = data[start + 8] & 0xff;
        out.ipProtocol = data[start + 9] & 0xff;
        out.ipSrc = Ipv4.read(data, start + 12);
        out.ipDst = Ipv4.read(data, start + 16);
        out.layer = Layer.IPV4;
        if (fragmentOffset != 0) {
            return;
        }

        int transportStart = start + headerLength;
        int transportStatedLength = totalLength - headerLength;
        int packetEnd = Math.min(end, start + totalLength);
        if (moreFragments && transportStatedLength < minimumTransportHeaderLength(out.ipProtocol)) {
            return;
        }
        switch (out.ipProtocol) {
            case PROTOCOL_TCP -> decodeTcp(data, transportStart, packetEnd, transportStatedLength, out);
            case PROTOCOL_UDP -> decodeUdp(data, transportStart, packetEnd, transportStatedLength, out);
            case PROTOCOL_ICMP -> decodeIcmp(data, transportStart, packetEnd, out);
            default -> {
                // Other protocols (GRE, ESP, ...) stay at Layer.IPV4.
            }
        }
    }

    private static int minimumTransportHeaderLength(int protocol) {
        return switch (protocol) {
            case PROTOCOL_TCP -> TCP_MIN_HEADER_LENGTH;
            case PROTOCOL_UDP -> UDP_HEADER_LENGTH;
            case PROTOCOL_ICMP -> ICMP_HEADER_LENGTH;
            default -> 0;
        };
    }

    /**
     * Decodes a TCP header and locates its payload.
     *
     * @param end          end of the captured part of the IPv4 packet
     * @param statedLength segment length the IPv4 total length implies; never less than {@code end - start}
     */
    private static void decodeTcp(byte[] data, int start, int end, int statedLength, DecodedFrame out) {
        int available = end - start;
        if (available < TCP_MIN_HEADER_LENGTH) {
            fail(out, DecodeAnomaly.TRUNCATED_TCP);
            return;
        }
        int headerLength = ((data[start + 12] & 0xff) >>> 4) * 4;
        if (headerLength < TCP_MIN_HEADER_LENGTH || headerLength > statedLength) {
            fail(out, DecodeAnomaly.BAD_TCP_HEADER_LENGTH);
            return;
        }
        if (available < headerLength) {
            fail(out, DecodeAnomaly.TRUNCATED_TCP);
            return;
        }
        out.srcPort = readUnsignedShort(data, start);
        out.dstPort = readUnsignedShort(data, start + 2);
        out.tcpSeq = Ipv4.read(data, start + 4) & 0xffff_ffffL;
        out.tcpAck = Ipv4.read(data, start + 8) & 0xffff_ffffL;
        out.tcpFlags = data[start + 13] & 0xff;
        setPayload(out, start + headerLength, end, statedLength - headerLength);
        out.layer = Layer.TCP;
    }

    /** As {@link #decodeTcp}; the UDP length field is not used, the IPv4 total length decides the payload. */
    private static void decodeUdp(byte[] data, int start, int end, int statedLength, DecodedFrame out) {
        if (end - start < UDP_HEADER_LENGTH) {
            fail(out, DecodeAnomaly.TRUNCATED_UDP);
            return;
        }
        out.srcPort = readUnsignedShort(data, start);
        out.dstPort = readUnsignedShort(data, start + 2);
        setPayload(out, start + UDP_HEADER_LENGTH, end, statedLength - UDP_HEADER_LENGTH);
        out.layer = Layer.UDP;
    }

    private static void decodeIcmp(byte[] data, int start, int end, DecodedFrame out) {
        if (end - start < ICMP_HEADER_LENGTH) {
            fail(out, DecodeAnomaly.TRUNCATED_ICMP);
            return;
        }
        out.icmpType = data[start] & 0xff;
        out.icmpCode = data[start + 1] & 0xff;
        out.layer = Layer.ICMP;
    }

    private static void setPayload(DecodedFrame out, int payloadStart, int capturedEnd, int statedLength) {
        out.payloadOffset = payloadStart;
        out.payloadLength = statedLength;
        out.payloadCapturedLength = capturedEnd - payloadStart;
    }

    private static int fail(DecodedFrame out, DecodeAnomaly anomaly) {
        out.anomaly = anomaly;
        return -1;
    }

    private static int readUnsignedShort(byte[] data, int at) {
        return (data[at] & 0xff) << 8 | (data[at + 1] & 0xff);
    }

    /**
     * A 64-bit FNV-1a hash of a TCP or UDP payload, to recognise the same packet seen at two capture points (before
     * and after the load balancer). It covers the captured payload bytes followed by the four bytes of
     * {@link DecodedFrame#payloadLength} (big-endian), so payloads that differ only beyond the snap length still
     * collide, and equal prefixes of different lengths do not.
     *
     * @param frame a frame decoded to {@link Layer#TCP} or {@link Layer#UDP}; other frames hash as an empty payload
     */
    public static long payloadHash(DecodedFrame frame) {
        long hash = FNV_OFFSET_BASIS;
        byte[] data = frame.data;
        int end = frame.payloadOffset + frame.payloadCapturedLength;
        for (int i = frame.payloadOffset; i < end; i++) {
            hash = (hash ^ (data[i] & 0xff)) * FNV_PRIME;
        }
        int length = frame.payloadLength;
        for (int shift = 24; shift >= 0; shift -= 8) {
            hash = (hash ^ ((length >>> shift) & 0xff)) * FNV_PRIME;
        }
        return hash;
    }
}

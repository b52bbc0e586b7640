package dev.drcheck.core.decode;

import dev.drcheck.core.capture.CapturedFrame;
import dev.drcheck.core.capture.LinkType;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.net.Mac;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Decodes the headers of a captured frame into a reusable {@link DecodedFrame}: Ethernet II or a Linux cooked
 * header (LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2), each with up to {@value #MAX_VLAN_TAGS} 802.1Q/802.1ad/0x9100
 * tags, a link header followed by LLC/SNAP ({@link LlcLinkHeaders}: FDDI, 802.11, radiotap), or the header of a
 * link type without MACs ({@link IpOnlyLinkHeaders}: raw IP, IPv4, IPv6, BSD loopback, NFLOG); then ARP, IPv4, and
 * TCP, UDP, ICMP or VRRP ({@link VrrpDecoder}) over IPv4.
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
 *   <li>A Linux cooked header decodes to {@link Layer#ETHERNET} like an Ethernet header: its protocol field is the
 *       ethertype (VLAN tags follow it as in Ethernet), its one link-layer address is the source MAC when the
 *       device is Ethernet (ARPHRD 1) with a 6-byte address, and the destination MAC is unknown
 *       ({@link DecodedFrame#dstMacKnown} false, {@link DecodedFrame#dstMac} 0). Its packet type and (SLL2)
 *       interface index are kept in {@link DecodedFrame#cookedPacketType} and
 *       {@link DecodedFrame#cookedInterfaceIndex}.</li>
 *   <li>TCP and UDP payload fields count bytes from the IPv4 total length; a payload cut by the snap length is not
 *       an anomaly ({@link DecodedFrame#payloadCapturedLength} is then smaller than
 *       {@link DecodedFrame#payloadLength}). ICMP sets no payload fields.</li>
 *   <li>ICMP needs its full 8-byte header; fewer bytes are {@link DecodeAnomaly#TRUNCATED_ICMP}. An ICMP error
 *       (types 3, 4, 11, 12) also has its quoted packet decoded ({@link DecodedFrame#icmpQuoted}): the IPv4 header
 *       and, for TCP and UDP, the ports; a quote too short for them is {@link DecodeAnomaly#TRUNCATED_ICMP_QUOTE},
 *       one that is not IPv4 {@link DecodeAnomaly#BAD_ICMP_QUOTE}, and the frame stays at {@link Layer#ICMP}.</li>
 *   <li>VRRP (IP protocol 112) is decoded up to its address list; a malformed advertisement is one of the
 *       {@code *_VRRP*} anomalies and the frame stays at {@link Layer#IPV4}.</li>
 * </ul>
 *
 * <p>Each link type has its own method that decodes the link header and finds the network layer; adding a link
 * type means adding such a method and a case in {@link #decode}. A decoder keeps no state between frames.
 */
public final class FrameDecoder {
    /** The most VLAN tags followed before a frame is reported as {@link DecodeAnomaly#TOO_MANY_VLAN_TAGS}. */
    public static final int MAX_VLAN_TAGS = 4;

    private static final int ETHERNET_HEADER_LENGTH = 14;
    /** SLL: packet type (2), ARPHRD (2), address length (2), address (8), protocol (2). */
    private static final int SLL_HEADER_LENGTH = 16;
    /** SLL2: protocol (2), reserved (2), ifindex (4), ARPHRD (2), packet type (1), address length (1), address (8). */
    private static final int SLL2_HEADER_LENGTH = 20;
    private static final int ARPHRD_ETHER = 1;
    private static final int VLAN_TAG_LENGTH = 4;
    private static final int MAX_IEEE_802_3_LENGTH = 1500;
    static final int ETHERTYPE_IPV4 = 0x0800;
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
    private static final int ICMP_DESTINATION_UNREACHABLE = 3;
    private static final int ICMP_SOURCE_QUENCH = 4;
    private static final int ICMP_TIME_EXCEEDED = 11;
    private static final int ICMP_PARAMETER_PROBLEM = 12;
    private static final int ICMP_FRAGMENTATION_NEEDED = 4;

    /** Payload bytes covered by {@link #payloadHash}. */
    public static final int PAYLOAD_HASH_BYTES = 64;

    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long HASH_MULTIPLIER = 0x9E3779B97F4A7C15L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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
        out.srcMac = 0;
        out.dstMac = 0;
        out.srcMacKnown = false;
        out.dstMacKnown = false;
        out.cookedPacketType = -1;
        out.cookedInterfaceIndex = -1;
        out.vlanTagCount = 0;
        out.outerVlanId = -1;
        out.ipFragment = false;
        out.payloadOffset = 0;
        out.payloadLength = 0;
        out.payloadCapturedLength = 0;
        out.networkOffset = -1;
        out.capturedEnd = in.offset + in.capturedLength;

        byte[] data = in.data;
        int end = in.offset + in.capturedLength;
        int networkOffset = switch (in.linkType) {
            case LinkType.ETHERNET -> decodeEthernet(data, in.offset, end, out);
            case LinkType.LINUX_SLL -> decodeLinuxSll(data, in.offset, end, out);
            case LinkType.LINUX_SLL2 -> decodeLinuxSll2(data, in.offset, end, out);
            case LinkType.RAW, LinkType.DLT_RAW_BSD, LinkType.DLT_RAW_OPENBSD ->
                    IpOnlyLinkHeaders.decodeRawIp(data, in.offset, end, out);
            case LinkType.IPV4 -> IpOnlyLinkHeaders.decodeFixedFamily(true, in.offset, out);
            case LinkType.IPV6 -> IpOnlyLinkHeaders.decodeFixedFamily(false, in.offset, out);
            case LinkType.NULL -> IpOnlyLinkHeaders.decodeBsdLoopback(data, in.offset, end, out);
            case LinkType.NFLOG -> IpOnlyLinkHeaders.decodeNflog(data, in.offset, end, out);
            case LinkType.FDDI -> LlcLinkHeaders.decodeFddi(data, in.offset, end, out);
            case LinkType.IEEE802_11 -> LlcLinkHeaders.decodeWlan(data, in.offset, end, out);
            case LinkType.IEEE802_11_RADIOTAP -> LlcLinkHeaders.decodeRadiotap(data, in.offset, end, out);
            default -> fail(out, DecodeAnomaly.UNSUPPORTED_LINK_TYPE);
        };
        if (networkOffset >= 0) {
            out.networkOffset = networkOffset;
            decodeNetworkLayer(data, networkOffset, out.capturedEnd, out);
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
        out.dstMacKnown = true;
        out.srcMacKnown = true;
        int typeOffset = start + 2 * MAC_LENGTH;
        return decodeTypeAndVlanTags(data, readUnsignedShort(data, typeOffset), typeOffset + 2, end, out);
    }

    /**
     * Decodes a Linux cooked (SLL v1) header: packet type (2), ARPHRD type (2), link-layer address length (2),
     * link-layer address (8, zero-padded), protocol (2); then any VLAN tags, as in Ethernet.
     *
     * @return the offset of the network-layer header, with {@code out.etherType} set; or -1 after an anomaly
     */
    private static int decodeLinuxSll(byte[] data, int start, int end, DecodedFrame out) {
        if (end - start < SLL_HEADER_LENGTH) {
            return fail(out, DecodeAnomaly.TRUNCATED_SLL);
        }
        out.cookedPacketType = readUnsignedShort(data, start);
        setCookedSource(data, readUnsignedShort(data, start + 2), readUnsignedShort(data, start + 4), start + 6, out);
        int protocol = readUnsignedShort(data, start + 14);
        return decodeTypeAndVlanTags(data, protocol, start + SLL_HEADER_LENGTH, end, out);
    }

    /**
     * Decodes a Linux cooked v2 (SLL2) header: protocol (2), reserved (2), interface index (4), ARPHRD type (2),
     * packet type (1), link-layer address length (1), link-layer address (8, zero-padded); then any VLAN tags, which
     * start right after the header as they would after an Ethernet type field.
     *
     * @return the offset of the network-layer header, with {@code out.etherType} set; or -1 after an anomaly
     */
    private static int decodeLinuxSll2(byte[] data, int start, int end, DecodedFrame out) {
        if (end - start < SLL2_HEADER_LENGTH) {
            return fail(out, DecodeAnomaly.TRUNCATED_SLL2);
        }
        out.cookedInterfaceIndex = readInt(data, start + 4);
        out.cookedPacketType = data[start + 10] & 0xff;
        setCookedSource(data, readUnsignedShort(data, start + 8), data[start + 11] & 0xff, start + 12, out);
        int protocol = readUnsignedShort(data, start);
        return decodeTypeAndVlanTags(data, protocol, start + SLL2_HEADER_LENGTH, end, out);
    }

    /**
     * Takes the one link-layer address of a cooked header as the source MAC when it is a 6-byte Ethernet address.
     * The destination MAC stays unknown: the cooked header does not carry it.
     */
    private static void setCookedSource(byte[] data, int hardwareType, int addressLength, int addressOffset,
                                        DecodedFrame out) {
        if (hardwareType == ARPHRD_ETHER && addressLength == MAC_LENGTH) {
            out.srcMac = Mac.read(data, addressOffset);
            out.srcMacKnown = true;
        }
    }

    /**
     * Follows the VLAN tags that a link header's type field announces. Each tag is a tag control field (2) and the
     * next type (2), starting at {@code tagsOffset}.
     *
     * @param type       the link header's type (or protocol) field
     * @param tagsOffset the offset just after that field
     * @return the offset of the network-layer header, with {@code out.etherType} set and the frame at
     *         {@link Layer#ETHERNET}; or -1 after an anomaly
     */
    static int decodeTypeAndVlanTags(byte[] data, int type, int tagsOffset, int end, DecodedFrame out) {
        int offset = tagsOffset;
        while (isVlanTagType(type)) {
            if (out.vlanTagCount == MAX_VLAN_TAGS) {
                return fail(out, DecodeAnomaly.TOO_MANY_VLAN_TAGS);
            }
            if (end - offset < VLAN_TAG_LENGTH) {
                return fail(out, DecodeAnomaly.TRUNCATED_VLAN);
            }
            if (out.vlanTagCount == 0) {
                out.outerVlanId = readUnsignedShort(data, offset) & 0x0fff;
            }
            out.vlanTagCount++;
            type = readUnsignedShort(data, offset + 2);
            offset += VLAN_TAG_LENGTH;
        }
        out.etherType = type;
        out.layer = Layer.ETHERNET;
        return offset;
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
            case VrrpDecoder.PROTOCOL_VRRP ->
                    VrrpDecoder.decode(data, transportStart, packetEnd, transportStatedLength, out);
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
        out.icmpQuoted = false;
        out.icmpNextHopMtu = out.icmpType == ICMP_DESTINATION_UNREACHABLE && out.icmpCode == ICMP_FRAGMENTATION_NEEDED
                ? readUnsignedShort(data, start + 6) : 0;
        out.layer = Layer.ICMP;
        if (isIcmpError(out.icmpType)) {
            decodeIcmpQuote(data, start + ICMP_HEADER_LENGTH, end, out);
        }
    }

    private static boolean isIcmpError(int type) {
        return type == ICMP_DESTINATION_UNREACHABLE || type == ICMP_SOURCE_QUENCH || type == ICMP_TIME_EXCEEDED
                || type == ICMP_PARAMETER_PROBLEM;
    }

    /** The packet an ICMP error quotes: its IPv4 header and, for TCP and UDP, the ports from the next 4 bytes. */
    private static void decodeIcmpQuote(byte[] data, int start, int end, DecodedFrame out) {
        if (end - start < IPV4_MIN_HEADER_LENGTH) {
            fail(out, DecodeAnomaly.TRUNCATED_ICMP_QUOTE);
            return;
        }
        int versionAndLength = data[start] & 0xff;
        int headerLength = (versionAndLength & 0x0f) * 4;
        if (versionAndLength >>> 4 != 4 || headerLength < IPV4_MIN_HEADER_LENGTH) {
            fail(out, DecodeAnomaly.BAD_ICMP_QUOTE);
            return;
        }
        int protocol = data[start + 9] & 0xff;
        boolean hasPorts = protocol == PROTOCOL_TCP || protocol == PROTOCOL_UDP;
        if (end - start < headerLength + (hasPorts ? 4 : 0)) {
            fail(out, DecodeAnomaly.TRUNCATED_ICMP_QUOTE);
            return;
        }
        out.icmpQuotedProtocol = protocol;
        out.icmpQuotedSrc = Ipv4.read(data, start + 12);
        out.icmpQuotedDst = Ipv4.read(data, start + 16);
        out.icmpQuotedSrcPort = hasPorts ? readUnsignedShort(data, start + headerLength) : 0;
        out.icmpQuotedDstPort = hasPorts ? readUnsignedShort(data, start + headerLength + 2) : 0;
        out.icmpQuoted = true;
    }

    private static void setPayload(DecodedFrame out, int payloadStart, int capturedEnd, int statedLength) {
        out.payloadOffset = payloadStart;
        out.payloadLength = statedLength;
        out.payloadCapturedLength = capturedEnd - payloadStart;
    }

    static int fail(DecodedFrame out, DecodeAnomaly anomaly) {
        out.anomaly = anomaly;
        return -1;
    }

    private static int readUnsignedShort(byte[] data, int at) {
        return (data[at] & 0xff) << 8 | (data[at + 1] & 0xff);
    }

    private static int readInt(byte[] data, int at) {
        return readUnsignedShort(data, at) << 16 | readUnsignedShort(data, at + 2);
    }

    /**
     * A 64-bit fingerprint of a TCP or UDP payload, to recognise the same packet seen at two capture points
     * (before and after the load balancer) and to tell whether a hop changed the payload. It covers the payload
     * length and the first {@value #PAYLOAD_HASH_BYTES} captured payload bytes, read eight at a time: enough to
     * tell packets of one flow apart, and cheap enough for every frame. A hop that changes payload bytes only past
     * that prefix is not seen.
     *
     * @param frame a frame decoded to {@link Layer#TCP} or {@link Layer#UDP}; other frames hash as an empty payload
     */
    public static long payloadHash(DecodedFrame frame) {
        byte[] data = frame.data;
        int start = frame.payloadOffset;
        int length = Math.min(frame.payloadCapturedLength, PAYLOAD_HASH_BYTES);
        long hash = FNV_OFFSET_BASIS ^ frame.payloadLength;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            hash = Long.rotateLeft(hash ^ ((long) LONGS.get(data, start + i) * HASH_MULTIPLIER), 29) * FNV_PRIME;
        }
        for (; i < length; i++) {
            hash = (hash ^ (data[start + i] & 0xff)) * FNV_PRIME;
        }
        return hash ^ (hash >>> 32);
    }
}

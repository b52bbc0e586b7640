package dev.drcheck.core.decode;

/**
 * Decodes the link headers of the link types that carry IP packets without any MAC: raw IP (LINKTYPE_RAW and the
 * BSD DLT_RAW values), LINKTYPE_IPV4, LINKTYPE_IPV6, BSD loopback (LINKTYPE_NULL) and Linux NFLOG. Each method
 * sets {@link DecodedFrame#etherType} to the ethertype of the packet it finds (IPv4 0x0800, IPv6 0x86dd, or 0 for a
 * packet of another family, which drcheck does not interpret), puts the frame at {@link Layer#ETHERNET} and returns
 * the offset of the packet; after an anomaly it returns -1. Both MACs stay unknown.
 *
 * <p>BSD loopback's address family and NFLOG's attribute lengths and types are in the byte order of the host that
 * captured; a file does not say which. The family is read little-endian and, when that gives a value above 0xffff,
 * big-endian; NFLOG attributes are read little-endian, as the x86 and ARM hosts that write them store them.
 */
final class IpOnlyLinkHeaders {
    private static final int ETHERTYPE_IPV6 = 0x86dd;
    private static final int NOT_INTERPRETED = 0;

    private static final int NULL_HEADER_LENGTH = 4;
    private static final int BSD_AF_INET = 2;
    private static final int BSD_AF_INET6_NETBSD_OPENBSD = 24;
    private static final int BSD_AF_INET6_FREEBSD = 28;
    private static final int BSD_AF_INET6_DARWIN = 30;

    /** NFLOG: address family (1), version (1), resource id (2). */
    private static final int NFLOG_HEADER_LENGTH = 4;
    /** NFLOG attribute: length (2, including this header), type (2), value padded to 4 bytes. */
    private static final int NFLOG_TLV_HEADER_LENGTH = 4;
    /** The attribute type bits; the top two are the nested and network-byte-order flags. */
    private static final int NFLOG_TLV_TYPE_MASK = 0x3fff;
    private static final int NFULA_PAYLOAD = 9;
    private static final int LINUX_AF_INET = 2;
    private static final int LINUX_AF_INET6 = 10;

    private IpOnlyLinkHeaders() {
    }

    /**
     * Raw IP: the packet starts at once, and its version nibble tells IPv4 from IPv6. An empty frame is
     * {@link DecodeAnomaly#TRUNCATED_RAW_IP}, any other version {@link DecodeAnomaly#BAD_RAW_IP_VERSION}.
     */
    static int decodeRawIp(byte[] data, int start, int end, DecodedFrame out) {
        if (end <= start) {
            return FrameDecoder.fail(out, DecodeAnomaly.TRUNCATED_RAW_IP);
        }
        int version = (data[start] & 0xff) >>> 4;
        if (version == 4) {
            return linkDecoded(FrameDecoder.ETHERTYPE_IPV4, start, out);
        }
        if (version == 6) {
            return linkDecoded(ETHERTYPE_IPV6, start, out);
        }
        return FrameDecoder.fail(out, DecodeAnomaly.BAD_RAW_IP_VERSION);
    }

    /**
     * LINKTYPE_IPV4 or LINKTYPE_IPV6: the packet starts at once and is of the family the link type names; the IPv4
     * decoder reports a packet of another version there as {@link DecodeAnomaly#BAD_IPV4_VERSION}.
     */
    static int decodeFixedFamily(boolean ipv4, int start, DecodedFrame out) {
        return linkDecoded(ipv4 ? FrameDecoder.ETHERTYPE_IPV4 : ETHERTYPE_IPV6, start, out);
    }

    /**
     * BSD loopback: a 4-byte address family (2 IPv4; 24, 28 or 30 IPv6), then the packet. Fewer than 4 bytes are
     * {@link DecodeAnomaly#TRUNCATED_NULL}; another family is a packet drcheck does not interpret.
     */
    static int decodeBsdLoopback(byte[] data, int start, int end, DecodedFrame out) {
        if (end - start < NULL_HEADER_LENGTH) {
            return FrameDecoder.fail(out, DecodeAnomaly.TRUNCATED_NULL);
        }
        int family = readLittleEndianInt(data, start);
        if (family >>> 16 != 0) {
            family = Integer.reverseBytes(family);
        }
        int etherType = switch (family) {
            case BSD_AF_INET -> FrameDecoder.ETHERTYPE_IPV4;
            case BSD_AF_INET6_NETBSD_OPENBSD, BSD_AF_INET6_FREEBSD, BSD_AF_INET6_DARWIN -> ETHERTYPE_IPV6;
            default -> NOT_INTERPRETED;
        };
        return linkDecoded(etherType, start + NULL_HEADER_LENGTH, out);
    }

    /**
     * NFLOG: the 4-byte header, then attributes until the payload attribute (type 9), whose value is the packet of
     * the header's family (2 IPv4, 10 IPv6). {@code out.capturedEnd} becomes the end of that attribute, so that
     * nothing after the packet is read as part of it. A header or attribute header cut off is
     * {@link DecodeAnomaly#TRUNCATED_NFLOG}; an attribute length below its own header
     * {@link DecodeAnomaly#BAD_NFLOG_TLV}, as is one other than the payload running past the captured bytes (the
     * payload itself may be cut by the snap length). A message without payload attribute has nothing to interpret.
     */
    static int decodeNflog(byte[] data, int start, int end, DecodedFrame out) {
        if (end - start < NFLOG_HEADER_LENGTH) {
            return FrameDecoder.fail(out, DecodeAnomaly.TRUNCATED_NFLOG);
        }
        int family = data[start] & 0xff;
        int offset = start + NFLOG_HEADER_LENGTH;
        while (offset < end) {
            if (end - offset < NFLOG_TLV_HEADER_LENGTH) {
                return FrameDecoder.fail(out, DecodeAnomaly.TRUNCATED_NFLOG);
            }
            int length = readLittleEndianShort(data, offset);
            int type = readLittleEndianShort(data, offset + 2) & NFLOG_TLV_TYPE_MASK;
            if (length < NFLOG_TLV_HEADER_LENGTH) {
                return FrameDecoder.fail(out, DecodeAnomaly.BAD_NFLOG_TLV);
            }
            if (type == NFULA_PAYLOAD) {
                out.capturedEnd = Math.min(end, offset + length);
                int etherType = family == LINUX_AF_INET ? FrameDecoder.ETHERTYPE_IPV4
                        : family == LINUX_AF_INET6 ? ETHERTYPE_IPV6 : NOT_INTERPRETED;
                return linkDecoded(etherType, offset + NFLOG_TLV_HEADER_LENGTH, out);
            }
            if (length > end - offset) {
                return FrameDecoder.fail(out, DecodeAnomaly.BAD_NFLOG_TLV);
            }
            offset += (length + 3) & ~3;
        }
        return linkDecoded(NOT_INTERPRETED, end, out);
    }

    private static int linkDecoded(int etherType, int packetOffset, DecodedFrame out) {
        out.etherType = etherType;
        out.layer = Layer.ETHERNET;
        return packetOffset;
    }

    private static int readLittleEndianShort(byte[] data, int at) {
        return (data[at] & 0xff) | (data[at + 1] & 0xff) << 8;
    }

    private static int readLittleEndianInt(byte[] data, int at) {
        return readLittleEndianShort(data, at) | readLittleEndianShort(data, at + 2) << 16;
    }
}

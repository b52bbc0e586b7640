package dev.drcheck.core.decode;

import dev.drcheck.core.net.Ipv4;

/**
 * Decodes a VRRP advertisement over IPv4 (IP protocol 112): version 2 (RFC 3768) and version 3 (RFC 5798).
 *
 * <p>Both versions share the first four bytes (version and type, VRID, priority, address count) and the checksum at
 * bytes 6-7. Version 2 then has the authentication type (byte 4) and the advertisement interval in seconds (byte 5),
 * and 8 bytes of authentication data after the addresses, which are not read; version 3 has a 12-bit maximum
 * advertisement interval in centiseconds (bytes 4-5) and no authentication. Only decodes: a priority, interval or
 * TTL that a router should not send is left to the tracker and the checks.
 */
final class VrrpDecoder {
    /** IP protocol number of VRRP. */
    static final int PROTOCOL_VRRP = 112;
    /** The fixed VRRP header before the addresses. */
    private static final int HEADER_LENGTH = 8;
    private static final int ADDRESS_LENGTH = 4;
    private static final int TYPE_ADVERTISEMENT = 1;
    private static final int CENTISECONDS_PER_SECOND = 100;
    /** 00:00:5e:00:01 in the top 40 bits of a MAC: the IPv4 VRRP virtual router MAC without its VRID byte. */
    private static final long VIRTUAL_MAC_PREFIX = 0x00005e0001L;

    private VrrpDecoder() {
    }

    /**
     * Decodes the advertisement at {@code start}. On success the frame is at {@link Layer#VRRP}; on a malformation
     * it stays at {@link Layer#IPV4} with the anomaly set.
     *
     * @param end          end of the captured part of the IPv4 packet
     * @param statedLength VRRP length the IPv4 total length implies
     */
    static void decode(byte[] data, int start, int end, int statedLength, DecodedFrame out) {
        if (statedLength < HEADER_LENGTH || end - start < HEADER_LENGTH) {
            FrameDecoder.fail(out, DecodeAnomaly.TRUNCATED_VRRP);
            return;
        }
        int version = (data[start] & 0xff) >>> 4;
        if (version != 2 && version != 3) {
            FrameDecoder.fail(out, DecodeAnomaly.BAD_VRRP_VERSION);
            return;
        }
        if ((data[start] & 0x0f) != TYPE_ADVERTISEMENT) {
            FrameDecoder.fail(out, DecodeAnomaly.BAD_VRRP_TYPE);
            return;
        }
        int count = data[start + 3] & 0xff;
        int addressesEnd = start + HEADER_LENGTH + count * ADDRESS_LENGTH;
        if (count == 0 || HEADER_LENGTH + count * ADDRESS_LENGTH > statedLength) {
            FrameDecoder.fail(out, DecodeAnomaly.BAD_VRRP_ADDRESS_COUNT);
            return;
        }
        if (addressesEnd > end) {
            FrameDecoder.fail(out, DecodeAnomaly.TRUNCATED_VRRP);
            return;
        }
        out.vrrpVersion = version;
        out.vrrpVrid = data[start + 1] & 0xff;
        out.vrrpPriority = data[start + 2] & 0xff;
        out.vrrpAddressCount = count;
        if (version == 2) {
            out.vrrpAuthType = data[start + 4] & 0xff;
            out.vrrpIntervalCentis = (data[start + 5] & 0xff) * CENTISECONDS_PER_SECOND;
        } else {
            out.vrrpAuthType = -1;
            out.vrrpIntervalCentis = ((data[start + 4] & 0x0f) << 8) | (data[start + 5] & 0xff);
        }
        for (int i = 0; i < count; i++) {
            out.vrrpAddresses[i] = Ipv4.read(data, start + HEADER_LENGTH + i * ADDRESS_LENGTH);
        }
        out.vrrpFromVirtualMac = out.srcMacKnown && out.srcMac >>> 8 == VIRTUAL_MAC_PREFIX
                && (out.srcMac & 0xff) == out.vrrpVrid;
        out.layer = Layer.VRRP;
    }
}

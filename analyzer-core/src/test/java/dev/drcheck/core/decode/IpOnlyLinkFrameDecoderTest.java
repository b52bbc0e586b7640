package dev.drcheck.core.decode;

import dev.drcheck.core.capture.LinkType;
import dev.drcheck.core.decode.TestFrames.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.drcheck.core.decode.TestFrames.CLIENT_IP;
import static dev.drcheck.core.decode.TestFrames.TCP;
import static dev.drcheck.core.decode.TestFrames.VIP;
import static dev.drcheck.core.decode.TestFrames.captured;
import static dev.drcheck.core.decode.TestFrames.cut;
import static dev.drcheck.core.decode.TestFrames.ipv4;
import static dev.drcheck.core.decode.TestFrames.tcp;
import static org.assertj.core.api.Assertions.assertThat;

/** Link types that carry IP packets without MACs: raw IP, IPv4, IPv6, BSD loopback, NFLOG. */
class IpOnlyLinkFrameDecoderTest {
    private static final int ETHERTYPE_IPV6 = 0x86dd;
    private static final byte[] SYN = ipv4(TCP, CLIENT_IP, VIP, tcp(40000, 80, 7, 0, DecodedFrame.SYN, new byte[0]));
    /** An IPv6 header without payload (next header 59); drcheck recognises IPv6 but does not decode it. */
    private static final byte[] IPV6_PACKET = new Bytes().u32(0x60000000).u16(0).u8(59).u8(64).bytes(new byte[32])
            .toArray();
    private static final int NFLOG_PREFIX = 10;
    private static final int NFLOG_PAYLOAD = 9;

    private final FrameDecoder decoder = new FrameDecoder();
    private final DecodedFrame out = new DecodedFrame();

    @ParameterizedTest
    @ValueSource(ints = {LinkType.RAW, LinkType.DLT_RAW_BSD, LinkType.DLT_RAW_OPENBSD, LinkType.IPV4})
    void decodesIpv4WithoutMacs(int linkType) {
        assertThat(decode(linkType, SYN)).isTrue();

        assertSyn();
    }

    @ParameterizedTest
    @ValueSource(ints = {LinkType.RAW, LinkType.IPV6})
    void recognisesIpv6AndLeavesItUninterpreted(int linkType) {
        assertThat(decode(linkType, IPV6_PACKET)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.ETHERNET);
        assertThat(out.etherType).isEqualTo(ETHERTYPE_IPV6);
        assertThat(out.srcMacKnown).isFalse();
        assertThat(out.dstMacKnown).isFalse();
    }

    @Test
    void emptyRawFrameIsTruncated() {
        assertThat(decode(LinkType.RAW, new byte[0])).isFalse();

        assertThat(out.anomaly).isEqualTo(DecodeAnomaly.TRUNCATED_RAW_IP);
        assertThat(out.layer).isEqualTo(Layer.NONE);
    }

    @Test
    void rawFrameOfAnotherVersionIsAnAnomaly() {
        assertThat(decode(LinkType.RAW, TestFrames.withByte(SYN, 0, 0x55))).isFalse();

        assertThat(out.anomaly.id()).isEqualTo("bad_raw_ip_version");
    }

    @Test
    void ipv6PacketOnTheIpv4LinkTypeIsABadIpv4Version() {
        assertThat(decode(LinkType.IPV4, IPV6_PACKET)).isFalse();

        assertThat(out.anomaly).isEqualTo(DecodeAnomaly.BAD_IPV4_VERSION);
        assertThat(out.layer).isEqualTo(Layer.ETHERNET);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x02000000, 0x00000002})
    void bsdLoopbackReadsTheFamilyInEitherByteOrder(int bigEndianWord) {
        byte[] frame = new Bytes().u32(bigEndianWord).bytes(SYN).toArray();

        assertThat(decode(LinkType.NULL, frame)).isTrue();

        assertSyn();
    }

    @ParameterizedTest
    @ValueSource(ints = {24, 28, 30})
    void bsdLoopbackIpv6FamiliesAreIpv6(int family) {
        byte[] frame = new Bytes().u32(Integer.reverseBytes(family)).bytes(IPV6_PACKET).toArray();

        assertThat(decode(LinkType.NULL, frame)).isTrue();

        assertThat(out.etherType).isEqualTo(ETHERTYPE_IPV6);
        assertThat(out.layer).isEqualTo(Layer.ETHERNET);
    }

    @Test
    void bsdLoopbackOfAnotherFamilyIsNotInterpreted() {
        byte[] frame = new Bytes().u32(0x0f000000).bytes(SYN).toArray();

        assertThat(decode(LinkType.NULL, frame)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.ETHERNET);
        assertThat(out.etherType).isZero();
    }

    @Test
    void bsdLoopbackShorterThanItsFamilyIsTruncated() {
        assertThat(decode(LinkType.NULL, new byte[] {2, 0, 0})).isFalse();

        assertThat(out.anomaly.id()).isEqualTo("truncated_null");
    }

    @Test
    void nflogPayloadAttributeIsThePacket() {
        byte[] frame = nflog(2).tlv(NFLOG_PREFIX, new byte[] {'a', 'b', 'c', 0, 'd'}).tlv(NFLOG_PAYLOAD, SYN)
                .tlv(NFLOG_PREFIX, new byte[] {1, 2, 3, 4}).toArray();

        assertThat(decode(LinkType.NFLOG, frame)).isTrue();

        assertSyn();
        assertThat(out.capturedEnd - out.networkOffset).isEqualTo(SYN.length);
    }

    @Test
    void nflogPayloadCutBySnapLengthIsDecodedAsFarAsCaptured() {
        byte[] data = ipv4(TCP, CLIENT_IP, VIP, tcp(40000, 80, 7, 9, DecodedFrame.ACK, TestFrames.payload(20)));
        byte[] frame = nflog(2).tlv(NFLOG_PAYLOAD, data).toArray();

        assertThat(decoder.decode(captured(LinkType.NFLOG, frame, frame.length - 8), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.TCP);
        assertThat(out.payloadLength).isEqualTo(20);
        assertThat(out.payloadCapturedLength).isEqualTo(12);
    }

    @Test
    void nflogOfIpv6IsIpv6() {
        assertThat(decode(LinkType.NFLOG, nflog(10).tlv(NFLOG_PAYLOAD, IPV6_PACKET).toArray())).isTrue();

        assertThat(out.etherType).isEqualTo(ETHERTYPE_IPV6);
    }

    @Test
    void nflogWithoutPayloadHasNothingToInterpret() {
        assertThat(decode(LinkType.NFLOG, nflog(2).tlv(NFLOG_PREFIX, new byte[] {'x', 0}).toArray())).isTrue();

        assertThat(out.layer).isEqualTo(Layer.ETHERNET);
        assertThat(out.etherType).isZero();
    }

    @Test
    void nflogHeaderCutOffIsTruncated() {
        assertThat(decode(LinkType.NFLOG, new byte[] {2, 0, 0})).isFalse();

        assertThat(out.anomaly).isEqualTo(DecodeAnomaly.TRUNCATED_NFLOG);
    }

    @Test
    void nflogAttributeHeaderCutOffIsTruncated() {
        byte[] frame = cut(nflog(2).tlv(NFLOG_PAYLOAD, SYN).toArray(), 6);

        assertThat(decode(LinkType.NFLOG, frame)).isFalse();

        assertThat(out.anomaly).isEqualTo(DecodeAnomaly.TRUNCATED_NFLOG);
    }

    @Test
    void nflogAttributeShorterThanItsHeaderIsABadTlv() {
        byte[] frame = new Bytes().u8(2).u8(0).u16(0).u16(Short.reverseBytes((short) 2)).u16(0).bytes(SYN).toArray();

        assertThat(decode(LinkType.NFLOG, frame)).isFalse();

        assertThat(out.anomaly.id()).isEqualTo("bad_nflog_tlv");
        assertThat(out.layer).isEqualTo(Layer.NONE);
    }

    @Test
    void nflogAttributeRunningPastTheFrameIsABadTlv() {
        byte[] frame = new Bytes().u8(2).u8(0).u16(0).u16(Short.reverseBytes((short) 400))
                .u16(Short.reverseBytes((short) NFLOG_PREFIX)).bytes(SYN).toArray();

        assertThat(decode(LinkType.NFLOG, frame)).isFalse();

        assertThat(out.anomaly).isEqualTo(DecodeAnomaly.BAD_NFLOG_TLV);
    }

    private boolean decode(int linkType, byte[] frame) {
        return decoder.decode(captured(linkType, frame, frame.length), out);
    }

    private void assertSyn() {
        assertThat(out.layer).isEqualTo(Layer.TCP);
        assertThat(out.ipSrc).isEqualTo(CLIENT_IP);
        assertThat(out.ipDst).isEqualTo(VIP);
        assertThat(out.dstPort).isEqualTo(80);
        assertThat(out.srcMacKnown).isFalse();
        assertThat(out.dstMacKnown).isFalse();
        assertThat(out.srcMac).isZero();
        assertThat(out.dstMac).isZero();
    }

    private static Nflog nflog(int family) {
        return new Nflog(family);
    }

    /** An NFLOG message: header, then attributes with little-endian length and type, each padded to 4 bytes. */
    private static final class Nflog {
        private final Bytes bytes = new Bytes();

        Nflog(int family) {
            bytes.u8(family).u8(0).u16(0);
        }

        Nflog tlv(int type, byte[] value) {
            int length = 4 + value.length;
            bytes.u16(Short.reverseBytes((short) length) & 0xffff).u16(Short.reverseBytes((short) type) & 0xffff)
                    .bytes(value);
            for (int pad = length; pad % 4 != 0; pad++) {
                bytes.u8(0);
            }
            return this;
        }

        byte[] toArray() {
            return bytes.toArray();
        }
    }
}

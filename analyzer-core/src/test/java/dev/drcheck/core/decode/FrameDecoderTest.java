package dev.drcheck.core.decode;

import dev.drcheck.core.capture.CapturedFrame;
import dev.drcheck.core.decode.TestFrames.Tag;
import dev.drcheck.core.net.Ipv4;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static dev.drcheck.core.decode.TestFrames.ARP;
import static dev.drcheck.core.decode.TestFrames.CLIENT_IP;
import static dev.drcheck.core.decode.TestFrames.CLIENT_MAC;
import static dev.drcheck.core.decode.TestFrames.DIRECTOR_MAC;
import static dev.drcheck.core.decode.TestFrames.DOT1AD;
import static dev.drcheck.core.decode.TestFrames.DOT1Q;
import static dev.drcheck.core.decode.TestFrames.ICMP;
import static dev.drcheck.core.decode.TestFrames.IPV4;
import static dev.drcheck.core.decode.TestFrames.IPV6;
import static dev.drcheck.core.decode.TestFrames.IP_OFFSET;
import static dev.drcheck.core.decode.TestFrames.QINQ_9100;
import static dev.drcheck.core.decode.TestFrames.TCP;
import static dev.drcheck.core.decode.TestFrames.TRANSPORT_OFFSET;
import static dev.drcheck.core.decode.TestFrames.UDP;
import static dev.drcheck.core.decode.TestFrames.VIP;
import static dev.drcheck.core.decode.TestFrames.arp;
import static dev.drcheck.core.decode.TestFrames.captured;
import static dev.drcheck.core.decode.TestFrames.cut;
import static dev.drcheck.core.decode.TestFrames.ethernet;
import static dev.drcheck.core.decode.TestFrames.icmp;
import static dev.drcheck.core.decode.TestFrames.icmpError;
import static dev.drcheck.core.decode.TestFrames.ipv4;
import static dev.drcheck.core.decode.TestFrames.payload;
import static dev.drcheck.core.decode.TestFrames.tcp;
import static dev.drcheck.core.decode.TestFrames.tcpFrame;
import static dev.drcheck.core.decode.TestFrames.udp;
import static dev.drcheck.core.decode.TestFrames.withByte;
import static org.assertj.core.api.Assertions.assertThat;

class FrameDecoderTest {
    private static final int LINKTYPE_USER13 = 160;
    private static final int ROUTER_IP = Ipv4.parse("198.51.100.1");
    private static final byte[] HTTP_REQUEST = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final FrameDecoder decoder = new FrameDecoder();
    private final DecodedFrame out = new DecodedFrame();

    @Test
    void decodesArpRequest() {
        byte[] frame = ethernet(ARP, arp(1, CLIENT_MAC, CLIENT_IP, 0, VIP));

        assertThat(decoder.decode(captured(frame), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.ARP);
        assertThat(out.anomaly).isNull();
        assertThat(out.etherType).isEqualTo(ARP);
        assertThat(out.arpOperation).isEqualTo(1);
        assertThat(out.arpSenderMac).isEqualTo(CLIENT_MAC);
        assertThat(out.arpSenderIp).isEqualTo(CLIENT_IP);
        assertThat(out.arpTargetMac).isZero();
        assertThat(out.arpTargetIp).isEqualTo(VIP);
    }

    @Test
    void decodesArpReply() {
        byte[] frame = ethernet(ARP, arp(2, DIRECTOR_MAC, VIP, CLIENT_MAC, CLIENT_IP));

        assertThat(decoder.decode(captured(frame), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.ARP);
        assertThat(out.arpOperation).isEqualTo(2);
        assertThat(out.arpSenderMac).isEqualTo(DIRECTOR_MAC);
        assertThat(out.arpSenderIp).isEqualTo(VIP);
        assertThat(out.arpTargetMac).isEqualTo(CLIENT_MAC);
        assertThat(out.arpTargetIp).isEqualTo(CLIENT_IP);
    }

    @Test
    void decodesEthernetAddressesAndCaptureMetadata() {
        CapturedFrame in = captured(tcpFrame(40000, 80, 1, 0, DecodedFrame.SYN, new byte[0]));
        in.frameNumber = 42;

        decoder.decode(in, out);

        assertThat(out.frameNumber).isEqualTo(42);
        assertThat(out.timestampNanos).isEqualTo(in.timestampNanos);
        assertThat(out.data).isSameAs(in.data);
        assertThat(out.dstMac).isEqualTo(CLIENT_MAC);
        assertThat(out.srcMac).isEqualTo(DIRECTOR_MAC);
        assertThat(out.vlanTagCount).isZero();
        assertThat(out.outerVlanId).isEqualTo(-1);
    }

    @Test
    void marksBothEthernetAddressesKnownAndNoCookedFields() {
        decoder.decode(captured(ethernet(ARP, arp(1, CLIENT_MAC, CLIENT_IP, 0, VIP), new Tag(DOT1Q, 5))), out);

        assertThat(out.dstMacKnown).isTrue();
        assertThat(out.srcMacKnown).isTrue();
        assertThat(out.cookedPacketType).isEqualTo(-1);
        assertThat(out.cookedInterfaceIndex).isEqualTo(-1);
    }

    @Test
    void marksNoAddressKnownWhenTheEthernetHeaderIsCut() {
        decoder.decode(captured(tcpFrame(40000, 80, 1, 0, DecodedFrame.SYN, new byte[0])), out);

        decoder.decode(captured(cut(ethernet(IPV6, payload(40)), 13)), out);

        assertThat(out.srcMacKnown).isFalse();
        assertThat(out.dstMacKnown).isFalse();
        assertThat(out.srcMac).isZero();
        assertThat(out.dstMac).isZero();
    }

    @Test
    void decodesSingleVlanTag() {
        byte[] frame = ethernet(IPV4, ipv4(UDP, CLIENT_IP, VIP, udp(5353, 53, payload(4))), new Tag(DOT1Q, 0x2064));

        assertThat(decoder.decode(captured(frame), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.UDP);
        assertThat(out.vlanTagCount).isEqualTo(1);
        assertThat(out.outerVlanId).isEqualTo(100);
        assertThat(out.etherType).isEqualTo(IPV4);
        assertThat(out.dstPort).isEqualTo(53);
    }

    @Test
    void decodesDoubleVlanTagWithOuterId() {
        byte[] frame = ethernet(IPV4, ipv4(UDP, CLIENT_IP, VIP, udp(5353, 53, payload(4))),
                new Tag(DOT1AD, 300), new Tag(DOT1Q, 100));

        assertThat(decoder.decode(captured(frame), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.UDP);
        assertThat(out.vlanTagCount).isEqualTo(2);
        assertThat(out.outerVlanId).isEqualTo(300);
        assertThat(out.ipDst).isEqualTo(VIP);
    }

    @Test
    void followsFourTagsOfEveryKind() {
        byte[] frame = ethernet(ARP, arp(1, CLIENT_MAC, CLIENT_IP, 0, VIP),
                new Tag(QINQ_9100, 1), new Tag(DOT1AD, 2), new Tag(DOT1Q, 3), new Tag(DOT1Q, 4));

        assertThat(decoder.decode(captured(frame), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.ARP);
        assertThat(out.vlanTagCount).isEqualTo(4);
        assertThat(out.outerVlanId).isEqualTo(1);
    }

    @Test
    void resetsVlanFieldsBetweenFrames() {
        decoder.decode(captured(ethernet(IPV6, payload(40), new Tag(DOT1Q, 7))), out);

        decoder.decode(captured(ethernet(IPV6, payload(40))), out);

        assertThat(out.vlanTagCount).isZero();
        assertThat(out.outerVlanId).isEqualTo(-1);
    }

    @Test
    void decodesTcpHeaderFieldsExactly() {
        byte[] frame = tcpFrame(40000, 80, 0xfffffff0L, 0x80000001L,
                DecodedFrame.ACK | DecodedFrame.PSH | DecodedFrame.FIN, HTTP_REQUEST);

        assertThat(decoder.decode(captured(frame), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.TCP);
        assertThat(out.etherType).isEqualTo(IPV4);
        assertThat(out.ipSrc).isEqualTo(CLIENT_IP);
        assertThat(out.ipDst).isEqualTo(VIP);
        assertThat(out.ttl).isEqualTo(64);
        assertThat(out.ipId).isEqualTo(0x1c46);
        assertThat(out.ipProtocol).isEqualTo(TCP);
        assertThat(out.ipTotalLength).isEqualTo(40 + HTTP_REQUEST.length);
        assertThat(out.ipFragment).isFalse();
        assertThat(out.srcPort).isEqualTo(40000);
        assertThat(out.dstPort).isEqualTo(80);
        assertThat(out.tcpSeq).isEqualTo(0xfffffff0L);
        assertThat(out.tcpAck).isEqualTo(0x80000001L);
        assertThat(out.tcpFlags).isEqualTo(0x19);
        assertThat(out.hasTcpFlags(DecodedFrame.ACK | DecodedFrame.FIN)).isTrue();
        assertThat(out.isSyn()).isFalse();
        assertThat(payloadOf(out)).isEqualTo(HTTP_REQUEST);
        assertThat(out.payloadLength).isEqualTo(HTTP_REQUEST.length);
    }

    @Test
    void decodesSynAndSynAck() {
        decoder.decode(captured(tcpFrame(40000, 80, 1, 0, DecodedFrame.SYN, new byte[0])), out);
        assertThat(out.isSyn()).isTrue();
        assertThat(out.isSynAck()).isFalse();

        decoder.decode(captured(tcpFrame(80, 40000, 1, 2, DecodedFrame.SYN | DecodedFrame.ACK, new byte[0])), out);
        assertThat(out.isSyn()).isFalse();
        assertThat(out.isSynAck()).isTrue();
    }

    @Test
    void skipsTcpOptions() {
        byte[] segment = new TestFrames.Bytes().bytes(tcp(40000, 80, 1, 0, DecodedFrame.SYN, new byte[0]))
                .u32(0x020405b4).bytes(HTTP_REQUEST).toArray();
        segment[12] = 6 << 4;
        byte[] frame = ethernet(IPV4, ipv4(TCP, CLIENT_IP, VIP, segment));

        assertThat(decoder.decode(captured(frame), out)).isTrue();

        assertThat(out.payloadLength).isEqualTo(HTTP_REQUEST.length);
        assertThat(payloadOf(out)).isEqualTo(HTTP_REQUEST);
    }

    @Test
    void decodesUdp() {
        byte[] frame = ethernet(IPV4, ipv4(UDP, CLIENT_IP, VIP, udp(5353, 53, payload(12))));

        assertThat(decoder.decode(captured(frame), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.UDP);
        assertThat(out.srcPort).isEqualTo(5353);
        assertThat(out.dstPort).isEqualTo(53);
        assertThat(out.payloadLength).isEqualTo(12);
        assertThat(payloadOf(out)).isEqualTo(payload(12));
    }

    @Test
    void decodesIcmpEchoWithoutAQuote() {
        byte[] frame = ethernet(IPV4, ipv4(ICMP, CLIENT_IP, VIP, icmp(8, 0, 1, 1)));

        assertThat(decoder.decode(captured(frame), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.ICMP);
        assertThat(out.icmpType).isEqualTo(8);
        assertThat(out.icmpQuoted).isFalse();
        assertThat(out.icmpNextHopMtu).isZero();
    }

    @Test
    void decodesFragmentationNeededWithTheQuotedFlow() {
        byte[] reply = ipv4(TCP, VIP, CLIENT_IP, tcp(80, 40001, 1, 1, DecodedFrame.ACK, payload(1448)));
        byte[] frame = ethernet(IPV4, ipv4(ICMP, ROUTER_IP, VIP, icmpError(3, 4, 1000, reply, 28)));

        assertThat(decoder.decode(captured(frame), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.ICMP);
        assertThat(out.icmpType).isEqualTo(3);
        assertThat(out.icmpCode).isEqualTo(4);
        assertThat(out.icmpNextHopMtu).isEqualTo(1000);
        assertThat(out.ipSrc).isEqualTo(ROUTER_IP);
        assertThat(out.icmpQuoted).isTrue();
        assertThat(out.icmpQuotedProtocol).isEqualTo(TCP);
        assertThat(out.icmpQuotedSrc).isEqualTo(VIP);
        assertThat(out.icmpQuotedDst).isEqualTo(CLIENT_IP);
        assertThat(out.icmpQuotedSrcPort).isEqualTo(80);
        assertThat(out.icmpQuotedDstPort).isEqualTo(40001);
    }

    @Test
    void decodesAQuotedPacketWithoutPorts() {
        byte[] echo = ipv4(ICMP, CLIENT_IP, VIP, icmp(8, 0, 1, 1));
        byte[] frame = ethernet(IPV4, ipv4(ICMP, ROUTER_IP, CLIENT_IP, icmpError(11, 0, 0, echo, 20)));

        assertThat(decoder.decode(captured(frame), out)).isTrue();

        assertThat(out.icmpQuoted).isTrue();
        assertThat(out.icmpQuotedProtocol).isEqualTo(ICMP);
        assertThat(out.icmpQuotedDst).isEqualTo(VIP);
        assertThat(out.icmpQuotedSrcPort).isZero();
        assertThat(out.icmpNextHopMtu).isZero();
    }

    @Test
    void acceptsSnapLengthTruncatedPayload() {
        byte[] frame = tcpFrame(40000, 80, 1, 1, DecodedFrame.ACK, payload(1000));

        assertThat(decoder.decode(captured(frame, 96), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.TCP);
        assertThat(out.payloadLength).isEqualTo(1000);
        assertThat(out.payloadCapturedLength).isEqualTo(96 - 54);
        assertThat(payloadOf(out)).isEqualTo(Arrays.copyOf(payload(1000), 42));
    }

    @Test
    void ignoresEthernetPadding() {
        byte[] shortPacket = ethernet(IPV4, ipv4(UDP, CLIENT_IP, VIP, udp(5353, 53, payload(2))));
        byte[] padded = Arrays.copyOf(shortPacket, 60);
        Arrays.fill(padded, shortPacket.length, 60, (byte) 0xee);

        assertThat(decoder.decode(captured(padded), out)).isTrue();

        assertThat(out.ipTotalLength).isEqualTo(30);
        assertThat(out.payloadLength).isEqualTo(2);
        assertThat(payloadOf(out)).isEqualTo(payload(2));
    }

    @Test
    void stopsAtEthernetFor8023LengthField() {
        byte[] llcFrame = ethernet(38, new byte[] {0x42, 0x42, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});

        assertThat(decoder.decode(captured(llcFrame), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.ETHERNET);
        assertThat(out.etherType).isEqualTo(38);
    }

    @Test
    void stopsAtEthernetForUninterpretedEthertype() {
        assertThat(decoder.decode(captured(ethernet(IPV6, payload(40))), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.ETHERNET);
        assertThat(out.etherType).isEqualTo(IPV6);
    }

    @Test
    void stopsAtIpv4ForUninterpretedProtocol() {
        byte[] greFrame = ethernet(IPV4, ipv4(47, CLIENT_IP, VIP, payload(24)));

        assertThat(decoder.decode(captured(greFrame), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.IPV4);
        assertThat(out.ipProtocol).isEqualTo(47);
    }

    @Test
    void stopsAtIpv4ForNonFirstFragment() {
        byte[] fragment = withByte(withByte(tcpFrame(40000, 80, 1, 0, DecodedFrame.ACK, payload(16)),
                IP_OFFSET + 6, 0x00), IP_OFFSET + 7, 0xb9);

        assertThat(decoder.decode(captured(fragment), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.IPV4);
        assertThat(out.ipFragment).isTrue();
    }

    @Test
    void decodesTransportHeaderOfFirstFragment() {
        byte[] firstFragment = withByte(tcpFrame(40000, 80, 7, 0, DecodedFrame.ACK, payload(16)), IP_OFFSET + 6, 0x20);

        assertThat(decoder.decode(captured(firstFragment), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.TCP);
        assertThat(out.ipFragment).isTrue();
        assertThat(out.tcpSeq).isEqualTo(7);
    }

    @Test
    void stopsAtIpv4ForFirstFragmentTooShortForTransportHeader() {
        byte[] tinyFragment = withByte(ethernet(IPV4, ipv4(TCP, CLIENT_IP, VIP, payload(8))), IP_OFFSET + 6, 0x20);

        assertThat(decoder.decode(captured(tinyFragment), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.IPV4);
        assertThat(out.ipFragment).isTrue();
    }

    @Test
    void reportsUnsupportedLinkType() {
        byte[] frame = tcpFrame(40000, 80, 1, 0, DecodedFrame.SYN, new byte[0]);

        assertThat(decoder.decode(captured(LINKTYPE_USER13, frame, frame.length), out)).isFalse();

        assertThat(out.anomaly).isEqualTo(DecodeAnomaly.UNSUPPORTED_LINK_TYPE);
        assertThat(out.layer).isEqualTo(Layer.NONE);
    }

    @Test
    void reportsTruncatedEthernet() {
        assertAnomaly(cut(ethernet(IPV6, payload(40)), 13), DecodeAnomaly.TRUNCATED_ETHERNET, Layer.NONE);
    }

    @Test
    void reportsTruncatedVlanTag() {
        byte[] frame = ethernet(IPV4, payload(40), new Tag(DOT1Q, 100));

        assertAnomaly(cut(frame, 17), DecodeAnomaly.TRUNCATED_VLAN, Layer.NONE);
    }

    @Test
    void reportsTooManyVlanTags() {
        byte[] frame = ethernet(IPV4, payload(40), new Tag(DOT1Q, 1), new Tag(DOT1Q, 2), new Tag(DOT1Q, 3),
                new Tag(DOT1Q, 4), new Tag(DOT1Q, 5));

        assertAnomaly(frame, DecodeAnomaly.TOO_MANY_VLAN_TAGS, Layer.NONE);
    }

    @Test
    void reportsArpTooShortForItsTypes() {
        assertAnomaly(ethernet(ARP, new byte[] {0, 1, 8, 0, 6, 4, 0}), DecodeAnomaly.TRUNCATED_ARP, Layer.ETHERNET);
    }

    @Test
    void reportsTruncatedArpAddresses() {
        byte[] frame = ethernet(ARP, arp(1, CLIENT_MAC, CLIENT_IP, 0, VIP));

        assertAnomaly(cut(frame, 14 + 27), DecodeAnomaly.TRUNCATED_ARP, Layer.ETHERNET);
    }

    @Test
    void reportsUnsupportedArpHardwareType() {
        byte[] tokenRingArp = withByte(ethernet(ARP, arp(1, CLIENT_MAC, CLIENT_IP, 0, VIP)), 15, 6);

        assertAnomaly(tokenRingArp, DecodeAnomaly.UNSUPPORTED_ARP, Layer.ETHERNET);
    }

    @Test
    void reportsUnsupportedArpAddressLength() {
        byte[] frame = withByte(ethernet(ARP, arp(1, CLIENT_MAC, CLIENT_IP, 0, VIP)), 19, 16);

        assertAnomaly(frame, DecodeAnomaly.UNSUPPORTED_ARP, Layer.ETHERNET);
    }

    @Test
    void reportsIpv4ShorterThanMinimalHeader() {
        byte[] frame = tcpFrame(40000, 80, 1, 0, DecodedFrame.SYN, new byte[0]);

        assertAnomaly(cut(frame, IP_OFFSET + 19), DecodeAnomaly.TRUNCATED_IPV4, Layer.ETHERNET);
    }

    @Test
    void reportsIpv4ShorterThanItsHeaderLength() {
        byte[] withOptionsClaimed = withByte(ethernet(IPV4, ipv4(47, CLIENT_IP, VIP, new byte[0])), IP_OFFSET, 0x46);

        assertAnomaly(withOptionsClaimed, DecodeAnomaly.TRUNCATED_IPV4, Layer.ETHERNET);
    }

    @Test
    void reportsBadIpv4Version() {
        byte[] frame = withByte(tcpFrame(40000, 80, 1, 0, DecodedFrame.SYN, new byte[0]), IP_OFFSET, 0x65);

        assertAnomaly(frame, DecodeAnomaly.BAD_IPV4_VERSION, Layer.ETHERNET);
    }

    @Test
    void reportsBadIpv4HeaderLength() {
        byte[] frame = withByte(tcpFrame(40000, 80, 1, 0, DecodedFrame.SYN, new byte[0]), IP_OFFSET, 0x44);

        assertAnomaly(frame, DecodeAnomaly.BAD_IPV4_HEADER_LENGTH, Layer.ETHERNET);
    }

    @Test
    void reportsBadIpv4TotalLength() {
        byte[] frame = withByte(tcpFrame(40000, 80, 1, 0, DecodedFrame.SYN, new byte[0]), IP_OFFSET + 3, 19);

        assertAnomaly(frame, DecodeAnomaly.BAD_IPV4_TOTAL_LENGTH, Layer.ETHERNET);
    }

    @Test
    void reportsTcpHeaderCutByCapture() {
        byte[] frame = tcpFrame(40000, 80, 1, 0, DecodedFrame.SYN, new byte[0]);

        assertAnomaly(cut(frame, TRANSPORT_OFFSET + 19), DecodeAnomaly.TRUNCATED_TCP, Layer.IPV4);
    }

    @Test
    void reportsTcpOptionsCutByCapture() {
        byte[] frame = withByte(tcpFrame(40000, 80, 1, 0, DecodedFrame.SYN, payload(8)), TRANSPORT_OFFSET + 12,
                7 << 4);

        assertAnomaly(cut(frame, TRANSPORT_OFFSET + 24), DecodeAnomaly.TRUNCATED_TCP, Layer.IPV4);
    }

    @Test
    void reportsTcpHeaderCutByIpv4TotalLength() {
        byte[] frame = tcpFrame(40000, 80, 1, 0, DecodedFrame.SYN, new byte[0]);
        byte[] shortTotalLength = withByte(frame, IP_OFFSET + 3, 20 + 12);

        assertAnomaly(shortTotalLength, DecodeAnomaly.TRUNCATED_TCP, Layer.IPV4);
    }

    @Test
    void reportsTcpDataOffsetBelowFive() {
        byte[] frame = withByte(tcpFrame(40000, 80, 1, 0, DecodedFrame.SYN, payload(8)), TRANSPORT_OFFSET + 12,
                4 << 4);

        assertAnomaly(frame, DecodeAnomaly.BAD_TCP_HEADER_LENGTH, Layer.IPV4);
    }

    @Test
    void reportsTcpDataOffsetPastIpv4Packet() {
        byte[] frame = withByte(tcpFrame(40000, 80, 1, 0, DecodedFrame.SYN, payload(8)), TRANSPORT_OFFSET + 12,
                8 << 4);

        assertAnomaly(frame, DecodeAnomaly.BAD_TCP_HEADER_LENGTH, Layer.IPV4);
    }

    @Test
    void reportsTruncatedUdp() {
        byte[] frame = ethernet(IPV4, ipv4(UDP, CLIENT_IP, VIP, udp(5353, 53, new byte[0])));

        assertAnomaly(cut(frame, TRANSPORT_OFFSET + 7), DecodeAnomaly.TRUNCATED_UDP, Layer.IPV4);
    }

    @Test
    void reportsTruncatedIcmp() {
        byte[] frame = ethernet(IPV4, ipv4(ICMP, CLIENT_IP, VIP, icmp(8, 0, 1, 1)));

        assertAnomaly(cut(frame, TRANSPORT_OFFSET + 7), DecodeAnomaly.TRUNCATED_ICMP, Layer.IPV4);
    }

    @Test
    void reportsAnIcmpErrorQuotingLessThanAnIpv4Header() {
        byte[] reply = ipv4(TCP, VIP, CLIENT_IP, tcp(80, 40001, 1, 1, DecodedFrame.ACK, payload(0)));
        byte[] frame = ethernet(IPV4, ipv4(ICMP, ROUTER_IP, VIP, icmpError(3, 4, 1000, reply, 19)));

        assertAnomaly(frame, DecodeAnomaly.TRUNCATED_ICMP_QUOTE, Layer.ICMP);
        assertThat(out.icmpQuoted).isFalse();
    }

    @Test
    void reportsAnIcmpErrorQuotingATcpHeaderWithoutItsPorts() {
        byte[] reply = ipv4(TCP, VIP, CLIENT_IP, tcp(80, 40001, 1, 1, DecodedFrame.ACK, payload(0)));
        byte[] frame = ethernet(IPV4, ipv4(ICMP, ROUTER_IP, VIP, icmpError(3, 1, 0, reply, 22)));

        assertAnomaly(frame, DecodeAnomaly.TRUNCATED_ICMP_QUOTE, Layer.ICMP);
        assertThat(out.icmpQuoted).isFalse();
    }

    /** 0x65: version 6 instead of 4; 0x44: an IHL of 4 words, below the 5 of a bare IPv4 header. */
    @ParameterizedTest
    @ValueSource(ints = {0x65, 0x44})
    void reportsAnIcmpErrorQuotingSomethingOtherThanAnIpv4Header(int versionAndLength) {
        byte[] reply = withByte(ipv4(TCP, VIP, CLIENT_IP, tcp(80, 40001, 1, 1, DecodedFrame.ACK, payload(0))), 0,
                versionAndLength);
        byte[] frame = ethernet(IPV4, ipv4(ICMP, ROUTER_IP, VIP, icmpError(3, 4, 1000, reply, 28)));

        assertAnomaly(frame, DecodeAnomaly.BAD_ICMP_QUOTE, Layer.ICMP);
    }

    @Test
    void hashesEqualPayloadsEquallyWhateverTheHeaders() {
        decoder.decode(captured(tcpFrame(40000, 80, 1, 0, DecodedFrame.ACK, HTTP_REQUEST)), out);
        long beforeBalancer = FrameDecoder.payloadHash(out);

        byte[] tagged = ethernet(IPV4, ipv4(TCP, CLIENT_IP, VIP, tcp(40000, 80, 1, 0, DecodedFrame.ACK, HTTP_REQUEST)),
                new Tag(DOT1Q, 10));
        decoder.decode(captured(tagged), out);

        assertThat(FrameDecoder.payloadHash(out)).isEqualTo(beforeBalancer);
    }

    @Test
    void hashesDifferentPayloadsDifferently() {
        decoder.decode(captured(tcpFrame(40000, 80, 1, 0, DecodedFrame.ACK, payload(20))), out);
        long first = FrameDecoder.payloadHash(out);

        decoder.decode(captured(tcpFrame(40000, 80, 1, 0, DecodedFrame.ACK, payload(21))), out);

        assertThat(FrameDecoder.payloadHash(out)).isNotEqualTo(first);
    }

    @Test
    void mixesPayloadLengthIntoHashOfCutPayload() {
        decoder.decode(captured(tcpFrame(40000, 80, 1, 0, DecodedFrame.ACK, payload(100)), 54 + 10), out);
        long cutLong = FrameDecoder.payloadHash(out);

        decoder.decode(captured(tcpFrame(40000, 80, 1, 0, DecodedFrame.ACK, payload(50)), 54 + 10), out);

        assertThat(FrameDecoder.payloadHash(out)).isNotEqualTo(cutLong);
    }

    @Test
    void hashesOnlyThePayloadPrefixSoTheCostIsBoundedPerFrame() {
        byte[] tailDiffers = payload(200);
        tailDiffers[FrameDecoder.PAYLOAD_HASH_BYTES + 5] ^= 1;
        decoder.decode(captured(tcpFrame(40000, 80, 1, 0, DecodedFrame.ACK, payload(200))), out);
        long original = FrameDecoder.payloadHash(out);

        decoder.decode(captured(tcpFrame(40000, 80, 1, 0, DecodedFrame.ACK, tailDiffers)), out);
        long changedTail = FrameDecoder.payloadHash(out);
        byte[] headDiffers = payload(200);
        headDiffers[FrameDecoder.PAYLOAD_HASH_BYTES - 1] ^= 1;
        decoder.decode(captured(tcpFrame(40000, 80, 1, 0, DecodedFrame.ACK, headDiffers)), out);

        assertThat(changedTail).isEqualTo(original);
        assertThat(FrameDecoder.payloadHash(out)).isNotEqualTo(original);
    }

    private void assertAnomaly(byte[] frame, DecodeAnomaly expected, Layer expectedLayer) {
        assertThat(decoder.decode(captured(frame), out)).as("decode result").isFalse();
        assertThat(out.anomaly).isEqualTo(expected);
        assertThat(out.layer).isEqualTo(expectedLayer);
    }

    private static byte[] payloadOf(DecodedFrame frame) {
        assertThat(frame.payloadCapturedLength).isNotNegative();
        return Arrays.copyOfRange(frame.data, frame.payloadOffset, frame.payloadOffset + frame.payloadCapturedLength);
    }
}

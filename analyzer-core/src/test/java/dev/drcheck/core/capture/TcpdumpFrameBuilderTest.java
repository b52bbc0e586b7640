package dev.drcheck.core.capture;

import dev.drcheck.core.capture.TcpdumpPacket.Arp;
import dev.drcheck.core.capture.TcpdumpPacket.Icmp;
import dev.drcheck.core.capture.TcpdumpPacket.IpHeader;
import dev.drcheck.core.capture.TcpdumpPacket.Ipv4;
import dev.drcheck.core.capture.TcpdumpPacket.Quote;
import dev.drcheck.core.capture.TcpdumpPacket.Tcp;
import dev.drcheck.core.capture.TcpdumpPacket.Udp;
import dev.drcheck.core.decode.DecodedFrame;
import dev.drcheck.core.decode.FrameDecoder;
import dev.drcheck.core.decode.Layer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The synthetic frames decode to what the record says. */
class TcpdumpFrameBuilderTest {
    private static final long MAC_A = 0x02_00_00_00_00_0aL;
    private static final long MAC_B = 0x02_00_00_00_00_0bL;
    private static final int IP_A = 0xc000_020a;
    private static final int IP_B = 0xc000_0264;

    private final TcpdumpFrameBuilder builder = new TcpdumpFrameBuilder();

    private DecodedFrame decode(TcpdumpPacket packet) {
        int length = builder.write(packet);
        CapturedFrame frame = new CapturedFrame();
        frame.set(1, packet.timestamp(), LinkType.ETHERNET, builder.buffer(), 0, length, length);
        DecodedFrame decoded = new DecodedFrame();
        new FrameDecoder().decode(frame, decoded);
        return decoded;
    }

    private static TcpdumpPacket ipv4(int[] tags, IpHeader header, TcpdumpPacket.Transport transport) {
        return new TcpdumpPacket(5, MAC_A, MAC_B, 0, tags, 0x0800, null, new Ipv4(header, IP_A, IP_B, transport));
    }

    @Test
    void tcpWithOptionsImpliedByTheVerboseLength() {
        DecodedFrame f = decode(ipv4(new int[0], new IpHeader(0, 63, 77, 0x4000, 20 + 32 + 10, 6),
                new Tcp(40001, 80, 0x18, 1000, 2000, 502, 0, 10)));
        assertThat(f.layer).isEqualTo(Layer.TCP);
        assertThat(f.anomaly).isNull();
        assertThat(new long[] {f.srcMac, f.dstMac, f.ipSrc, f.ipDst, f.srcPort, f.dstPort, f.ttl, f.ipId})
                .containsExactly(MAC_A, MAC_B, IP_A, IP_B, 40001, 80, 63, 77);
        assertThat(f.tcpFlags).isEqualTo(0x18);
        assertThat(f.payloadLength).isEqualTo(10);
    }

    @Test
    void udpBehindTwoTags() {
        DecodedFrame f = decode(ipv4(new int[] {0x88a8 << 16 | 100, 0x8100 << 16 | 200}, IpHeader.UNPRINTED,
                new Udp(5353, 53, 18)));
        assertThat(f.layer).isEqualTo(Layer.UDP);
        assertThat(f.vlanTagCount).isEqualTo(2);
        assertThat(new long[] {f.srcPort, f.dstPort, f.payloadLength, f.ttl}).containsExactly(5353, 53, 18, 64);
    }

    @Test
    void icmpErrorQuotesThePrintedPacketOrABareHeader() {
        DecodedFrame quoted = decode(ipv4(new int[0], IpHeader.UNPRINTED,
                new Icmp(3, 4, 1000, 28, new Quote(6, IP_B, IP_A, 80, 40001))));
        assertThat(quoted.layer).isEqualTo(Layer.ICMP);
        assertThat(new long[] {quoted.icmpType, quoted.icmpCode, quoted.icmpQuotedProtocol, quoted.icmpQuotedSrcPort,
                quoted.icmpQuotedDstPort}).containsExactly(3, 4, 6, 80, 40001);
        DecodedFrame bare = decode(ipv4(new int[0], IpHeader.UNPRINTED, new Icmp(3, 1, 0, 28, null)));
        assertThat(bare.icmpQuotedProtocol).isZero();
        assertThat(bare.icmpQuotedSrc).isEqualTo(IP_B);
    }

    @Test
    void arpMessage() {
        DecodedFrame f = decode(new TcpdumpPacket(5, MAC_A, MAC_B, 0, new int[0], 0x0806,
                new Arp(2, MAC_A, IP_A, MAC_B, IP_B), null));
        assertThat(f.layer).isEqualTo(Layer.ARP);
        assertThat(new long[] {f.arpOperation, f.arpSenderMac, f.arpSenderIp, f.arpTargetMac, f.arpTargetIp})
                .containsExactly(2, MAC_A, IP_A, MAC_B, IP_B);
    }
}

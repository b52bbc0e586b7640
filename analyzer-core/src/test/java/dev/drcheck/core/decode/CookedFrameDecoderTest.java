package dev.drcheck.core.decode;

import dev.drcheck.core.capture.CapturedFrame;
import dev.drcheck.core.capture.LinkType;
import dev.drcheck.core.capture.PcapReader;
import dev.drcheck.core.decode.TestFrames.Tag;
import dev.drcheck.core.net.Mac;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.drcheck.core.decode.TestFrames.ARP;
import static dev.drcheck.core.decode.TestFrames.CLIENT_IP;
import static dev.drcheck.core.decode.TestFrames.CLIENT_MAC;
import static dev.drcheck.core.decode.TestFrames.DIRECTOR_MAC;
import static dev.drcheck.core.decode.TestFrames.DOT1AD;
import static dev.drcheck.core.decode.TestFrames.DOT1Q;
import static dev.drcheck.core.decode.TestFrames.IPV4;
import static dev.drcheck.core.decode.TestFrames.QINQ_9100;
import static dev.drcheck.core.decode.TestFrames.TCP;
import static dev.drcheck.core.decode.TestFrames.VIP;
import static dev.drcheck.core.decode.TestFrames.arp;
import static dev.drcheck.core.decode.TestFrames.captured;
import static dev.drcheck.core.decode.TestFrames.cut;
import static dev.drcheck.core.decode.TestFrames.ipv4;
import static dev.drcheck.core.decode.TestFrames.payload;
import static dev.drcheck.core.decode.TestFrames.sll;
import static dev.drcheck.core.decode.TestFrames.sll2;
import static dev.drcheck.core.decode.TestFrames.tcp;
import static org.assertj.core.api.Assertions.assertThat;

/** Linux cooked captures (LINKTYPE_LINUX_SLL 113, LINKTYPE_LINUX_SLL2 276), as {@code tcpdump -i any} writes them. */
class CookedFrameDecoderTest {
    private static final int ARPHRD_ETHER = 1;
    private static final int ARPHRD_LOOPBACK = 772;
    private static final int ARPHRD_NONE = 0xfffe;
    private static final int HOST = 0;
    private static final int OUTGOING = 4;
    private static final int IFINDEX = 6;
    private static final byte[] SYN = tcp(40000, 80, 7, 0, DecodedFrame.SYN, new byte[0]);
    private static final long RS_MAC = Mac.parse("02:00:00:00:00:11");

    private final FrameDecoder decoder = new FrameDecoder();
    private final DecodedFrame out = new DecodedFrame();

    @Test
    void decodesSllArpRequest() {
        byte[] frame = sll(1, ARPHRD_ETHER, 6, CLIENT_MAC, ARP, arp(1, CLIENT_MAC, CLIENT_IP, 0, VIP));

        assertThat(decoder.decode(captured(LinkType.LINUX_SLL, frame, frame.length), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.ARP);
        assertThat(out.etherType).isEqualTo(ARP);
        assertThat(out.arpOperation).isEqualTo(1);
        assertThat(out.arpSenderMac).isEqualTo(CLIENT_MAC);
        assertThat(out.arpTargetIp).isEqualTo(VIP);
        assertThat(out.srcMac).isEqualTo(CLIENT_MAC);
        assertThat(out.srcMacKnown).isTrue();
        assertThat(out.dstMacKnown).isFalse();
        assertThat(out.dstMac).isZero();
        assertThat(out.cookedPacketType).isEqualTo(DecodedFrame.COOKED_BROADCAST);
        assertThat(out.cookedInterfaceIndex).isEqualTo(-1);
    }

    @Test
    void decodesSll2ArpReply() {
        byte[] frame = sll2(HOST, IFINDEX, ARPHRD_ETHER, 6, DIRECTOR_MAC, ARP,
                arp(2, DIRECTOR_MAC, VIP, CLIENT_MAC, CLIENT_IP));

        assertThat(decoder.decode(captured(LinkType.LINUX_SLL2, frame, frame.length), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.ARP);
        assertThat(out.arpOperation).isEqualTo(2);
        assertThat(out.arpSenderMac).isEqualTo(DIRECTOR_MAC);
        assertThat(out.arpSenderIp).isEqualTo(VIP);
        assertThat(out.arpTargetMac).isEqualTo(CLIENT_MAC);
        assertThat(out.srcMac).isEqualTo(DIRECTOR_MAC);
        assertThat(out.srcMacKnown).isTrue();
        assertThat(out.dstMacKnown).isFalse();
        assertThat(out.cookedPacketType).isEqualTo(HOST);
        assertThat(out.cookedInterfaceIndex).isEqualTo(IFINDEX);
    }

    @Test
    void decodesSllTcp() {
        byte[] frame = sll(3, ARPHRD_ETHER, 6, CLIENT_MAC, IPV4, ipv4(TCP, CLIENT_IP, VIP,
                tcp(40000, 80, 0xfffffff0L, 5, DecodedFrame.ACK | DecodedFrame.PSH, payload(10))));

        assertThat(decoder.decode(captured(LinkType.LINUX_SLL, frame, frame.length), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.TCP);
        assertThat(out.ipSrc).isEqualTo(CLIENT_IP);
        assertThat(out.ipDst).isEqualTo(VIP);
        assertThat(out.srcPort).isEqualTo(40000);
        assertThat(out.dstPort).isEqualTo(80);
        assertThat(out.tcpSeq).isEqualTo(0xfffffff0L);
        assertThat(out.tcpAck).isEqualTo(5);
        assertThat(out.payloadLength).isEqualTo(10);
        assertThat(out.payloadOffset).isEqualTo(5 + 16 + 20 + 20);
        assertThat(Arrays.copyOfRange(out.data, out.payloadOffset, out.payloadOffset + out.payloadCapturedLength))
                .isEqualTo(payload(10));
    }

    @Test
    void decodesSll2Tcp() {
        byte[] frame = sll2(OUTGOING, 3, ARPHRD_ETHER, 6, DIRECTOR_MAC, IPV4, ipv4(TCP, CLIENT_IP, VIP, SYN));

        assertThat(decoder.decode(captured(LinkType.LINUX_SLL2, frame, frame.length), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.TCP);
        assertThat(out.isSyn()).isTrue();
        assertThat(out.tcpSeq).isEqualTo(7);
        assertThat(out.ipDst).isEqualTo(VIP);
        assertThat(out.srcMac).isEqualTo(DIRECTOR_MAC);
        assertThat(out.cookedPacketType).isEqualTo(OUTGOING);
        assertThat(out.cookedInterfaceIndex).isEqualTo(3);
        assertThat(out.payloadOffset).isEqualTo(5 + 20 + 20 + 20);
    }

    /** Incoming (0-3) and outgoing (4) alike: the one address is the source, the destination is unknown. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void takesTheAddressAsSourceForEveryPacketTypeOfSll(int packetType) {
        byte[] frame = sll(packetType, ARPHRD_ETHER, 6, RS_MAC, IPV4, ipv4(TCP, VIP, CLIENT_IP, SYN));

        assertThat(decoder.decode(captured(LinkType.LINUX_SLL, frame, frame.length), out)).isTrue();

        assertThat(out.cookedPacketType).isEqualTo(packetType);
        assertThat(out.srcMac).isEqualTo(RS_MAC);
        assertThat(out.srcMacKnown).isTrue();
        assertThat(out.dstMac).isZero();
        assertThat(out.dstMacKnown).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void takesTheAddressAsSourceForEveryPacketTypeOfSll2(int packetType) {
        byte[] frame = sll2(packetType, IFINDEX, ARPHRD_ETHER, 6, RS_MAC, IPV4, ipv4(TCP, VIP, CLIENT_IP, SYN));

        assertThat(decoder.decode(captured(LinkType.LINUX_SLL2, frame, frame.length), out)).isTrue();

        assertThat(out.cookedPacketType).isEqualTo(packetType);
        assertThat(out.srcMac).isEqualTo(RS_MAC);
        assertThat(out.srcMacKnown).isTrue();
        assertThat(out.dstMac).isZero();
        assertThat(out.dstMacKnown).isFalse();
    }

    @Test
    void knowsNoMacOnSllLoopback() {
        decoder.decode(captured(ethernetSyn()), out);
        byte[] frame = sll(HOST, ARPHRD_LOOPBACK, 6, 0, IPV4, ipv4(TCP, VIP, VIP, SYN));

        assertThat(decoder.decode(captured(LinkType.LINUX_SLL, frame, frame.length), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.TCP);
        assertThat(out.srcMacKnown).isFalse();
        assertThat(out.dstMacKnown).isFalse();
        assertThat(out.srcMac).isZero();
        assertThat(out.dstMac).isZero();
    }

    @Test
    void knowsNoMacOnSll2Loopback() {
        byte[] frame = sll2(OUTGOING, 1, ARPHRD_LOOPBACK, 6, 0, IPV4, ipv4(TCP, VIP, VIP, SYN));

        assertThat(decoder.decode(captured(LinkType.LINUX_SLL2, frame, frame.length), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.TCP);
        assertThat(out.srcMacKnown).isFalse();
        assertThat(out.dstMacKnown).isFalse();
        assertThat(out.cookedInterfaceIndex).isEqualTo(1);
    }

    @Test
    void knowsNoMacWithoutASixByteAddress() {
        byte[] tun = sll2(HOST, 9, ARPHRD_NONE, 0, 0, IPV4, ipv4(TCP, CLIENT_IP, VIP, SYN));
        assertThat(decoder.decode(captured(LinkType.LINUX_SLL2, tun, tun.length), out)).isTrue();
        assertThat(out.srcMacKnown).isFalse();

        byte[] shortAddress = sll(HOST, ARPHRD_ETHER, 4, CLIENT_MAC, IPV4, ipv4(TCP, CLIENT_IP, VIP, SYN));
        assertThat(decoder.decode(captured(LinkType.LINUX_SLL, shortAddress, shortAddress.length), out)).isTrue();
        assertThat(out.srcMacKnown).isFalse();
        assertThat(out.srcMac).isZero();
    }

    @Test
    void decodesVlanTagAfterSllHeader() {
        byte[] frame = sll(3, ARPHRD_ETHER, 6, CLIENT_MAC, IPV4, ipv4(TCP, CLIENT_IP, VIP, SYN),
                new Tag(DOT1Q, 0x2064));

        assertThat(decoder.decode(captured(LinkType.LINUX_SLL, frame, frame.length), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.TCP);
        assertThat(out.vlanTagCount).isEqualTo(1);
        assertThat(out.outerVlanId).isEqualTo(100);
        assertThat(out.etherType).isEqualTo(IPV4);
        assertThat(out.srcMac).isEqualTo(CLIENT_MAC);
    }

    @Test
    void decodesVlanTagAfterSll2Header() {
        byte[] frame = sll2(3, IFINDEX, ARPHRD_ETHER, 6, CLIENT_MAC, ARP, arp(1, CLIENT_MAC, CLIENT_IP, 0, VIP),
                new Tag(DOT1Q, 42));

        assertThat(decoder.decode(captured(LinkType.LINUX_SLL2, frame, frame.length), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.ARP);
        assertThat(out.vlanTagCount).isEqualTo(1);
        assertThat(out.outerVlanId).isEqualTo(42);
        assertThat(out.arpTargetIp).isEqualTo(VIP);
    }

    @ParameterizedTest
    @CsvSource({"113, 34984", "113, 37120", "276, 34984", "276, 37120"})
    void decodesQinQAfterCookedHeader(int linkType, int outerTpid) {
        Tag[] tags = {new Tag(outerTpid, 300), new Tag(DOT1Q, 100)};
        byte[] packet = ipv4(TCP, CLIENT_IP, VIP, SYN);
        byte[] frame = linkType == LinkType.LINUX_SLL
                ? sll(HOST, ARPHRD_ETHER, 6, CLIENT_MAC, IPV4, packet, tags)
                : sll2(HOST, IFINDEX, ARPHRD_ETHER, 6, CLIENT_MAC, IPV4, packet, tags);

        assertThat(decoder.decode(captured(linkType, frame, frame.length), out)).isTrue();

        assertThat(outerTpid == DOT1AD || outerTpid == QINQ_9100).isTrue();
        assertThat(out.layer).isEqualTo(Layer.TCP);
        assertThat(out.vlanTagCount).isEqualTo(2);
        assertThat(out.outerVlanId).isEqualTo(300);
        assertThat(out.etherType).isEqualTo(IPV4);
        assertThat(out.isSyn()).isTrue();
    }

    @Test
    void reportsTruncatedVlanTagAfterCookedHeader() {
        byte[] frame = sll2(HOST, IFINDEX, ARPHRD_ETHER, 6, CLIENT_MAC, IPV4, ipv4(TCP, CLIENT_IP, VIP, SYN),
                new Tag(DOT1Q, 100));

        assertThat(decoder.decode(captured(LinkType.LINUX_SLL2, cut(frame, 23), 23), out)).isFalse();

        assertThat(out.anomaly).isEqualTo(DecodeAnomaly.TRUNCATED_VLAN);
        assertThat(out.layer).isEqualTo(Layer.NONE);
    }

    @Test
    void reportsTruncatedSllHeader() {
        byte[] frame = cut(sll(HOST, ARPHRD_ETHER, 6, CLIENT_MAC, IPV4, ipv4(TCP, CLIENT_IP, VIP, SYN)), 15);

        assertThat(decoder.decode(captured(LinkType.LINUX_SLL, frame, frame.length), out)).isFalse();

        assertThat(out.anomaly).isEqualTo(DecodeAnomaly.TRUNCATED_SLL);
        assertThat(out.anomaly.id()).isEqualTo("truncated_sll");
        assertThat(out.layer).isEqualTo(Layer.NONE);
        assertThat(out.srcMacKnown).isFalse();
        assertThat(out.dstMacKnown).isFalse();
        assertThat(out.cookedPacketType).isEqualTo(-1);
    }

    @Test
    void reportsTruncatedSll2Header() {
        byte[] frame = cut(sll2(HOST, IFINDEX, ARPHRD_ETHER, 6, CLIENT_MAC, IPV4, ipv4(TCP, CLIENT_IP, VIP, SYN)), 19);

        assertThat(decoder.decode(captured(LinkType.LINUX_SLL2, frame, frame.length), out)).isFalse();

        assertThat(out.anomaly).isEqualTo(DecodeAnomaly.TRUNCATED_SLL2);
        assertThat(out.anomaly.id()).isEqualTo("truncated_sll2");
        assertThat(out.layer).isEqualTo(Layer.NONE);
        assertThat(out.srcMacKnown).isFalse();
        assertThat(out.cookedPacketType).isEqualTo(-1);
        assertThat(out.cookedInterfaceIndex).isEqualTo(-1);
    }

    @Test
    void stopsAtLinkLayerForHeaderOnlyCookedFrame() {
        byte[] frame = sll(HOST, ARPHRD_ETHER, 6, CLIENT_MAC, 0x86dd, new byte[0]);

        assertThat(decoder.decode(captured(LinkType.LINUX_SLL, frame, frame.length), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.ETHERNET);
        assertThat(out.etherType).isEqualTo(0x86dd);
    }

    @Test
    void describesCookedLinkTypes() {
        assertThat(LinkType.isSupported(LinkType.LINUX_SLL)).isTrue();
        assertThat(LinkType.isSupported(LinkType.LINUX_SLL2)).isTrue();
        assertThat(LinkType.describe(113)).isEqualTo("113 LINUX_SLL");
        assertThat(LinkType.describe(276)).isEqualTo("276 LINUX_SLL2");
    }

    /**
     * The lab's {@code tcpdump -i any} captures (sample-pcaps/cooked/, see sample-pcaps/README.md) decode without
     * an anomaly, with a known source and an unknown destination MAC on every frame.
     */
    @ParameterizedTest
    @CsvSource({"healthy-any.pcap, 276", "arp-ignore-rs1-any.pcap, 276", "healthy-any-sll.pcap, 113"})
    void decodesLabCookedCaptures(String name, int linkType) throws IOException {
        Path file = Path.of(System.getProperty("drcheck.repoRoot", ".."), "sample-pcaps", "cooked", name);
        long frames = 0;
        long outgoing = 0;
        try (PcapReader reader = PcapReader.open(file)) {
            assertThat(reader.linkType()).isEqualTo(linkType);
            CapturedFrame in = new CapturedFrame();
            while (reader.next(in)) {
                frames++;
                assertThat(in.linkType).isEqualTo(linkType);
                assertThat(decoder.decode(in, out)).as("frame %d: %s", frames, out.anomaly).isTrue();
                assertThat(out.layer).as("frame %d", frames).isIn(Layer.ARP, Layer.TCP);
                assertThat(out.dstMacKnown).as("frame %d", frames).isFalse();
                assertThat(out.dstMac).as("frame %d", frames).isZero();
                assertThat(out.srcMacKnown).as("frame %d", frames).isTrue();
                assertThat(Mac.format(out.srcMac)).as("frame %d", frames).startsWith("02:00:00:00:00:");
                assertThat(out.cookedPacketType).as("frame %d", frames).isBetween(0, 4);
                if (linkType == LinkType.LINUX_SLL2) {
                    assertThat(out.cookedInterfaceIndex).as("frame %d", frames).isPositive();
                } else {
                    assertThat(out.cookedInterfaceIndex).as("frame %d", frames).isEqualTo(-1);
                }
                if (out.cookedPacketType == DecodedFrame.COOKED_OUTGOING) {
                    outgoing++;
                }
            }
            assertThat(reader.damage()).isEmpty();
        }
        assertThat(frames).isGreaterThan(300);
        assertThat(outgoing).isPositive();
    }

    private static byte[] ethernetSyn() {
        return TestFrames.ethernet(IPV4, ipv4(TCP, CLIENT_IP, VIP, SYN));
    }
}

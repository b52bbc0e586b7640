package dev.drcheck.core.decode;

import dev.drcheck.core.capture.LinkType;
import dev.drcheck.core.decode.TestFrames.Bytes;
import dev.drcheck.core.net.Mac;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.drcheck.core.decode.TestFrames.ARP;
import static dev.drcheck.core.decode.TestFrames.CLIENT_IP;
import static dev.drcheck.core.decode.TestFrames.CLIENT_MAC;
import static dev.drcheck.core.decode.TestFrames.DIRECTOR_MAC;
import static dev.drcheck.core.decode.TestFrames.IPV4;
import static dev.drcheck.core.decode.TestFrames.TCP;
import static dev.drcheck.core.decode.TestFrames.VIP;
import static dev.drcheck.core.decode.TestFrames.arp;
import static dev.drcheck.core.decode.TestFrames.captured;
import static dev.drcheck.core.decode.TestFrames.cut;
import static dev.drcheck.core.decode.TestFrames.ipv4;
import static dev.drcheck.core.decode.TestFrames.tcp;
import static org.assertj.core.api.Assertions.assertThat;

/** Link types whose packets follow an 802.2 LLC/SNAP header: FDDI, IEEE 802.11, 802.11 with radiotap. */
class LlcLinkFrameDecoderTest {
    private static final long BSSID = Mac.parse("02:00:00:00:0a:01");
    private static final long RECEIVER = Mac.parse("02:00:00:00:0a:02");
    private static final byte[] SYN = ipv4(TCP, CLIENT_IP, VIP, tcp(40000, 80, 7, 0, DecodedFrame.SYN, new byte[0]));
    private static final int DATA = 0x08;
    private static final int QOS_DATA = 0x88;
    private static final int NULL_DATA = 0x48;
    private static final int BEACON = 0x80;
    private static final int ACK = 0xd4;

    private final FrameDecoder decoder = new FrameDecoder();
    private final DecodedFrame out = new DecodedFrame();

    @Test
    void decodesFddiWithSnap() {
        byte[] frame = new Bytes().u8(0x50).mac(DIRECTOR_MAC).mac(CLIENT_MAC).bytes(snap(IPV4)).bytes(SYN).toArray();

        assertThat(decode(LinkType.FDDI, frame)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.TCP);
        assertThat(out.dstMac).isEqualTo(DIRECTOR_MAC);
        assertThat(out.srcMac).isEqualTo(CLIENT_MAC);
        assertThat(out.dstMacKnown).isTrue();
        assertThat(out.srcMacKnown).isTrue();
        assertThat(out.ipDst).isEqualTo(VIP);
    }

    @Test
    void fddiWithoutSnapIsNotInterpreted() {
        byte[] frame = new Bytes().u8(0x50).mac(DIRECTOR_MAC).mac(CLIENT_MAC).u8(0x42).u8(0x42).u8(0x03).bytes(SYN)
                .toArray();

        assertThat(decode(LinkType.FDDI, frame)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.ETHERNET);
        assertThat(out.etherType).isZero();
    }

    @Test
    void fddiHeaderCutOffIsTruncated() {
        assertThat(decode(LinkType.FDDI, new byte[12])).isFalse();

        assertThat(out.anomaly.id()).isEqualTo("truncated_fddi");
    }

    @Test
    void snapCutOffIsTruncatedLlc() {
        byte[] frame = new Bytes().u8(0x50).mac(DIRECTOR_MAC).mac(CLIENT_MAC).u8(0xaa).u8(0xaa).u8(0x03).u8(0)
                .toArray();

        assertThat(decode(LinkType.FDDI, frame)).isFalse();

        assertThat(out.anomaly).isEqualTo(DecodeAnomaly.TRUNCATED_LLC);
    }

    /** Addresses 1 to 3 (and 4) and which is the destination and the source, by the To-DS and From-DS bits. */
    @ParameterizedTest
    @CsvSource({"0, false", "1, false", "2, false", "3, false", "0, true", "1, true", "3, true"})
    void takesSourceAndDestinationFromTheAddressesTheDsBitsName(int dsBits, boolean qos) {
        long[] addresses = switch (dsBits) {
            case 0 -> new long[] {DIRECTOR_MAC, CLIENT_MAC, BSSID};
            case 1 -> new long[] {BSSID, CLIENT_MAC, DIRECTOR_MAC};
            case 2 -> new long[] {DIRECTOR_MAC, BSSID, CLIENT_MAC};
            default -> new long[] {RECEIVER, BSSID, DIRECTOR_MAC, CLIENT_MAC};
        };
        byte[] frame = wlan(qos ? QOS_DATA : DATA, dsBits, addresses).bytes(snap(IPV4)).bytes(SYN).toArray();

        assertThat(decode(LinkType.IEEE802_11, frame)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.TCP);
        assertThat(out.dstMac).isEqualTo(DIRECTOR_MAC);
        assertThat(out.srcMac).isEqualTo(CLIENT_MAC);
    }

    @Test
    void qosDataWithHtControlSkipsIt() {
        byte[] frame = wlan(QOS_DATA, 0x80 | 1, BSSID, CLIENT_MAC, DIRECTOR_MAC).u32(0).bytes(snap(ARP))
                .bytes(arp(1, CLIENT_MAC, CLIENT_IP, 0, VIP)).toArray();

        assertThat(decode(LinkType.IEEE802_11, frame)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.ARP);
        assertThat(out.arpTargetIp).isEqualTo(VIP);
    }

    @Test
    void encryptedNullAndNonDataFramesAreNotInterpreted() {
        byte[][] frames = {
            wlan(DATA, 0x40 | 1, BSSID, CLIENT_MAC, DIRECTOR_MAC).bytes(snap(IPV4)).bytes(SYN).toArray(),
            wlan(NULL_DATA, 1, BSSID, CLIENT_MAC, DIRECTOR_MAC).toArray(),
            wlan(BEACON, 0, Mac.parse("ff:ff:ff:ff:ff:ff"), BSSID, BSSID).bytes(new byte[12]).toArray(),
            new Bytes().u8(ACK).u8(0).u16(0).mac(CLIENT_MAC).toArray()};
        for (byte[] frame : frames) {
            assertThat(decode(LinkType.IEEE802_11, frame)).isTrue();

            assertThat(out.layer).isEqualTo(Layer.ETHERNET);
            assertThat(out.etherType).isZero();
        }
    }

    @Test
    void wlanHeaderCutOffIsTruncated() {
        byte[] frame = cut(wlan(QOS_DATA, 1, BSSID, CLIENT_MAC, DIRECTOR_MAC).toArray(), 25);

        assertThat(decode(LinkType.IEEE802_11, frame)).isFalse();

        assertThat(out.anomaly).isEqualTo(DecodeAnomaly.TRUNCATED_IEEE802_11);
        assertThat(out.layer).isEqualTo(Layer.NONE);
    }

    @Test
    void radiotapHeaderIsSkippedByItsLength() {
        byte[] frame = radiotap(12).bytes(wlan(DATA, 1, BSSID, CLIENT_MAC, DIRECTOR_MAC).bytes(snap(IPV4)).bytes(SYN)
                .toArray()).toArray();

        assertThat(decode(LinkType.IEEE802_11_RADIOTAP, frame)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.TCP);
        assertThat(out.srcMac).isEqualTo(CLIENT_MAC);
    }

    @Test
    void radiotapLengthBelowItsHeaderIsBad() {
        assertThat(decode(LinkType.IEEE802_11_RADIOTAP, radiotap(4).bytes(new byte[40]).toArray())).isFalse();

        assertThat(out.anomaly.id()).isEqualTo("bad_radiotap_length");
    }

    @Test
    void radiotapLongerThanTheFrameIsTruncated() {
        byte[] frame = cut(radiotap(64).bytes(new byte[20]).toArray(), 40);

        assertThat(decode(LinkType.IEEE802_11_RADIOTAP, frame)).isFalse();

        assertThat(out.anomaly).isEqualTo(DecodeAnomaly.TRUNCATED_RADIOTAP);
    }

    private boolean decode(int linkType, byte[] frame) {
        return decoder.decode(captured(linkType, frame, frame.length), out);
    }

    /** An 802.11 header: frame control, flags, duration, the addresses, sequence control, and QoS control if QoS. */
    private static Bytes wlan(int control, int flags, long... addresses) {
        Bytes bytes = new Bytes().u8(control).u8(flags).u16(0);
        for (int i = 0; i < Math.min(3, addresses.length); i++) {
            bytes.mac(addresses[i]);
        }
        bytes.u16(0);
        if (addresses.length == 4) {
            bytes.mac(addresses[3]);
        }
        if (control == QOS_DATA) {
            bytes.u16(0);
        }
        return bytes;
    }

    private static byte[] snap(int etherType) {
        return new Bytes().u8(0xaa).u8(0xaa).u8(0x03).u8(0).u16(0).u16(etherType).toArray();
    }

    /** A radiotap header whose length field says {@code length} (little-endian), padded with zeros to it. */
    private static Bytes radiotap(int length) {
        Bytes bytes = new Bytes().u8(0).u8(0).u8(length).u8(0).u32(0);
        for (int i = 8; i < length; i++) {
            bytes.u8(0);
        }
        return bytes;
    }
}

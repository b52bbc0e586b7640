package dev.drcheck.core.decode;

import dev.drcheck.core.decode.TestFrames.Bytes;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.net.Mac;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.drcheck.core.decode.TestFrames.IPV4;
import static dev.drcheck.core.decode.TestFrames.captured;
import static dev.drcheck.core.decode.TestFrames.ipv4;
import static dev.drcheck.core.decode.TestFrames.withByte;
import static org.assertj.core.api.Assertions.assertThat;

class VrrpDecoderTest {
    private static final int VRRP = 112;
    private static final int ROUTER_IP = Ipv4.parse("192.0.2.2");
    private static final int VRRP_GROUP = Ipv4.parse("224.0.0.18");
    private static final int VIP = Ipv4.parse("192.0.2.100");
    private static final int VIP2 = Ipv4.parse("192.0.2.101");
    private static final long ROUTER_MAC = Mac.parse("02:00:00:00:00:02");
    private static final long VRRP_MULTICAST_MAC = Mac.parse("01:00:5e:00:00:12");
    /** Offset of the VRRP header in an untagged frame with a 20-byte IPv4 header. */
    private static final int VRRP_OFFSET = 34;

    private final FrameDecoder decoder = new FrameDecoder();
    private final DecodedFrame out = new DecodedFrame();

    /** A VRRP v2 advertisement: VRID 51, priority 150, auth type 1 ("pass1234"), 1 s interval, two addresses. */
    private static byte[] v2Advert(long sourceMac) {
        byte[] vrrp = new Bytes().u8(0x21).u8(51).u8(150).u8(2).u8(1).u8(1).u16(0)
                .u32(VIP).u32(VIP2).bytes("pass1234".getBytes(StandardCharsets.US_ASCII))
                .toArray();
        return frame(sourceMac, vrrp);
    }

    /** A VRRP v3 advertisement: VRID 7, priority 100, 250 cs (2.5 s) interval, one address. */
    private static byte[] v3Advert(long sourceMac) {
        byte[] vrrp = new Bytes().u8(0x31).u8(7).u8(100).u8(1).u16(250).u16(0).u32(VIP).toArray();
        return frame(sourceMac, vrrp);
    }

    private static byte[] frame(long sourceMac, byte[] vrrp) {
        return new Bytes().mac(VRRP_MULTICAST_MAC).mac(sourceMac).u16(IPV4)
                .bytes(ipv4(VRRP, ROUTER_IP, VRRP_GROUP, vrrp)).toArray();
    }

    @Test
    void decodesAVersion2Advertisement() {
        assertThat(decoder.decode(captured(v2Advert(ROUTER_MAC)), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.VRRP);
        assertThat(out.vrrpVersion).isEqualTo(2);
        assertThat(out.vrrpVrid).isEqualTo(51);
        assertThat(out.vrrpPriority).isEqualTo(150);
        assertThat(out.vrrpAddressCount).isEqualTo(2);
        assertThat(out.vrrpAuthType).isEqualTo(1);
        assertThat(out.vrrpIntervalCentis).isEqualTo(100);
        assertThat(out.vrrpAddresses[0]).isEqualTo(VIP);
        assertThat(out.vrrpAddresses[1]).isEqualTo(VIP2);
        assertThat(out.ipSrc).isEqualTo(ROUTER_IP);
        assertThat(out.srcMac).isEqualTo(ROUTER_MAC);
        assertThat(out.vrrpFromVirtualMac).isFalse();
    }

    @Test
    void decodesAVersion3AdvertisementWithItsCentisecondInterval() {
        assertThat(decoder.decode(captured(v3Advert(ROUTER_MAC)), out)).isTrue();

        assertThat(out.layer).isEqualTo(Layer.VRRP);
        assertThat(out.vrrpVersion).isEqualTo(3);
        assertThat(out.vrrpVrid).isEqualTo(7);
        assertThat(out.vrrpPriority).isEqualTo(100);
        assertThat(out.vrrpAddressCount).isEqualTo(1);
        assertThat(out.vrrpAuthType).isEqualTo(-1);
        assertThat(out.vrrpIntervalCentis).isEqualTo(250);
        assertThat(out.vrrpAddresses[0]).isEqualTo(VIP);
    }

    @Test
    void readsTheTwelveBitIntervalOfVersion3WithoutTheReservedBits() {
        byte[] frame = withByte(v3Advert(ROUTER_MAC), VRRP_OFFSET + 4, 0xf1);

        assertThat(decoder.decode(captured(frame), out)).isTrue();

        assertThat(out.vrrpIntervalCentis).isEqualTo(0x100 + 250);
    }

    @Test
    void recognisesTheVirtualRouterMacOfTheAdvertisedVrid() {
        assertThat(decoder.decode(captured(v3Advert(Mac.parse("00:00:5e:00:01:07"))), out)).isTrue();
        assertThat(out.vrrpFromVirtualMac).isTrue();

        assertThat(decoder.decode(captured(v3Advert(Mac.parse("00:00:5e:00:01:08"))), out)).isTrue();
        assertThat(out.vrrpFromVirtualMac).isFalse();

        assertThat(decoder.decode(captured(v3Advert(Mac.parse("00:00:5e:00:02:07"))), out)).isTrue();
        assertThat(out.vrrpFromVirtualMac).isFalse();
    }

    @Test
    void decodesAResignAdvertWithPriorityZero() {
        byte[] frame = withByte(v2Advert(ROUTER_MAC), VRRP_OFFSET + 2, 0);

        assertThat(decoder.decode(captured(frame), out)).isTrue();

        assertThat(out.vrrpPriority).isZero();
    }

    @Test
    void namesAPacketShorterThanTheHeader() {
        byte[] vrrp = new Bytes().u8(0x31).u8(7).u8(100).u8(1).toArray();

        assertThat(decoder.decode(captured(frame(ROUTER_MAC, vrrp)), out)).isFalse();

        assertThat(out.anomaly).isEqualTo(DecodeAnomaly.TRUNCATED_VRRP);
        assertThat(out.layer).isEqualTo(Layer.IPV4);
    }

    @Test
    void namesAnAddressListCutOffByTheSnapLength() {
        byte[] frame = v2Advert(ROUTER_MAC);

        assertThat(decoder.decode(captured(frame, VRRP_OFFSET + 8 + 6), out)).isFalse();

        assertThat(out.anomaly).isEqualTo(DecodeAnomaly.TRUNCATED_VRRP);
        assertThat(out.layer).isEqualTo(Layer.IPV4);
    }

    @Test
    void namesAnUnknownVersion() {
        byte[] frame = withByte(v3Advert(ROUTER_MAC), VRRP_OFFSET, 0x41);

        assertThat(decoder.decode(captured(frame), out)).isFalse();

        assertThat(out.anomaly).isEqualTo(DecodeAnomaly.BAD_VRRP_VERSION);
    }

    @Test
    void namesATypeOtherThanAdvertisement() {
        byte[] frame = withByte(v2Advert(ROUTER_MAC), VRRP_OFFSET, 0x22);

        assertThat(decoder.decode(captured(frame), out)).isFalse();

        assertThat(out.anomaly).isEqualTo(DecodeAnomaly.BAD_VRRP_TYPE);
    }

    @Test
    void namesAnAdvertWithoutAddresses() {
        byte[] frame = withByte(v3Advert(ROUTER_MAC), VRRP_OFFSET + 3, 0);

        assertThat(decoder.decode(captured(frame), out)).isFalse();

        assertThat(out.anomaly).isEqualTo(DecodeAnomaly.BAD_VRRP_ADDRESS_COUNT);
    }

    @Test
    void namesAnAddressCountBeyondThePacketLength() {
        byte[] frame = withByte(v3Advert(ROUTER_MAC), VRRP_OFFSET + 3, 3);

        assertThat(decoder.decode(captured(frame), out)).isFalse();

        assertThat(out.anomaly).isEqualTo(DecodeAnomaly.BAD_VRRP_ADDRESS_COUNT);
        assertThat(out.layer).isEqualTo(Layer.IPV4);
    }

    @Test
    void namesAnIpv4TotalLengthTooShortForTheHeader() {
        byte[] frame = withByte(withByte(v3Advert(ROUTER_MAC), 16, 0), 17, 20 + 5);

        assertThat(decoder.decode(captured(frame), out)).isFalse();

        assertThat(out.anomaly).isEqualTo(DecodeAnomaly.TRUNCATED_VRRP);
        assertThat(DecodeAnomaly.TRUNCATED_VRRP.id()).isEqualTo("truncated_vrrp");
    }
}

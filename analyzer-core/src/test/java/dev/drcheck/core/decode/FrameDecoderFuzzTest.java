package dev.drcheck.core.decode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.drcheck.core.capture.CapturedFrame;
import dev.drcheck.core.capture.LinkType;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target for {@link FrameDecoder}: arbitrary bytes as an Ethernet, Linux cooked (SLL) or SLL2 frame. The
 * first input byte picks the link type (and whether the original length claims more than was captured); the rest
 * is the frame. Decoding must never throw, must name a malformation rather than read past the captured bytes, and
 * must not write outside the frame. Seeds: {@code FrameDecoderFuzzTestInputs/decode/}, frames from the sample
 * captures.
 */
class FrameDecoderFuzzTest {
    private static final int[] LINK_TYPES = {LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2,
            LinkType.RAW, LinkType.IPV4, LinkType.IPV6, LinkType.NULL, LinkType.NFLOG, LinkType.FDDI,
            LinkType.IEEE802_11, LinkType.IEEE802_11_RADIOTAP};

    private final FrameDecoder decoder = new FrameDecoder();
    private final DecodedFrame out = new DecodedFrame();
    private final CapturedFrame in = new CapturedFrame();

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void decode(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int selector = input[0] & 0xff;
        int linkType = LINK_TYPES[(selector & 0x7f) % LINK_TYPES.length];
        // The frame sits inside a larger buffer, as in a reader's, with guard bytes around it.
        byte[] buffer = new byte[input.length + 15];
        Arrays.fill(buffer, (byte) 0x5a);
        System.arraycopy(input, 1, buffer, 7, input.length - 1);
        byte[] copy = buffer.clone();
        int captured = input.length - 1;
        int original = (selector & 0x80) != 0 ? captured + 1000 : captured;
        in.set(1, 1_700_000_000_000_000_000L, linkType, buffer, 7, captured, original);

        boolean clean = decoder.decode(in, out);

        assertThat(clean).isEqualTo(out.anomaly == null);
        assertThat(buffer).as("the decoder never writes to the frame").isEqualTo(copy);
        assertThat(out.layer).isNotNull();
        if (out.payloadCapturedLength > 0) {
            assertThat(out.payloadOffset).isGreaterThanOrEqualTo(7);
            assertThat(out.payloadOffset + out.payloadCapturedLength).isLessThanOrEqualTo(7 + captured);
        }
        assertThat(out.vlanTagCount).isBetween(0, FrameDecoder.MAX_VLAN_TAGS);
    }
}

package dev.drcheck.core.capture;

import dev.drcheck.core.decode.AnomalyCounts;
import dev.drcheck.core.decode.DecodedFrame;
import dev.drcheck.core.decode.FrameDecoder;
import dev.drcheck.core.decode.Layer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads the real tcpdump capture from the lab and decodes it without a single anomaly. */
class SamplePcapTest {
    /**
     * Frames in sample-pcaps/healthy.pcap, from {@code tcpdump -r sample-pcaps/healthy.pcap 2>/dev/null | wc -l}.
     * Regenerating the sample can shift it by a few frames (see sample-pcaps/README.md); update it then.
     */
    private static final long HEALTHY_FRAME_COUNT = 192;

    @Test
    void decodesHealthySampleWithoutAnomalies() throws IOException {
        Path file = Path.of(System.getProperty("drcheck.repoRoot", ".."), "sample-pcaps", "healthy.pcap");
        FrameDecoder decoder = new FrameDecoder();
        CapturedFrame frame = new CapturedFrame();
        DecodedFrame decoded = new DecodedFrame();
        AnomalyCounts anomalies = new AnomalyCounts();
        Set<Layer> layers = EnumSet.noneOf(Layer.class);
        long frames = 0;

        try (PcapReader reader = PcapReader.open(file)) {
            while (reader.next(frame)) {
                frames++;
                if (!decoder.decode(frame, decoded)) {
                    anomalies.record(decoded.anomaly, decoded.frameNumber);
                }
                layers.add(decoded.layer);
            }
            assertThat(reader.damage()).isEmpty();
        }

        assertThat(anomalies.asMap()).isEmpty();
        assertThat(frames).isEqualTo(HEALTHY_FRAME_COUNT);
        assertThat(layers).contains(Layer.ARP, Layer.TCP);
    }
}

package dev.drcheck.core.capture;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz targets for every capture reader (docs/robustness.md). In a plain {@code mvn verify} each target runs once
 * per input under {@code src/test/resources/dev/drcheck/core/capture/CaptureReadersFuzzTestInputs/<method>/}
 * (seeds cut from the sample captures, and every crash found so far); with {@code JAZZER_FUZZ=1} Jazzer mutates
 * them for {@code maxDuration}.
 *
 * <p>Each target may see only {@link CaptureFormatException} from opening (the input cannot start); reading must
 * never throw, every frame must lie inside its buffer, damage reports must be consistent, and one input may not
 * allocate more than {@link FrameInvariants#READER_ALLOCATION_CAP} whatever its length fields claim.
 * {@link Timeout} becomes Jazzer's per-input timeout, so a hang is a finding.
 */
class CaptureReadersFuzzTest {

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void pcapReader(byte[] input) throws IOException {
        openAndReadAll(() -> PcapReader.open(channel(input), "fuzz.pcap", 4096));
    }

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void pcapngReader(byte[] input) throws IOException {
        openAndReadAll(() -> PcapngReader.open(channel(input), "fuzz.pcapng", 4096));
    }

    /** Format detection, gzip and every reader behind it, as the CLI opens a file. */
    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void captureOpener(byte[] input) throws IOException {
        openAndReadAll(() -> CaptureOpener.open(new ByteArrayInputStream(input), "fuzz"));
    }

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void tcpdumpTextReader(byte[] input) throws IOException {
        BufferedReader text = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(input),
                StandardCharsets.UTF_8));
        try (TcpdumpTextReader reader = TcpdumpTextReader.open(text, "fuzz.txt")) {
            FrameInvariants.readAll(reader);
            assertThat(reader.linesNotUnderstood()).isNotNegative();
        }
    }

    /**
     * Opens a source (which may refuse only with a {@link CaptureFormatException} that says why), reads it to its
     * end under the frame invariants, and checks the input did not drive allocation past the cap.
     */
    private static void openAndReadAll(BufferedChannelReader.Opening<? extends FrameSource> opening)
            throws IOException {
        long before = AllocationMeter.allocatedBytes();
        FrameSource source;
        try {
            source = opening.open();
        } catch (CaptureFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        try (source) {
            FrameInvariants.readAll(source);
        }
        assertAllocationBounded(before);
    }

    private static ReadableByteChannel channel(byte[] input) {
        return Channels.newChannel(new ByteArrayInputStream(input));
    }

    private static void assertAllocationBounded(long before) {
        assertThat(AllocationMeter.allocatedBytes() - before).isLessThan(FrameInvariants.READER_ALLOCATION_CAP);
    }
}

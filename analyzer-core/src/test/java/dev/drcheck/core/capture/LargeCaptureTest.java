package dev.drcheck.core.capture;

import dev.drcheck.core.decode.DecodedFrame;
import dev.drcheck.core.decode.FrameDecoder;
import dev.drcheck.core.decode.Layer;
import dev.drcheck.core.decode.TestFrames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads and decodes a generated capture far larger than the read buffer, end to end. It asserts correctness only;
 * the frame rate is printed for information and never asserted.
 */
class LargeCaptureTest {
    private static final int FRAME_COUNT = 200_000;
    private static final long FIRST_SECOND = 1_700_000_000L;

    @TempDir
    Path dir;

    @Test
    void readsAndDecodesEveryFrameOfALargeCapture() throws IOException {
        Path file = writeCapture(dir.resolve("large.pcap"));
        FrameDecoder decoder = new FrameDecoder();
        CapturedFrame frame = new CapturedFrame();
        DecodedFrame decoded = new DecodedFrame();
        long frames = 0;
        long payloadBytes = 0;
        long mismatches = 0;

        long started = System.nanoTime();
        try (PcapReader reader = PcapReader.open(file)) {
            while (reader.next(frame)) {
                frames++;
                boolean clean = decoder.decode(frame, decoded);
                if (!clean || decoded.layer != Layer.TCP || decoded.tcpSeq != frames
                        || decoded.payloadLength != payloadLengthOf(frames)
                        || decoded.timestampNanos != timestampNanosOf(frames)) {
                    mismatches++;
                }
                payloadBytes += decoded.payloadCapturedLength;
            }
            assertThat(reader.damage()).isEmpty();
        }
        long elapsedNanos = System.nanoTime() - started;

        assertThat(frames).isEqualTo(FRAME_COUNT);
        assertThat(mismatches).isZero();
        assertThat(payloadBytes).isEqualTo(expectedPayloadBytes());
        System.out.printf("read and decoded %d frames (%d bytes) in %.1f ms: %.2f M frames/s%n",
                frames, Files.size(file), elapsedNanos / 1e6, frames * 1e3 / elapsedNanos);
    }

    private static Path writeCapture(Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(PcapFileBuilder.nanoseconds(ByteOrder.LITTLE_ENDIAN).toByteArray());
            ByteBuffer recordHeader = ByteBuffer.allocate(PcapReader.RECORD_HEADER_LENGTH)
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (long number = 1; number <= FRAME_COUNT; number++) {
                byte[] frameBytes = TestFrames.tcpFrame(40000, 80, number, 1, DecodedFrame.ACK,
                        TestFrames.payload(payloadLengthOf(number)));
                long timestamp = timestampNanosOf(number);
                recordHeader.clear();
                recordHeader.putInt((int) (timestamp / 1_000_000_000L))
                        .putInt((int) (timestamp % 1_000_000_000L))
                        .putInt(frameBytes.length)
                        .putInt(frameBytes.length);
                out.write(recordHeader.array());
                out.write(frameBytes);
            }
        }
        return file;
    }

    private static int payloadLengthOf(long frameNumber) {
        return (int) (frameNumber * 31 % 200);
    }

    private static long timestampNanosOf(long frameNumber) {
        return FIRST_SECOND * 1_000_000_000L + frameNumber * 12_345L;
    }

    private static long expectedPayloadBytes() {
        long total = 0;
        for (long number = 1; number <= FRAME_COUNT; number++) {
            total += payloadLengthOf(number);
        }
        return total;
    }
}

package dev.drcheck.core.capture;

import dev.drcheck.core.decode.TestFrames;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Classic pcap damaged in the middle: the bounded scan for the next plausible record header. */
class PcapReaderResyncTest {
    private static final long SECONDS = 1_700_000_000L;
    private static final byte[] SYN = TestFrames.tcpFrame(40000, 80, 1000, 0, 0x02, new byte[0]);
    private static final byte[] SYN_ACK = TestFrames.tcpFrame(80, 40000, 5000, 1001, 0x12, new byte[0]);
    private static final byte[] DATA = TestFrames.tcpFrame(40000, 80, 1001, 5001, 0x18, TestFrames.payload(300));

    @Test
    void resumesAtTheNextPlausibleHeaderAfterACorruptOne() throws IOException {
        PcapFileBuilder builder = PcapFileBuilder.microseconds(ByteOrder.LITTLE_ENDIAN).record(SECONDS, 0, SYN);
        int corrupt = builder.size();
        builder.recordHeader(SECONDS, 1, 0xffff_ffffL, 60).bytes(TestFrames.payload(77));
        int resume = builder.size();
        byte[] file = builder.record(SECONDS, 2, SYN_ACK).record(SECONDS, 3, DATA).toByteArray();

        try (PcapReader reader = open(file, 64)) {
            assertThat(readAll(reader)).containsExactly(SYN, SYN_ACK, DATA);
            assertThat(reader.damage()).isEmpty();
            assertThat(reader.skippedRanges()).containsExactly(new SkippedRange(1, corrupt, resume,
                    SkippedRange.UNKNOWN_FRAMES_LOST, "record header of frame 2 is corrupt: caplen 4294967295"
                    + " (expected: at most 262144); skipped " + (resume - corrupt)
                    + " bytes to the next plausible record header"));
        }
    }

    @Test
    void takesTheLastRecordOfTheFileWhenItEndsExactly() throws IOException {
        PcapFileBuilder builder = PcapFileBuilder.microseconds(ByteOrder.BIG_ENDIAN).record(SECONDS, 0, SYN);
        builder.recordHeader(SECONDS, 1, 0x7fff_0000L, 60).bytes(new byte[40]);
        byte[] file = builder.record(SECONDS, 2, DATA).toByteArray();

        try (PcapReader reader = open(file, 4096)) {
            assertThat(readAll(reader)).containsExactly(SYN, DATA);
            assertThat(reader.skippedRanges()).hasSize(1);
        }
    }

    @Test
    void capturedLengthAboveTheSnapLengthIsCorrupt() throws IOException {
        byte[] header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putInt(0xa1b2c3d4).putShort((short) 2)
                .putShort((short) 4).putInt(0).putInt(0).putInt(128).putInt(LinkType.ETHERNET).array();
        PcapFileBuilder builder = PcapFileBuilder.microseconds(ByteOrder.LITTLE_ENDIAN);
        byte[] records = builder.record(SECONDS, 0, SYN).record(SECONDS, 1, DATA).record(SECONDS, 2, SYN_ACK)
                .toByteArray();
        System.arraycopy(header, 0, records, 0, 24);

        try (PcapReader reader = open(records, 4096)) {
            assertThat(readAll(reader)).containsExactly(SYN, SYN_ACK);
            assertThat(reader.skippedRanges()).singleElement().extracting(SkippedRange::description).asString()
                    .startsWith("record header of frame 2 is corrupt: caplen " + DATA.length
                            + " (expected: at most 128, the snap length); skipped");
        }
    }

    @Test
    void headerFarFromTheLastTimestampIsNotTaken() throws IOException {
        PcapFileBuilder builder = PcapFileBuilder.microseconds(ByteOrder.LITTLE_ENDIAN).record(SECONDS, 0, SYN);
        int corrupt = builder.size();
        builder.recordHeader(SECONDS, 1, 0xffff_ffffL, 60);
        byte[] file = builder.record(SECONDS + 86_400, 2, SYN_ACK).record(SECONDS + 86_400, 3, DATA).toByteArray();

        try (PcapReader reader = open(file, 4096)) {
            assertThat(readAll(reader)).containsExactly(SYN);
            assertThat(reader.skippedRanges()).isEmpty();
            assertThat(reader.damage()).hasValueSatisfying(d -> assertThat(d.byteOffset()).isEqualTo(corrupt));
        }
    }

    @Test
    void scanIsBoundedByTheWindow() throws IOException {
        PcapFileBuilder builder = PcapFileBuilder.microseconds(ByteOrder.LITTLE_ENDIAN).record(SECONDS, 0, SYN);
        builder.recordHeader(SECONDS, 1, 0xffff_ffffL, 60).bytes(new byte[PcapReader.RESYNC_WINDOW + 16]);
        byte[] file = builder.record(SECONDS, 2, SYN_ACK).record(SECONDS, 3, DATA).toByteArray();

        try (PcapReader reader = open(file, 4096)) {
            assertThat(readAll(reader)).containsExactly(SYN);
            assertThat(reader.damage()).isPresent();
        }
    }

    @Test
    void fourGigabyteClaimAllocatesNothingLikeIt() throws IOException {
        PcapFileBuilder builder = PcapFileBuilder.microseconds(ByteOrder.LITTLE_ENDIAN).record(SECONDS, 0, SYN);
        byte[] file = builder.recordHeader(SECONDS, 1, 0xffff_ffffL, 0xffff_ffffL).bytes(new byte[64]).toByteArray();
        long before = AllocationMeter.allocatedBytes();
        try (PcapReader reader = open(file, 4096)) {
            assertThat(readAll(reader)).containsExactly(SYN);
            assertThat(reader.damage()).isPresent();
        }
        assertThat(AllocationMeter.allocatedBytes() - before).isLessThan(4L * 1024 * 1024);
    }

    private static PcapReader open(byte[] file, int bufferSize) throws IOException {
        return PcapReader.open(Channels.newChannel(new ByteArrayInputStream(file)), "test.pcap", bufferSize);
    }

    private static List<byte[]> readAll(PcapReader reader) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        CapturedFrame frame = new CapturedFrame();
        while (reader.next(frame)) {
            frames.add(Arrays.copyOfRange(frame.data, frame.offset, frame.offset + frame.capturedLength));
        }
        return frames;
    }
}

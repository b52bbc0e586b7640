package dev.drcheck.core.capture;

import dev.drcheck.core.decode.TestFrames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PcapReaderTest {
    private static final long SECONDS = 1_700_000_000L;
    private static final byte[] SYN = TestFrames.tcpFrame(40000, 80, 1000, 0, 0x02, new byte[0]);
    private static final byte[] SYN_ACK = TestFrames.tcpFrame(80, 40000, 5000, 1001, 0x12, new byte[0]);
    private static final byte[] DATA = TestFrames.tcpFrame(40000, 80, 1001, 5001, 0x18, TestFrames.payload(300));
    private static final int FIRST_RECORD_OFFSET = PcapReader.FILE_HEADER_LENGTH;

    @TempDir
    Path dir;

    /** A copy of one frame as read, since the reader reuses its buffer. */
    private record ReadFrame(long number, long timestampNanos, int linkType, byte[] bytes, int originalLength) {
    }

    @Test
    void readsMicrosecondCaptureInBigEndian() throws IOException {
        Path file = PcapFileBuilder.microseconds(ByteOrder.BIG_ENDIAN)
                .record(SECONDS, 123_456, SYN)
                .record(SECONDS + 1, 999_999, SYN_ACK)
                .writeTo(dir.resolve("big-micro.pcap"));

        List<ReadFrame> frames = readAll(file);

        assertThat(frames).extracting(ReadFrame::timestampNanos)
                .containsExactly(1_700_000_000_123_456_000L, 1_700_000_001_999_999_000L);
        assertThat(frames.get(0).bytes()).isEqualTo(SYN);
        assertThat(frames.get(1).bytes()).isEqualTo(SYN_ACK);
    }

    @Test
    void readsMicrosecondCaptureInLittleEndian() throws IOException {
        Path file = PcapFileBuilder.microseconds(ByteOrder.LITTLE_ENDIAN)
                .record(SECONDS, 1, SYN)
                .writeTo(dir.resolve("little-micro.pcap"));

        List<ReadFrame> frames = readAll(file);

        assertThat(frames).extracting(ReadFrame::timestampNanos).containsExactly(1_700_000_000_000_001_000L);
        assertThat(frames.get(0).bytes()).isEqualTo(SYN);
        assertThat(frames.get(0).linkType()).isEqualTo(LinkType.ETHERNET);
    }

    @Test
    void readsNanosecondCaptureInBigEndian() throws IOException {
        Path file = PcapFileBuilder.nanoseconds(ByteOrder.BIG_ENDIAN)
                .record(SECONDS, 999_999_999, SYN)
                .writeTo(dir.resolve("big-nano.pcap"));

        assertThat(readAll(file)).extracting(ReadFrame::timestampNanos).containsExactly(1_700_000_000_999_999_999L);
    }

    @Test
    void readsNanosecondCaptureInLittleEndian() throws IOException {
        Path file = PcapFileBuilder.nanoseconds(ByteOrder.LITTLE_ENDIAN)
                .record(SECONDS, 7, SYN)
                .record(SECONDS, 8, DATA)
                .writeTo(dir.resolve("little-nano.pcap"));

        List<ReadFrame> frames = readAll(file);

        assertThat(frames).extracting(ReadFrame::timestampNanos)
                .containsExactly(1_700_000_000_000_000_007L, 1_700_000_000_000_000_008L);
        assertThat(frames.get(1).bytes()).isEqualTo(DATA);
    }

    @Test
    void readsSecondsAsUnsigned() throws IOException {
        Path file = PcapFileBuilder.nanoseconds(ByteOrder.LITTLE_ENDIAN)
                .record(0xffff_ffffL, 0, SYN)
                .writeTo(dir.resolve("year-2106.pcap"));

        assertThat(readAll(file)).extracting(ReadFrame::timestampNanos).containsExactly(4_294_967_295_000_000_000L);
    }

    @Test
    void numbersFramesFromOne() throws IOException {
        Path file = PcapFileBuilder.microseconds(ByteOrder.LITTLE_ENDIAN)
                .record(SECONDS, 0, SYN)
                .record(SECONDS, 1, SYN_ACK)
                .record(SECONDS, 2, DATA)
                .writeTo(dir.resolve("numbered.pcap"));

        assertThat(readAll(file)).extracting(ReadFrame::number).containsExactly(1L, 2L, 3L);
    }

    @Test
    void namesTheSourceByFileName() throws IOException {
        Path file = PcapFileBuilder.microseconds(ByteOrder.LITTLE_ENDIAN).writeTo(dir.resolve("named.pcap"));

        try (PcapReader reader = PcapReader.open(file)) {
            assertThat(reader.name()).isEqualTo("named.pcap");
            assertThat(reader.linkType()).isEqualTo(LinkType.ETHERNET);
        }
    }

    @Test
    void endsCleanlyWithoutDamage() throws IOException {
        Path file = PcapFileBuilder.microseconds(ByteOrder.LITTLE_ENDIAN)
                .record(SECONDS, 0, SYN)
                .writeTo(dir.resolve("clean.pcap"));

        try (PcapReader reader = PcapReader.open(file)) {
            CapturedFrame frame = new CapturedFrame();
            assertThat(reader.next(frame)).isTrue();
            assertThat(reader.next(frame)).isFalse();
            assertThat(reader.next(frame)).isFalse();
            assertThat(reader.damage()).isEmpty();
        }
    }

    @Test
    void readsCaptureWithHeaderOnlyAsEmpty() throws IOException {
        Path file = PcapFileBuilder.microseconds(ByteOrder.BIG_ENDIAN).writeTo(dir.resolve("no-frames.pcap"));

        try (PcapReader reader = PcapReader.open(file)) {
            assertThat(reader.next(new CapturedFrame())).isFalse();
            assertThat(reader.damage()).isEmpty();
        }
    }

    @Test
    void takesOriginalLengthAsAtLeastCapturedLength() throws IOException {
        Path file = PcapFileBuilder.microseconds(ByteOrder.LITTLE_ENDIAN)
                .recordHeader(SECONDS, 0, SYN.length, 10).bytes(SYN)
                .recordHeader(SECONDS, 0, SYN.length, 1514).bytes(SYN)
                .writeTo(dir.resolve("lengths.pcap"));

        assertThat(readAll(file)).extracting(ReadFrame::originalLength).containsExactly(SYN.length, 1514);
    }

    @Test
    void readsRecordsThatStraddleTheBufferEnd() throws IOException {
        PcapFileBuilder builder = PcapFileBuilder.microseconds(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> written = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] frame = TestFrames.tcpFrame(40000, 80, i, 0, 0x10, TestFrames.payload(i * 7 % 150));
            written.add(frame);
            builder.record(SECONDS, i, frame);
        }

        List<ReadFrame> frames = readAll(PcapReader.open(channelOf(builder.toByteArray(), 13), "small", 64));

        assertThat(frames).hasSize(200);
        for (int i = 0; i < 200; i++) {
            assertThat(frames.get(i).bytes()).as("frame %d", i + 1).isEqualTo(written.get(i));
        }
    }

    @Test
    void growsTheBufferForTheLargestRecord() throws IOException {
        byte[] jumbo = TestFrames.payload(PcapReader.MAX_CAPTURED_LENGTH);
        byte[] file = PcapFileBuilder.microseconds(ByteOrder.BIG_ENDIAN)
                .record(SECONDS, 0, SYN)
                .record(SECONDS, 1, jumbo)
                .record(SECONDS, 2, SYN_ACK)
                .toByteArray();

        List<ReadFrame> frames = readAll(PcapReader.open(channelOf(file, 4096), "jumbo", 64));

        assertThat(frames).extracting(ReadFrame::bytes).containsExactly(SYN, jumbo, SYN_ACK);
    }

    @Test
    void stopsAtCaptureCutInsideARecord() throws IOException {
        PcapFileBuilder builder = PcapFileBuilder.microseconds(ByteOrder.LITTLE_ENDIAN)
                .record(SECONDS, 0, SYN)
                .record(SECONDS, 1, SYN_ACK);
        int thirdRecordOffset = builder.size();
        builder.record(SECONDS, 2, DATA);
        Path file = dir.resolve("cut-in-record.pcap");
        Files.write(file, builder.truncatedTo(thirdRecordOffset + 16 + 100));

        try (PcapReader reader = PcapReader.open(file)) {
            assertThat(readAll(reader)).extracting(ReadFrame::bytes).containsExactly(SYN, SYN_ACK);
            assertThat(reader.damage()).contains(new CaptureDamage(2, thirdRecordOffset,
                    "capture ends inside frame 3: record needs " + (16 + DATA.length)
                            + " bytes, 116 present (expected: a complete record)"));
        }
    }

    @Test
    void stopsAtCaptureCutInsideARecordHeader() throws IOException {
        PcapFileBuilder builder = PcapFileBuilder.microseconds(ByteOrder.BIG_ENDIAN).record(SECONDS, 0, SYN);
        int secondRecordOffset = builder.size();
        builder.record(SECONDS, 1, SYN_ACK);

        try (PcapReader reader = PcapReader.open(channelOf(builder.truncatedTo(secondRecordOffset + 7), 4096),
                "cut-in-header.pcap")) {
            assertThat(readAll(reader)).extracting(ReadFrame::bytes).containsExactly(SYN);
            assertThat(reader.damage()).contains(new CaptureDamage(1, secondRecordOffset,
                    "capture ends inside the record header of frame 2: header needs 16 bytes, 7 present"
                            + " (expected: a complete record header)"));
        }
    }

    @Test
    void stopsAtCorruptCapturedLengthWithoutAllocatingIt() throws IOException {
        PcapFileBuilder builder = PcapFileBuilder.microseconds(ByteOrder.LITTLE_ENDIAN).record(SECONDS, 0, SYN);
        int corruptRecordOffset = builder.size();
        builder.recordHeader(SECONDS, 1, 0xffff_fff0L, 60).bytes(new byte[1000]);

        try (PcapReader reader = PcapReader.open(channelOf(builder.toByteArray(), 4096), "huge.pcap", 64)) {
            assertThat(readAll(reader)).extracting(ReadFrame::bytes).containsExactly(SYN);
            assertThat(reader.damage()).contains(new CaptureDamage(1, corruptRecordOffset,
                    "record header of frame 2 is corrupt: caplen 4294967280 (expected: at most 262144)"));
        }
    }

    @Test
    void stopsAtCapturedLengthJustAboveTheMaximum() throws IOException {
        byte[] file = PcapFileBuilder.microseconds(ByteOrder.BIG_ENDIAN)
                .recordHeader(SECONDS, 0, PcapReader.MAX_CAPTURED_LENGTH + 1, 60)
                .bytes(new byte[PcapReader.MAX_CAPTURED_LENGTH + 1])
                .toByteArray();

        try (PcapReader reader = PcapReader.open(channelOf(file, 4096), "over.pcap")) {
            assertThat(reader.next(new CapturedFrame())).isFalse();
            assertThat(reader.damage()).contains(new CaptureDamage(0, FIRST_RECORD_OFFSET,
                    "record header of frame 1 is corrupt: caplen 262145 (expected: at most 262144)"));
        }
    }

    @Test
    void rejectsBadMagic() throws IOException {
        Path file = PcapFileBuilder.withHeader(ByteOrder.BIG_ENDIAN, 0x7f454c46, 2, 4, LinkType.ETHERNET)
                .writeTo(dir.resolve("elf.pcap"));

        assertThatThrownBy(() -> PcapReader.open(file))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("not a pcap capture: magic 0x7f454c46"
                        + " (expected: a1b2c3d4 or a1b23c4d in either byte order)");
    }

    @Test
    void rejectsPcapngNamingIt() throws IOException {
        byte[] sectionHeaderBlockStart = {0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a};
        Path file = Files.write(dir.resolve("capture.pcapng"), sectionHeaderBlockStart);

        assertThatThrownBy(() -> PcapReader.open(file))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("not a pcap capture: magic 0x0a0d0d0a is pcapng, which PcapngReader reads"
                        + " (expected: a1b2c3d4 or a1b23c4d in either byte order)");
    }

    @Test
    void rejectsEmptyFile() throws IOException {
        Path file = Files.write(dir.resolve("empty.pcap"), new byte[0]);

        assertThatThrownBy(() -> PcapReader.open(file))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("empty file: 0 bytes (expected: a pcap file header of 24 bytes)");
    }

    @Test
    void rejectsShortFileHeader() throws IOException {
        byte[] header = PcapFileBuilder.microseconds(ByteOrder.LITTLE_ENDIAN).truncatedTo(10);
        Path file = Files.write(dir.resolve("short.pcap"), header);

        assertThatThrownBy(() -> PcapReader.open(file))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("short pcap file header: 10 bytes (expected: a pcap file header of 24 bytes)");
    }

    @Test
    void rejectsFileTooShortForMagic() throws IOException {
        Path file = Files.write(dir.resolve("tiny.pcap"), new byte[] {(byte) 0xd4, (byte) 0xc3});

        assertThatThrownBy(() -> PcapReader.open(file))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("short pcap file header: 2 bytes (expected: a pcap file header of 24 bytes)");
    }

    @ParameterizedTest
    @ValueSource(ints = {LinkType.RAW, LinkType.DLT_RAW_BSD, LinkType.DLT_RAW_OPENBSD, LinkType.IPV4, LinkType.IPV6,
            LinkType.NULL, LinkType.NFLOG})
    void readsLinkTypesWithoutMacs(int linkType) throws IOException {
        byte[] packet = Arrays.copyOfRange(SYN, 14, SYN.length);
        Path file = PcapFileBuilder.withHeader(ByteOrder.LITTLE_ENDIAN, PcapFileBuilder.MAGIC_MICROSECONDS, 2, 4,
                linkType).record(SECONDS, 1, packet).writeTo(dir.resolve("ip-" + linkType + ".pcap"));

        List<ReadFrame> frames = readAll(file);

        assertThat(frames).extracting(ReadFrame::linkType).containsExactly(linkType);
        assertThat(frames.get(0).bytes()).isEqualTo(packet);
    }

    @Test
    void rejectsUnsupportedLinkType() throws IOException {
        Path file = PcapFileBuilder.withHeader(ByteOrder.LITTLE_ENDIAN, PcapFileBuilder.MAGIC_MICROSECONDS, 2, 4, 160)
                .writeTo(dir.resolve("user13.pcap"));

        assertThatThrownBy(() -> PcapReader.open(file))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("unsupported link type: 160 (expected: Ethernet, Linux cooked SLL and SLL2, FDDI, 802.11,"
                        + " 802.11 radiotap, raw IP, IPv4, IPv6, BSD loopback, NFLOG)");
    }

    @Test
    void rejectsUnsupportedVersion() throws IOException {
        Path file = PcapFileBuilder.withHeader(ByteOrder.BIG_ENDIAN, PcapFileBuilder.MAGIC_MICROSECONDS, 3, 0,
                LinkType.ETHERNET).writeTo(dir.resolve("future.pcap"));

        assertThatThrownBy(() -> PcapReader.open(file))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("unsupported pcap version: 3.0 (expected: 2.x)");
    }

    @Test
    void closesTheChannel() throws IOException {
        ReadableByteChannel channel = channelOf(PcapFileBuilder.microseconds(ByteOrder.BIG_ENDIAN).toByteArray(), 64);

        PcapReader.open(channel, "stdin").close();

        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void closesTheChannelWhenOpeningFails() {
        ReadableByteChannel channel = channelOf(new byte[0], 64);

        assertThatThrownBy(() -> PcapReader.open(channel, "stdin")).isInstanceOf(CaptureFormatException.class);
        assertThat(channel.isOpen()).isFalse();
    }

    private static List<ReadFrame> readAll(Path file) throws IOException {
        try (PcapReader reader = PcapReader.open(file)) {
            List<ReadFrame> frames = readAll(reader);
            assertThat(reader.damage()).isEmpty();
            return frames;
        }
    }

    private static List<ReadFrame> readAll(PcapReader reader) throws IOException {
        List<ReadFrame> frames = new ArrayList<>();
        CapturedFrame frame = new CapturedFrame();
        while (reader.next(frame)) {
            byte[] bytes = Arrays.copyOfRange(frame.data, frame.offset, frame.offset + frame.capturedLength);
            frames.add(new ReadFrame(frame.frameNumber, frame.timestampNanos, frame.linkType, bytes,
                    frame.originalLength));
        }
        return frames;
    }

    /** An in-memory channel that returns at most {@code maxBytesPerRead} bytes per read, like a pipe. */
    private static ReadableByteChannel channelOf(byte[] content, int maxBytesPerRead) {
        ReadableByteChannel whole = Channels.newChannel(new ByteArrayInputStream(content));
        return new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer target) throws IOException {
                if (target.remaining() <= maxBytesPerRead) {
                    return whole.read(target);
                }
                ByteBuffer window = target.slice().limit(maxBytesPerRead);
                int read = whole.read(window);
                if (read > 0) {
                    target.position(target.position() + read);
                }
                return read;
            }

            @Override
            public boolean isOpen() {
                return whole.isOpen();
            }

            @Override
            public void close() throws IOException {
                whole.close();
            }
        };
    }
}

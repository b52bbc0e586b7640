package dev.drcheck.core.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaptureOpenerTest {
    private static final long SECONDS = 1_700_000_000L;
    private static final byte[] FIRST = frame(54, 1);
    private static final byte[] SECOND = frame(1514, 2);
    private static final byte[] THIRD = frame(60, 3);

    /**
     * Frame counts of the samples in sample-pcaps/formats/, from {@code tshark -r FILE | wc -l} (tshark 4.0.17) when
     * they were made; the same as {@code tshark -r SOURCE.pcap | wc -l} of their sources.
     */
    private static final long HEALTHY_FRAMES = 192;
    private static final long ARP_IGNORE_RS1_FRAMES = 191;
    private static final long PORT_CLOSED_RS2_FRAMES = 117;
    /** 140 frames from healthy-director-port.pcap (interface 0) and 65 from healthy-rs1-port.pcap (interface 1). */
    private static final long TWO_INTERFACES_FRAMES = 205;

    @TempDir
    Path dir;

    /** A copy of one frame as read. */
    private record ReadFrame(long number, long timestampNanos, int linkType, byte[] bytes) {
    }

    /** Everything a source gave. */
    private record Result(String sourceClass, String name, List<ReadFrame> frames, CaptureDamage damage) {
    }

    private static byte[] pcap() {
        return PcapFileBuilder.microseconds(ByteOrder.LITTLE_ENDIAN)
                .record(SECONDS, 1, FIRST)
                .record(SECONDS, 2, SECOND)
                .record(SECONDS, 3, THIRD)
                .toByteArray();
    }

    private static byte[] pcapng() {
        return PcapngFileBuilder.section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, 262_144, PcapngFileBuilder.ifName("eth0"))
                .enhancedPacket(0, SECONDS * 1_000_000L + 1, FIRST)
                .enhancedPacket(0, SECONDS * 1_000_000L + 2, SECOND)
                .enhancedPacket(0, SECONDS * 1_000_000L + 3, THIRD)
                .toByteArray();
    }

    @Test
    void detectsPcapngByContentWhateverTheName() throws IOException {
        Result result = read(Files.write(dir.resolve("capture.pcap"), pcapng()));

        assertThat(result.sourceClass()).isEqualTo("PcapngReader");
        assertThat(result.name()).isEqualTo("capture.pcap");
        assertThat(result.frames()).hasSize(3);
        assertThat(result.damage()).isNull();
    }

    @Test
    void detectsPcapByContentWhateverTheName() throws IOException {
        Result result = read(Files.write(dir.resolve("capture.pcapng.gz"), pcap()));

        assertThat(result.sourceClass()).isEqualTo("PcapReader");
        assertThat(result.frames()).extracting(ReadFrame::timestampNanos)
                .containsExactly(1_700_000_000_000_001_000L, 1_700_000_000_000_002_000L, 1_700_000_000_000_003_000L);
        assertThat(result.damage()).isNull();
    }

    @Test
    void detectsBigEndianAndNanosecondPcap() throws IOException {
        byte[] nanos = PcapFileBuilder.nanoseconds(ByteOrder.BIG_ENDIAN).record(SECONDS, 5, FIRST).toByteArray();

        Result result = read(Files.write(dir.resolve("x"), nanos));

        assertThat(result.sourceClass()).isEqualTo("PcapReader");
        assertThat(result.frames()).extracting(ReadFrame::timestampNanos).containsExactly(1_700_000_000_000_000_005L);
    }

    @Test
    void readsGzippedPcap() throws IOException {
        Result result = read(Files.write(dir.resolve("capture"), gzip(pcap())));

        assertThat(result.frames()).extracting(ReadFrame::bytes).containsExactly(FIRST, SECOND, THIRD);
        assertThat(result.damage()).isNull();
        assertThat(result.name()).isEqualTo("capture");
    }

    @Test
    void readsGzippedPcapng() throws IOException {
        Result result = read(Files.write(dir.resolve("capture.pcap"), gzip(pcapng())));

        assertThat(result.frames()).extracting(ReadFrame::bytes).containsExactly(FIRST, SECOND, THIRD);
        assertThat(result.damage()).isNull();
    }

    @Test
    void readsStandardInputStreams() throws IOException {
        Result plain = read(CaptureOpener.open(new ByteArrayInputStream(pcapng()), "-"));
        Result compressed = read(CaptureOpener.open(new ByteArrayInputStream(gzip(pcap())), "-"));

        assertThat(plain.name()).isEqualTo("-");
        assertThat(plain.frames()).hasSize(3);
        assertThat(compressed.frames()).hasSize(3);
        assertThat(compressed.damage()).isNull();
    }

    @Test
    void detectsFormatsThroughAChannelThatHandsOutOneByteAtATime() throws IOException {
        Result plain = read(CaptureOpener.open(new PcapngReaderTest.TricklingChannel(pcap(), 1), "-"));
        Result compressed = read(CaptureOpener.open(new PcapngReaderTest.TricklingChannel(gzip(pcapng()), 1), "-"));

        assertThat(plain.frames()).extracting(ReadFrame::bytes).containsExactly(FIRST, SECOND, THIRD);
        assertThat(compressed.frames()).extracting(ReadFrame::bytes).containsExactly(FIRST, SECOND, THIRD);
    }

    @Test
    void truncatedGzipIsDamageWithTheFramesBeforeIt() throws IOException {
        byte[] uncompressed = pcap();
        byte[] compressed = gzipIncompressible(uncompressed);
        // Cut in the deflate data inside the third frame: two frames are intact.
        byte[] cut = Arrays.copyOf(compressed, compressed.length - 8 - 30);

        Result result = read(Files.write(dir.resolve("cut.pcap.gz"), cut));

        assertThat(result.frames()).extracting(ReadFrame::bytes).containsExactly(FIRST, SECOND);
        assertThat(result.damage().afterFrame()).isEqualTo(2);
        assertThat(result.damage().description())
                .matches("gzip stream ends early after \\d+ bytes \\(expected: a complete gzip member\\); capture"
                        + " ends inside frame 3: .*");
    }

    @Test
    void gzipCutBetweenFramesIsStillDamage() throws IOException {
        byte[] compressed = gzip(pcapng());
        // Only the 8-byte trailer (CRC and size) is missing: every frame is there, but the stream is incomplete.
        byte[] cut = Arrays.copyOf(compressed, compressed.length - 8);

        Result result = read(Files.write(dir.resolve("cut.gz"), cut));

        assertThat(result.frames()).hasSize(3);
        assertThat(result.damage()).isEqualTo(new CaptureDamage(3, pcapng().length,
                "gzip stream ends early after " + pcapng().length + " bytes (expected: a complete gzip member)"));
    }

    @Test
    void corruptGzipIsDamage() throws IOException {
        byte[] compressed = gzip(pcap());
        compressed[compressed.length - 5] ^= 0x55; // the stored uncompressed size

        Result result = read(Files.write(dir.resolve("corrupt.gz"), compressed));

        assertThat(result.frames()).hasSize(3);
        assertThat(result.damage().description()).startsWith("corrupt gzip stream after " + pcap().length + " bytes: ");
    }

    @Test
    void gzipCutBeforeAnyCaptureCannotStart() throws IOException {
        byte[] compressed = gzip(pcap());
        Path headerOnly = Files.write(dir.resolve("a.gz"), Arrays.copyOf(compressed, 5));
        Path fewBytes = Files.write(dir.resolve("b.gz"), Arrays.copyOf(gzipIncompressible(pcap()), 10 + 5 + 10));

        assertThatThrownBy(() -> CaptureOpener.open(headerOnly)).isInstanceOf(CaptureFormatException.class)
                .hasMessage("gzip stream ends inside its header: 0 bytes decompressed (expected: a complete gzip"
                        + " member)");
        assertThatThrownBy(() -> CaptureOpener.open(fewBytes)).isInstanceOf(CaptureFormatException.class)
                .hasMessage("gzip stream ends early after 10 bytes (expected: a complete gzip member); short pcap file"
                        + " header: 10 bytes (expected: a pcap file header of 24 bytes)");
    }

    @Test
    void gzipInsideGzipIsRejected() throws IOException {
        Path file = Files.write(dir.resolve("twice.gz"), gzip(gzip(pcap())));

        assertThatThrownBy(() -> CaptureOpener.open(file)).isInstanceOf(CaptureFormatException.class)
                .hasMessage("not a capture: gzip inside gzip (expected: pcap or pcapng inside one level of gzip)");
    }

    @Test
    void tcpdumpTextIsReadWhateverItsNameOrCompression() throws IOException {
        String tcpdump = "02:32:13.220768 02:00:00:00:00:10 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42:"
                + " Request who-has 192.0.2.100 tell 192.0.2.10, length 28\n";
        Path file = Files.writeString(dir.resolve("capture.pcap"), tcpdump.repeat(20));
        Path gzipped = Files.write(dir.resolve("capture.txt.gz"),
                gzip(tcpdump.repeat(3).getBytes(StandardCharsets.UTF_8)));

        assertThat(countFrames(file)).isEqualTo(20);
        assertThat(countFrames(gzipped)).isEqualTo(3);
    }

    @Test
    void textThatIsNotTcpdumpOutputIsNamedAsSuch() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes"), "Grüße\nthe director is 02:00:00:00:00:02\n");

        assertThatThrownBy(() -> CaptureOpener.open(notes)).isInstanceOf(CaptureFormatException.class)
                .hasMessage("text file, not tcpdump output: 2 lines, none a packet line drcheck understands"
                        + " (expected: the output of tcpdump -nn -e)");
    }

    private static long countFrames(Path path) throws IOException {
        long frames = 0;
        try (FrameSource source = CaptureOpener.open(path)) {
            CapturedFrame frame = new CapturedFrame();
            while (source.next(frame)) {
                frames++;
            }
        }
        return frames;
    }

    @Test
    void otherBinaryIsNamedByItsFirstBytes() throws IOException {
        byte[] random = new byte[4096];
        new Random(42).nextBytes(random);
        random[0] = 0x7f;
        random[1] = 'E';
        random[2] = 'L';
        random[3] = 'F';
        Path file = Files.write(dir.resolve("capture.pcapng"), random);
        Path twoBytes = Files.write(dir.resolve("two"), new byte[] {0, 1});

        assertThatThrownBy(() -> CaptureOpener.open(file)).isInstanceOf(CaptureFormatException.class)
                .hasMessage("not a capture: starts with 0x7f 45 4c 46 (expected: pcap, pcapng or gzip)");
        assertThatThrownBy(() -> CaptureOpener.open(twoBytes)).isInstanceOf(CaptureFormatException.class)
                .hasMessage("not a capture: starts with 0x00 01 (expected: pcap, pcapng or gzip)");
    }

    @Test
    void emptyInputIsRejected() throws IOException {
        Path file = Files.write(dir.resolve("empty.pcap"), new byte[0]);

        assertThatThrownBy(() -> CaptureOpener.open(file)).isInstanceOf(CaptureFormatException.class)
                .hasMessage("empty file: 0 bytes (expected: a pcap, pcapng or gzip capture)");
        assertThatThrownBy(() -> CaptureOpener.open(new ByteArrayInputStream(new byte[0]), "-"))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageStartingWith("empty file");
        assertThatThrownBy(() -> CaptureOpener.open(Files.write(dir.resolve("e.gz"), gzip(new byte[0]))))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageStartingWith("empty file");
    }

    @Test
    void directoryIsRejected() {
        assertThatThrownBy(() -> CaptureOpener.open(dir)).isInstanceOf(CaptureFormatException.class)
                .hasMessage("is a directory (expected: a capture file)");
    }

    @Test
    void formatErrorsOfTheChosenReaderPassThrough() throws IOException {
        byte[] user13 = PcapFileBuilder.withHeader(ByteOrder.BIG_ENDIAN, PcapFileBuilder.MAGIC_MICROSECONDS, 2, 4, 160)
                .toByteArray();
        Path file = Files.write(dir.resolve("user13.pcap"), user13);

        assertThatThrownBy(() -> CaptureOpener.open(file)).isInstanceOf(CaptureFormatException.class)
                .hasMessageStartingWith("unsupported link type: 160");
    }

    // ---- The samples in sample-pcaps/formats/, made from the lab captures with editcap, mergecap and gzip. ----

    @Test
    void healthyPcapng() throws IOException {
        assertSameAsSource("formats/healthy.pcapng", "healthy.pcap", HEALTHY_FRAMES, "PcapngReader");
    }

    @Test
    void arpIgnoreRs1Pcapng() throws IOException {
        assertSameAsSource("formats/arp-ignore-rs1.pcapng", "arp-ignore-rs1.pcap", ARP_IGNORE_RS1_FRAMES,
                "PcapngReader");
    }

    @Test
    void healthyPcapGz() throws IOException {
        assertSameAsSource("formats/healthy.pcap.gz", "healthy.pcap", HEALTHY_FRAMES, "GzipFrameSource");
    }

    @Test
    void portClosedRs2PcapngGz() throws IOException {
        assertSameAsSource("formats/port-closed-rs2.pcapng.gz", "port-closed-rs2.pcap", PORT_CLOSED_RS2_FRAMES,
                "GzipFrameSource");
    }

    @Test
    void healthyNanosecondPcap() throws IOException {
        assertSameAsSource("formats/healthy-nanosecond.pcap", "healthy.pcap", HEALTHY_FRAMES, "PcapReader");
    }

    @Test
    void twoInterfacesPcapng() throws IOException {
        Result merged = read(samples().resolve("formats/two-interfaces.pcapng"));
        List<ReadFrame> director = readSource("healthy-director-port.pcap");
        List<ReadFrame> rs1 = readSource("healthy-rs1-port.pcap");

        assertThat(merged.damage()).isNull();
        assertThat(merged.frames()).hasSize((int) TWO_INTERFACES_FRAMES);
        assertThat(merged.frames()).extracting(ReadFrame::number)
                .containsExactlyElementsOf(() -> java.util.stream.LongStream.rangeClosed(1, TWO_INTERFACES_FRAMES)
                        .boxed().iterator());
        assertThat(merged.frames().get(0).timestampNanos())
                .isEqualTo(Math.min(director.get(0).timestampNanos(), rs1.get(0).timestampNanos()));
        List<Long> expected = new ArrayList<>();
        director.forEach(frame -> expected.add(frame.timestampNanos()));
        rs1.forEach(frame -> expected.add(frame.timestampNanos()));
        assertThat(merged.frames()).extracting(ReadFrame::timestampNanos).containsExactlyInAnyOrderElementsOf(expected)
                .isSorted();
    }

    private void assertSameAsSource(String sample, String source, long frameCount, String sourceClass)
            throws IOException {
        Result result = read(samples().resolve(sample));
        List<ReadFrame> original = readSource(source);

        assertThat(result.sourceClass()).isEqualTo(sourceClass);
        assertThat(result.damage()).isNull();
        assertThat(result.frames()).hasSize((int) frameCount);
        assertThat(original).hasSize((int) frameCount);
        assertThat(result.frames().get(0).timestampNanos()).isEqualTo(original.get(0).timestampNanos());
        for (int i = 0; i < original.size(); i++) {
            ReadFrame read = result.frames().get(i);
            assertThat(read.number()).isEqualTo(i + 1);
            assertThat(read.timestampNanos()).as("frame %d", i + 1).isEqualTo(original.get(i).timestampNanos());
            assertThat(read.linkType()).isEqualTo(LinkType.ETHERNET);
            assertThat(read.bytes()).as("frame %d", i + 1).isEqualTo(original.get(i).bytes());
        }
    }

    private static List<ReadFrame> readSource(String name) throws IOException {
        try (PcapReader reader = PcapReader.open(samples().resolve(name))) {
            List<ReadFrame> frames = drain(reader);
            assertThat(reader.damage()).isEmpty();
            return frames;
        }
    }

    private static Path samples() {
        return Path.of(System.getProperty("drcheck.repoRoot", ".."), "sample-pcaps");
    }

    private static Result read(Path file) throws IOException {
        return read(CaptureOpener.open(file));
    }

    private static Result read(FrameSource source) throws IOException {
        try (source) {
            List<ReadFrame> frames = drain(source);
            return new Result(source.getClass().getSimpleName(), source.name(), frames,
                    source.damage().orElse(null));
        }
    }

    private static List<ReadFrame> drain(FrameSource source) throws IOException {
        List<ReadFrame> frames = new ArrayList<>();
        CapturedFrame frame = new CapturedFrame();
        while (source.next(frame)) {
            frames.add(new ReadFrame(frame.frameNumber, frame.timestampNanos, frame.linkType,
                    Arrays.copyOfRange(frame.data, frame.offset, frame.offset + frame.capturedLength)));
        }
        return frames;
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Gzip with stored (uncompressed) deflate blocks, so that a cut at a compressed offset is a cut at a known
     * capture offset: a 10-byte gzip header, then per block 5 bytes of block header and the data, then the trailer.
     */
    private static byte[] gzipIncompressible(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
            }
        }) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] frame(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 13 + i * 5);
        }
        return bytes;
    }
}

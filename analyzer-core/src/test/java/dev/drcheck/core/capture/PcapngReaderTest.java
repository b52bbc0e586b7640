package dev.drcheck.core.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.drcheck.core.capture.PcapngFileBuilder.ifName;
import static dev.drcheck.core.capture.PcapngFileBuilder.ifTsoffset;
import static dev.drcheck.core.capture.PcapngFileBuilder.ifTsresol;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PcapngReaderTest {
    private static final long SECONDS = 1_700_000_000L;
    /** 1_700_000_000.123456 s in the default resolution, microseconds. */
    private static final long MICROS = SECONDS * 1_000_000L + 123_456L;
    private static final byte[] SYN = frame(54, 1);
    private static final byte[] ACK = frame(60, 2);
    private static final byte[] DATA = frame(355, 3);
    private static final int SNAP = 262_144;
    private static final int LINKTYPE_USER13 = 160;
    private static final int LINKTYPE_UNKNOWN = 999;

    @TempDir
    Path dir;

    /** Byte orders as a parameter source. */
    enum Order {
        BIG(ByteOrder.BIG_ENDIAN), LITTLE(ByteOrder.LITTLE_ENDIAN);

        final ByteOrder order;

        Order(ByteOrder order) {
            this.order = order;
        }
    }

    /** A copy of one frame as read, since the reader reuses its buffer. */
    private record ReadFrame(long number, long timestampNanos, int linkType, String interfaceName, byte[] bytes,
                             int originalLength) {
    }

    /** Everything a reader gave: the frames and the damage at the end. */
    private record Result(List<ReadFrame> frames, CaptureDamage damage, List<String> interfaceNameInstances,
                          List<SkippedRange> skipped) {
        List<Long> timestamps() {
            return frames.stream().map(ReadFrame::timestampNanos).toList();
        }
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void readsEnhancedPacketBlocksInEitherByteOrder(Order order) throws IOException {
        byte[] file = PcapngFileBuilder.section(order.order)
                .interfaceDescription(LinkType.ETHERNET, SNAP)
                .enhancedPacket(0, MICROS, SYN)
                .enhancedPacket(0, MICROS + 1_000_000L, DATA, DATA.length, 1514)
                .toByteArray();

        Result result = read(file);

        assertThat(result.damage()).isNull();
        assertThat(result.frames()).extracting(ReadFrame::number).containsExactly(1L, 2L);
        assertThat(result.timestamps()).containsExactly(1_700_000_000_123_456_000L, 1_700_000_001_123_456_000L);
        assertThat(result.frames()).extracting(ReadFrame::linkType).containsOnly(LinkType.ETHERNET);
        assertThat(result.frames().get(0).bytes()).isEqualTo(SYN);
        assertThat(result.frames().get(1).bytes()).isEqualTo(DATA);
        assertThat(result.frames().get(1).originalLength()).isEqualTo(1514);
        assertThat(result.frames().get(0).interfaceName()).isNull();
    }

    @Test
    void readsFromAFile() throws IOException {
        Path file = PcapngFileBuilder.section(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP)
                .enhancedPacket(0, MICROS, SYN)
                .writeTo(dir.resolve("one.pcapng"));

        try (PcapngReader reader = PcapngReader.open(file)) {
            CapturedFrame frame = new CapturedFrame();
            assertThat(reader.name()).isEqualTo("one.pcapng");
            assertThat(reader.next(frame)).isTrue();
            assertThat(frame.timestampNanos).isEqualTo(1_700_000_000_123_456_000L);
            assertThat(reader.next(frame)).isFalse();
            assertThat(reader.damage()).isEmpty();
        }
    }

    @Test
    void convertsDecimalNanosecondResolution() throws IOException {
        byte[] file = PcapngFileBuilder.section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP, ifTsresol(9))
                .enhancedPacket(0, SECONDS * 1_000_000_000L + 999_999_999L, SYN)
                .toByteArray();

        assertThat(read(file).timestamps()).containsExactly(1_700_000_000_999_999_999L);
    }

    @Test
    void convertsBinaryResolution() throws IOException {
        // 2^-20 s units: the fraction 2^19 is exactly half a second, 1 unit is 953.67... ns, truncated.
        byte[] file = PcapngFileBuilder.section(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP, ifTsresol(0x80 | 20))
                .enhancedPacket(0, SECONDS << 20 | 1L << 19, SYN)
                .enhancedPacket(0, SECONDS << 20 | 1L, ACK)
                .toByteArray();

        assertThat(read(file).timestamps()).containsExactly(1_700_000_000_500_000_000L, 1_700_000_000_000_000_953L);
    }

    @Test
    void convertsCoarseAndVeryFineDecimalResolutions() throws IOException {
        byte[] file = PcapngFileBuilder.section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP, ifTsresol(0))
                .interfaceDescription(LinkType.ETHERNET, SNAP, ifTsresol(12))
                .enhancedPacket(0, SECONDS, SYN)
                // Picoseconds overflow 64 bits soon after 1970-04: 1,000,000.123456789999 s, truncated to ns.
                .enhancedPacket(1, 1_000_000L * 1_000_000_000_000L + 123_456_789_999L, ACK)
                .toByteArray();

        assertThat(read(file).timestamps()).containsExactly(1_700_000_000_000_000_000L, 1_000_000_123_456_789L);
    }

    @Test
    void addsTimestampOffset() throws IOException {
        byte[] file = PcapngFileBuilder.section(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP, ifTsoffset(SECONDS))
                .enhancedPacket(0, 2_000_001L, SYN)
                .toByteArray();

        assertThat(read(file).timestamps()).containsExactly(1_700_000_002_000_001_000L);
    }

    @Test
    void carriesLinkTypeAndNamePerInterface() throws IOException {
        byte[] file = PcapngFileBuilder.section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP, ifName("eth0"), ifTsresol(6))
                .interfaceDescription(LinkType.LINUX_SLL2, SNAP, ifTsresol(9), ifName("any (Pseudo-device) é"))
                .interfaceDescription(LINKTYPE_UNKNOWN, SNAP)
                .enhancedPacket(0, MICROS, SYN)
                .enhancedPacket(1, SECONDS * 1_000_000_000L + 5, ACK)
                .enhancedPacket(2, MICROS, DATA)
                .enhancedPacket(0, MICROS + 1, SYN)
                .toByteArray();

        Result result = read(file);

        assertThat(result.damage()).isNull();
        assertThat(result.frames()).extracting(ReadFrame::linkType)
                .containsExactly(LinkType.ETHERNET, LinkType.LINUX_SLL2, LINKTYPE_UNKNOWN, LinkType.ETHERNET);
        assertThat(result.frames()).extracting(ReadFrame::interfaceName)
                .containsExactly("eth0", "any (Pseudo-device) é", null, "eth0");
        assertThat(result.timestamps()).containsExactly(1_700_000_000_123_456_000L, 1_700_000_000_000_000_005L,
                1_700_000_000_123_456_000L, 1_700_000_000_123_457_000L);
        // One String per interface, not one per frame.
        assertThat(result.interfaceNameInstances().get(0)).isSameAs(result.interfaceNameInstances().get(3));
    }

    @Test
    void deliversFramesOfUnsupportedLinkTypes() throws IOException {
        byte[] file = PcapngFileBuilder.section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(LINKTYPE_USER13, SNAP)
                .enhancedPacket(0, MICROS, SYN)
                .toByteArray();

        Result result = read(file);

        assertThat(result.damage()).isNull();
        assertThat(result.frames()).extracting(ReadFrame::linkType).containsExactly(LINKTYPE_USER13);
    }

    @Test
    void readsSimplePacketBlocks() throws IOException {
        byte[] file = PcapngFileBuilder.section(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, 100)
                .enhancedPacket(0, MICROS, SYN)
                // Whole frame, padded: caplen = origlen, not the padded room.
                .simplePacket(ACK.length, ACK)
                // Cut by the snap length as the spec writes it: origlen 355, 100 bytes in the block.
                .simplePacket(DATA.length, Arrays.copyOf(DATA, 100))
                // A block holding more than the snap length (Wireshark 4.0 rejects it): caplen = snaplen 100.
                .simplePacket(DATA.length, DATA)
                // origlen beyond the room in the block: caplen = room.
                .simplePacket(1514, Arrays.copyOf(SYN, 56))
                .toByteArray();

        Result result = read(file);

        assertThat(result.damage()).isNull();
        assertThat(result.frames()).extracting(ReadFrame::number).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(result.frames().get(1).bytes()).isEqualTo(ACK);
        assertThat(result.frames().get(2).bytes()).isEqualTo(Arrays.copyOf(DATA, 100));
        assertThat(result.frames().get(2).originalLength()).isEqualTo(DATA.length);
        assertThat(result.frames().get(3).bytes()).isEqualTo(Arrays.copyOf(DATA, 100));
        assertThat(result.frames().get(3).originalLength()).isEqualTo(DATA.length);
        assertThat(result.frames().get(4).bytes()).hasSize(56);
        assertThat(result.frames().get(4).originalLength()).isEqualTo(1514);
        // No timestamp in the block: the frame before's.
        assertThat(result.timestamps()).containsOnly(1_700_000_000_123_456_000L);
    }

    @Test
    void readsObsoletePacketBlocks() throws IOException {
        byte[] file = PcapngFileBuilder.section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP, ifName("eth1"))
                .interfaceDescription(LINKTYPE_USER13, SNAP)
                .packet(1, MICROS, DATA)
                .packet(0, MICROS + 2, SYN)
                .toByteArray();

        Result result = read(file);

        assertThat(result.damage()).isNull();
        assertThat(result.frames()).extracting(ReadFrame::linkType).containsExactly(LINKTYPE_USER13, LinkType.ETHERNET);
        assertThat(result.frames()).extracting(ReadFrame::interfaceName).containsExactly(null, "eth1");
        assertThat(result.frames().get(0).bytes()).isEqualTo(DATA);
        assertThat(result.timestamps()).containsExactly(1_700_000_000_123_456_000L, 1_700_000_000_123_458_000L);
    }

    @Test
    void interfaceStatisticsWithDropsAreLossesAfterTheFramesBeforeThePreviousStatistics() throws IOException {
        byte[] file = PcapngFileBuilder.section(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP)
                .enhancedPacket(0, MICROS, SYN)
                .interfaceStatistics(0, MICROS + 10, 0, 0)
                .enhancedPacket(0, MICROS + 20, ACK)
                .interfaceStatistics(0, MICROS + 30, 2, 7)
                .interfaceStatistics(0, MICROS + 40, 2, 7)
                .toByteArray();

        try (PcapngReader reader = PcapngReader.open(Channels.newChannel(new ByteArrayInputStream(file)), "x")) {
            CapturedFrame frame = new CapturedFrame();
            int frames = 0;
            while (reader.next(frame)) {
                frames++;
            }

            assertThat(frames).isEqualTo(2);
            assertThat(reader.losses()).containsExactly(new CaptureLoss(MICROS * 1000, Long.MAX_VALUE, 7, 2));
        }
    }

    @Test
    void skipsUnknownBlocks() throws IOException {
        byte[] file = PcapngFileBuilder.section(ByteOrder.LITTLE_ENDIAN)
                .block(PcapngFileBuilder.BLOCK_NAME_RESOLUTION, new byte[20])
                .interfaceDescription(LinkType.ETHERNET, SNAP)
                .enhancedPacket(0, MICROS, SYN)
                .block(PcapngFileBuilder.BLOCK_INTERFACE_STATISTICS, new byte[28])
                .block(0x40000bad, new byte[0])
                .block(0x0a, frame(5000, 9))
                .enhancedPacket(0, MICROS + 1, ACK)
                .toByteArray();

        Result result = read(file);

        assertThat(result.damage()).isNull();
        assertThat(result.frames()).extracting(ReadFrame::number).containsExactly(1L, 2L);
        assertThat(result.frames().get(1).bytes()).isEqualTo(ACK);
    }

    @Test
    void skipsUnknownBlocksLongerThanTheBlockCapWithoutBufferingThem() throws IOException {
        byte[] file = PcapngFileBuilder.section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP)
                .block(0x0a, new byte[PcapngReader.MAX_BLOCK_LENGTH + 4096])
                .enhancedPacket(0, MICROS, SYN)
                .toByteArray();

        Result result = read(file, 256);

        assertThat(result.damage()).isNull();
        assertThat(result.frames()).hasSize(1);
        assertThat(result.frames().get(0).bytes()).isEqualTo(SYN);
    }

    @Test
    void newSectionSwitchesByteOrderAndResetsInterfaces() throws IOException {
        byte[] file = PcapngFileBuilder.section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP, ifName("first0"))
                .interfaceDescription(LinkType.ETHERNET, SNAP, ifName("first1"))
                .enhancedPacket(1, MICROS, SYN)
                .sectionHeader(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(LinkType.LINUX_SLL, SNAP, ifName("second0"), ifTsresol(9))
                .enhancedPacket(0, SECONDS * 1_000_000_000L + 7, ACK)
                .sectionHeader(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP)
                .enhancedPacket(1, MICROS, DATA)
                .toByteArray();

        Result result = read(file);

        assertThat(result.frames()).extracting(ReadFrame::number).containsExactly(1L, 2L);
        assertThat(result.frames()).extracting(ReadFrame::interfaceName).containsExactly("first1", "second0");
        assertThat(result.frames()).extracting(ReadFrame::linkType)
                .containsExactly(LinkType.ETHERNET, LinkType.LINUX_SLL);
        assertThat(result.timestamps()).containsExactly(1_700_000_000_123_456_000L, 1_700_000_000_000_000_007L);
        // The third section describes only interface 0, so interface 1 is unknown there: that block is skipped.
        assertThat(result.damage()).isNull();
        assertThat(result.skipped()).hasSize(1);
        assertThat(result.skipped().get(0).afterFrame()).isEqualTo(2);
        assertThat(result.skipped().get(0).framesLost()).isEqualTo(1);
        assertThat(result.skipped().get(0).description())
                .isEqualTo("frame 3 names an undescribed interface: id 1 (expected: an interface described in its"
                        + " section: 0 to 0); skipped this block");
    }

    @Test
    void packetForUnknownInterfaceIsSkipped() throws IOException {
        PcapngFileBuilder builder = PcapngFileBuilder.section(ByteOrder.LITTLE_ENDIAN);
        int blockOffset = builder.size();
        builder.enhancedPacket(0, MICROS, SYN);
        int blockEnd = builder.size();
        byte[] file = builder.interfaceDescription(LinkType.ETHERNET, SNAP).enhancedPacket(0, MICROS, ACK)
                .toByteArray();

        Result result = read(file);

        assertThat(result.damage()).isNull();
        assertThat(result.frames()).extracting(ReadFrame::number).containsExactly(2L);
        assertThat(result.skipped()).containsExactly(new SkippedRange(0, blockOffset, blockEnd, 1,
                "frame 1 names an undescribed interface: id 0 (expected: an interface described in its section:"
                        + " none); skipped this block"));
    }

    @Test
    void simplePacketWithoutInterfaceIsDamage() throws IOException {
        byte[] file = PcapngFileBuilder.section(ByteOrder.BIG_ENDIAN).simplePacket(SYN.length, SYN).toByteArray();

        Result result = read(file);

        assertThat(result.frames()).isEmpty();
        assertThat(result.damage()).isNull();
        assertThat(result.skipped()).singleElement().extracting(SkippedRange::description).asString()
                .startsWith("frame 1 names an undescribed interface: id 0");
    }

    @Test
    void blockLengthNotAMultipleOfFourIsDamageSkippedToTheNextBlock() throws IOException {
        PcapngFileBuilder builder = PcapngFileBuilder.section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP)
                .enhancedPacket(0, MICROS, SYN);
        int badOffset = builder.size();
        builder.rawBlock(PcapngReader.BLOCK_ENHANCED_PACKET, 62, new byte[48], 62);
        int resumeOffset = builder.size();
        byte[] file = builder.enhancedPacket(0, MICROS, ACK).toByteArray();

        Result result = read(file);

        assertThat(result.frames()).extracting(ReadFrame::number).containsExactly(1L, 2L);
        assertThat(result.frames().get(1).bytes()).isEqualTo(ACK);
        assertThat(result.damage()).isNull();
        assertThat(result.skipped()).containsExactly(new SkippedRange(1, badOffset, resumeOffset,
                SkippedRange.UNKNOWN_FRAMES_LOST, "bad block length of Enhanced Packet block of frame 2: 62"
                + " (expected: a multiple of 4, at least 32); skipped " + (resumeOffset - badOffset)
                + " bytes to the next valid block"));
    }

    @Test
    void blockLengthNotAMultipleOfFourAtTheEndIsDamage() throws IOException {
        PcapngFileBuilder builder = PcapngFileBuilder.section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP)
                .enhancedPacket(0, MICROS, SYN);
        int badOffset = builder.size();
        byte[] file = builder.rawBlock(PcapngReader.BLOCK_ENHANCED_PACKET, 62, new byte[48], 62).toByteArray();

        Result result = read(file);

        assertThat(result.frames()).hasSize(1);
        assertThat(result.skipped()).isEmpty();
        assertThat(result.damage()).isEqualTo(new CaptureDamage(1, badOffset,
                "bad block length of Enhanced Packet block of frame 2: 62 (expected: a multiple of 4, at least 32)"));
    }

    @Test
    void blockLengthBelowTheMinimumIsDamage() throws IOException {
        byte[] file = PcapngFileBuilder.section(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP)
                .enhancedPacket(0, MICROS, SYN)
                .int32(0x40000bad).int32(8).int32(8)
                .toByteArray();

        Result result = read(file);

        assertThat(result.frames()).hasSize(1);
        assertThat(result.damage().description())
                .isEqualTo("bad block length of block of type 0x40000bad: 8 (expected: a multiple of 4, at least 12)");
    }

    @Test
    void packetBlockShorterThanItsFieldsIsDamage() throws IOException {
        byte[] file = PcapngFileBuilder.section(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP)
                .rawBlock(PcapngReader.BLOCK_ENHANCED_PACKET, 16, new byte[4], 16)
                .toByteArray();

        assertThat(read(file).damage().description()).isEqualTo(
                "bad block length of Enhanced Packet block of frame 1: 16 (expected: a multiple of 4, at least 32)");
    }

    @Test
    void blockLengthOverTheFileSizeIsDamage() throws IOException {
        PcapngFileBuilder builder = PcapngFileBuilder.section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP)
                .enhancedPacket(0, MICROS, SYN);
        int badOffset = builder.size();
        byte[] file = builder.rawBlock(PcapngReader.BLOCK_ENHANCED_PACKET, 100_000, new byte[60], 100_000)
                .toByteArray();

        Result result = read(file);

        assertThat(result.frames()).hasSize(1);
        assertThat(result.damage()).isEqualTo(new CaptureDamage(1, badOffset,
                "capture ends inside Enhanced Packet block of frame 2: block length 100000, 72 bytes present"
                        + " (expected: a complete block)"));
    }

    @Test
    void unknownBlockLengthOverTheFileSizeIsDamage() throws IOException {
        PcapngFileBuilder builder = PcapngFileBuilder.section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP)
                .enhancedPacket(0, MICROS, SYN);
        int badOffset = builder.size();
        byte[] file = builder.rawBlock(0x0a, 0xfffffffcL, new byte[60], 0).toByteArray();

        Result result = read(file, 64);

        assertThat(result.frames()).hasSize(1);
        assertThat(result.damage()).isEqualTo(new CaptureDamage(1, badOffset,
                "capture ends inside block of type 0x0000000a: block length 4294967292, 72 bytes present"
                        + " (expected: a complete block)"));
    }

    @Test
    void packetBlockLongerThanTheCapIsDamageNotAnAllocation() throws IOException {
        long huge = 0x7ffffff0L;
        byte[] file = PcapngFileBuilder.section(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP)
                .rawBlock(PcapngReader.BLOCK_ENHANCED_PACKET, huge, new byte[60], huge)
                .toByteArray();

        assertThat(read(file).damage().description()).isEqualTo("bad block length of Enhanced Packet block of"
                + " frame 1: 2147483632 (expected: at most " + PcapngReader.MAX_BLOCK_LENGTH + ")");
    }

    @Test
    void trailingLengthMismatchIsDamage() throws IOException {
        PcapngFileBuilder builder = PcapngFileBuilder.section(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP)
                .enhancedPacket(0, MICROS, SYN);
        int badOffset = builder.size();
        builder.rawBlock(PcapngReader.BLOCK_ENHANCED_PACKET, 92, new byte[80], 96);
        int resumeOffset = builder.size();
        byte[] file = builder.enhancedPacket(0, MICROS, ACK).toByteArray();

        Result result = read(file);

        assertThat(result.frames()).hasSize(2);
        assertThat(result.damage()).isNull();
        assertThat(result.skipped()).containsExactly(new SkippedRange(1, badOffset, resumeOffset,
                SkippedRange.UNKNOWN_FRAMES_LOST,
                "trailing block length of Enhanced Packet block of frame 2 differs: 96 (expected: 92, the leading"
                        + " block length); skipped " + (resumeOffset - badOffset) + " bytes to the next valid block"));
    }

    @Test
    void trailingLengthMismatchOfASkippedBlockIsDamage() throws IOException {
        byte[] file = PcapngFileBuilder.section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP)
                .rawBlock(PcapngFileBuilder.BLOCK_INTERFACE_STATISTICS, 40, new byte[28], 44)
                .enhancedPacket(0, MICROS, ACK)
                .toByteArray();

        Result result = read(file);

        // The trailing length is read where the leading one says; the scan resumes after it, at the packet.
        assertThat(result.frames()).extracting(ReadFrame::bytes).containsExactly(ACK);
        assertThat(result.skipped()).singleElement().extracting(SkippedRange::description).asString()
                .startsWith("trailing block length of Interface Statistics block differs: 44 (expected: 40, the"
                        + " leading block length); skipped");
    }

    @Test
    void capturedLengthBeyondTheBlockIsDamage() throws IOException {
        byte[] file = PcapngFileBuilder.section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP)
                .enhancedPacket(0, MICROS, SYN, 5000, 5000)
                .toByteArray();

        Result result = read(file);

        assertThat(result.frames()).isEmpty();
        assertThat(result.damage()).isNull();
        assertThat(result.skipped()).singleElement().extracting(SkippedRange::description).isEqualTo(
                "Enhanced Packet block of frame 1 is corrupt: caplen 5000 (expected: at most 56, the room in the"
                        + " block); skipped this block");
    }

    @Test
    void fileCutAnywhereInsideTheLastBlockKeepsTheFramesBefore() throws IOException {
        PcapngFileBuilder builder = PcapngFileBuilder.section(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP)
                .enhancedPacket(0, MICROS, SYN)
                .enhancedPacket(0, MICROS + 1, DATA);
        int lastBlock = builder.size();
        builder.enhancedPacket(0, MICROS + 2, ACK);

        for (int cut = lastBlock + 1; cut < builder.size(); cut++) {
            Result result = read(builder.truncatedTo(cut), 64);

            assertThat(result.frames()).as("cut at %d", cut).hasSize(2);
            assertThat(result.frames().get(1).bytes()).isEqualTo(DATA);
            assertThat(result.damage().afterFrame()).isEqualTo(2);
            assertThat(result.damage().byteOffset()).isEqualTo(lastBlock);
            assertThat(result.damage().description()).startsWith("capture ends inside");
        }
        Result whole = read(builder.truncatedTo(lastBlock));
        assertThat(whole.frames()).hasSize(2);
        assertThat(whole.damage()).isNull();
    }

    @Test
    void cutInsideABlockHeaderIsDamage() throws IOException {
        PcapngFileBuilder builder = PcapngFileBuilder.section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP)
                .enhancedPacket(0, MICROS, SYN);
        int end = builder.size();
        builder.enhancedPacket(0, MICROS, SYN);

        Result result = read(builder.truncatedTo(end + 5));

        assertThat(result.damage()).isEqualTo(new CaptureDamage(1, end,
                "capture ends inside a block header: 5 of 8 bytes present (expected: a complete block header)"));
    }

    @Test
    void badByteOrderMagicInALaterSectionIsDamage() throws IOException {
        byte[] file = PcapngFileBuilder.section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP)
                .enhancedPacket(0, MICROS, SYN)
                .rawBlock(PcapngReader.BLOCK_SECTION_HEADER, 28, new byte[16], 28)
                .toByteArray();

        Result result = read(file);

        assertThat(result.frames()).hasSize(1);
        assertThat(result.damage().description()).isEqualTo("bad byte-order magic in Section Header block:"
                + " 0x00000000 (expected: 0x1a2b3c4d in either byte order)");
    }

    @Test
    void unsupportedVersionInALaterSectionIsDamage() throws IOException {
        byte[] file = PcapngFileBuilder.section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP)
                .enhancedPacket(0, MICROS, SYN)
                .sectionHeader(ByteOrder.LITTLE_ENDIAN, 2, 0)
                .toByteArray();

        Result result = read(file);

        assertThat(result.frames()).hasSize(1);
        assertThat(result.damage().description()).isEqualTo("unsupported pcapng version: 2.0 (expected: 1.x)");
    }

    @Test
    void malformedOptionsKeepTheInterface() throws IOException {
        // if_name claims 200 bytes in a block that has 8 bytes of options: parsing of the options stops there.
        ByteBuffer body = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
        body.putShort((short) LinkType.ETHERNET).putShort((short) 0).putInt(SNAP)
                .putShort((short) 2).putShort((short) 200).putInt(0x65746830);
        byte[] file = PcapngFileBuilder.section(ByteOrder.BIG_ENDIAN)
                .block(PcapngReader.BLOCK_INTERFACE_DESCRIPTION, body.array())
                .enhancedPacket(0, MICROS, SYN)
                .toByteArray();

        Result result = read(file);

        assertThat(result.damage()).isNull();
        assertThat(result.frames()).extracting(ReadFrame::interfaceName).containsExactly((String) null);
        assertThat(result.timestamps()).containsExactly(1_700_000_000_123_456_000L);
    }

    @Test
    void readsBlocksStraddlingTheBufferAndFramesLargerThanIt() throws IOException {
        PcapngFileBuilder builder = PcapngFileBuilder.section(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(LinkType.ETHERNET, SNAP, ifName("eth0"), ifTsresol(9));
        List<byte[]> written = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] frame = frame(1 + (i * 37) % 1500, i);
            written.add(frame);
            builder.enhancedPacket(0, SECONDS * 1_000_000_000L + i, frame);
        }
        byte[] jumbo = frame(PcapReader.MAX_CAPTURED_LENGTH, 77);
        written.add(jumbo);
        builder.enhancedPacket(0, SECONDS * 1_000_000_000L + 200, jumbo);
        byte[] file = builder.toByteArray();

        Result small = read(file, 100);
        Result trickle = readTrickling(file, 7);

        for (Result result : List.of(small, trickle)) {
            assertThat(result.damage()).isNull();
            assertThat(result.frames()).hasSize(written.size());
            for (int i = 0; i < written.size(); i++) {
                assertThat(result.frames().get(i).bytes()).as("frame %d", i + 1).isEqualTo(written.get(i));
                assertThat(result.frames().get(i).timestampNanos()).isEqualTo(SECONDS * 1_000_000_000L + i);
            }
        }
    }

    @Test
    void notPcapngCannotStart() {
        byte[] pcap = PcapFileBuilder.microseconds(ByteOrder.BIG_ENDIAN).toByteArray();

        assertThatThrownBy(() -> read(pcap)).isInstanceOf(CaptureFormatException.class)
                .hasMessage("not a pcapng capture: block type 0xa1b2c3d4 (expected: 0x0a0d0d0a, a Section Header"
                        + " block)");
        assertThatThrownBy(() -> read(new byte[0])).isInstanceOf(CaptureFormatException.class)
                .hasMessage("empty file: 0 bytes (expected: a pcapng Section Header block)");
    }

    @Test
    void brokenFirstSectionHeaderCannotStart() {
        byte[] badMagic = PcapngFileBuilder.empty(ByteOrder.BIG_ENDIAN)
                .rawBlock(PcapngReader.BLOCK_SECTION_HEADER, 28, new byte[16], 28)
                .toByteArray();
        byte[] cut = PcapngFileBuilder.section(ByteOrder.LITTLE_ENDIAN).truncatedTo(20);
        byte[] version2 = PcapngFileBuilder.empty(ByteOrder.BIG_ENDIAN)
                .sectionHeader(ByteOrder.BIG_ENDIAN, 2, 0)
                .toByteArray();

        assertThatThrownBy(() -> read(badMagic)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("bad byte-order magic");
        assertThatThrownBy(() -> read(cut)).isInstanceOf(CaptureFormatException.class)
                .hasMessage("unreadable pcapng Section Header block: capture ends inside Section Header block:"
                        + " block length 28, 20 bytes present (expected: a complete block)");
        assertThatThrownBy(() -> read(version2)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("unsupported pcapng version: 2.0");
    }

    @Test
    void closesTheChannelWhenOpeningFails() {
        ReadableByteChannel channel = Channels.newChannel(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7}));

        assertThatThrownBy(() -> PcapngReader.open(channel, "x")).isInstanceOf(CaptureFormatException.class);
        assertThat(channel.isOpen()).isFalse();
    }

    private static Result read(byte[] file) throws IOException {
        return read(file, PcapngReader.DEFAULT_BUFFER_SIZE);
    }

    private static Result read(byte[] file, int bufferSize) throws IOException {
        return readAll(PcapngReader.open(Channels.newChannel(new ByteArrayInputStream(file)), "test", bufferSize));
    }

    /** Reads through a channel that hands out at most {@code chunk} bytes per read. */
    private static Result readTrickling(byte[] file, int chunk) throws IOException {
        return readAll(PcapngReader.open(new TricklingChannel(file, chunk), "test", 64));
    }

    private static Result readAll(PcapngReader reader) throws IOException {
        List<ReadFrame> frames = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (reader) {
            CapturedFrame frame = new CapturedFrame();
            while (reader.next(frame)) {
                frames.add(new ReadFrame(frame.frameNumber, frame.timestampNanos, frame.linkType, frame.interfaceName,
                        Arrays.copyOfRange(frame.data, frame.offset, frame.offset + frame.capturedLength),
                        frame.originalLength));
                names.add(frame.interfaceName);
            }
            assertThat(reader.next(frame)).isFalse();
            return new Result(frames, reader.damage().orElse(null), names, reader.skippedRanges());
        }
    }

    /** Arbitrary frame bytes; the reader never interprets them. */
    private static byte[] frame(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i * 7);
        }
        return bytes;
    }

    /** A channel over bytes that hands out at most {@code chunk} bytes per read, like a slow pipe. */
    static final class TricklingChannel implements ReadableByteChannel {
        private final byte[] bytes;
        private final int chunk;
        private int position;
        private boolean open = true;

        TricklingChannel(byte[] bytes, int chunk) {
            this.bytes = bytes;
            this.chunk = chunk;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position == bytes.length) {
                return -1;
            }
            int count = Math.min(Math.min(chunk, dst.remaining()), bytes.length - position);
            dst.put(bytes, position, count);
            position += count;
            return count;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}

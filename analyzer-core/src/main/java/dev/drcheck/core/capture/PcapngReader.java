package dev.drcheck.core.capture;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * Reads a pcapng capture in pure Java, without libpcap.
 *
 * <p>Understands Section Header blocks (either byte order; a later section may switch it and starts a fresh set of
 * interfaces), Interface Description blocks (link type, snap length and the options {@code if_name},
 * {@code if_tsresol} in its power-of-10 and power-of-2 forms, default 10<sup>-6</sup>, and {@code if_tsoffset}),
 * Enhanced Packet blocks, Simple Packet blocks and the obsolete Packet block. Every other block type is skipped by
 * its length, without buffering it.
 *
 * <p>Each frame carries the link type and name of the interface it was captured on. Link types are not checked
 * here: a frame of a link type the decoder does not understand is delivered and counted by the decoder. Interface
 * names are decoded as UTF-8 once per Interface Description block, never per frame. Frames are numbered from 1
 * across the whole file, every packet block counting, as Wireshark numbers them. A Simple Packet block carries no
 * timestamp: its frame gets the timestamp of the frame before it (0 when it is the first).
 *
 * <p>Blocks are read into one reused heap buffer and frames handed out as {@link CapturedFrame} cursors into it,
 * so reading allocates nothing per frame. A block that drcheck interprets may be at most
 * {@value #MAX_BLOCK_LENGTH} bytes (one maximal packet of {@value PcapReader#MAX_CAPTURED_LENGTH} bytes, the block
 * fields and room for options); a longer one is damage, so a length field never becomes an allocation size.
 *
 * <p>Damage inside the capture never throws. A packet block whose lengths agree but whose content is wrong (a
 * captured length beyond the block, an interface the section has not described) is skipped alone: one frame lost.
 * A block whose lengths are wrong (not a multiple of 4, below the minimum for its type, above
 * {@value #MAX_BLOCK_LENGTH} for a block drcheck interprets or for a type no specification defines, running past
 * the end of the file, or a trailing length that differs from the leading one) starts a resynchronising scan:
 * every 4-byte-aligned offset after it is tried until one holds a block of a known type whose leading and trailing
 * lengths agree (a packet block must also name a described interface and fit its packet, a Section Header block
 * must carry the byte-order magic). Reading resumes there and the damaged bytes are listed in
 * {@link #skippedRanges()}, frames lost unknown. When the scan reaches the end of the input first, the damage ends
 * the stream and is reported by {@link #damage()}, every frame before it having been delivered; so does a file
 * that ends inside a block, and a section of an unsupported major version. Malformed options inside an Interface
 * Description block only end the parsing of its options; the interface keeps what was read.
 * {@link CaptureFormatException} is thrown only when the input does not
 * start with a complete, valid Section Header block.
 *
 * <p>The reader expects a blocking channel and owns it: {@link #close()} closes it, and so does a failed open.
 */
public final class PcapngReader extends PcapngBlockParser implements FrameSource {
    /** Block type of a Section Header block; the same in both byte orders. */
    static final int BLOCK_SECTION_HEADER = CaptureMagic.PCAPNG_SECTION_HEADER;
    /** Block type of an Interface Description block. */
    static final int BLOCK_INTERFACE_DESCRIPTION = 1;
    /** Block type of the obsolete Packet block. */
    static final int BLOCK_PACKET = 2;
    /** Block type of a Simple Packet block. */
    static final int BLOCK_SIMPLE_PACKET = 3;
    /** Block type of an Enhanced Packet block. */
    static final int BLOCK_ENHANCED_PACKET = 6;
    /** Interface Statistics Block: an interface's counters, of which drcheck reads the drops. */
    static final int BLOCK_INTERFACE_STATISTICS = 5;
    /** The byte-order magic of a Section Header block, as read in the section's own byte order. */
    static final int BYTE_ORDER_MAGIC = CaptureMagic.PCAPNG_BYTE_ORDER;

    /** Room allowed for the options of a block drcheck interprets. */
    static final int MAX_OPTIONS_LENGTH = 65_536;
    /** Longest block that is read into the buffer: block fields, one maximal packet and options. */
    public static final int MAX_BLOCK_LENGTH = 32 + PcapReader.MAX_CAPTURED_LENGTH + MAX_OPTIONS_LENGTH;
    /** Most interfaces one section may describe. */
    static final int MAX_INTERFACES = PcapngInterfaces.MAX;

    static final int DEFAULT_BUFFER_SIZE = 4 * 1024 * 1024;

    private static final int BLOCK_HEADER_LENGTH = 8;
    private static final int MIN_BLOCK_LENGTH = PcapngBlocks.MIN_BLOCK_LENGTH;
    private static final int SUPPORTED_MAJOR_VERSION = 1;

    private final String name;


    // The block read last by readBlock(): its type and total length, where it starts in the buffer (valid until the
    // next read), and whether it was skipped without being buffered.
    private int blockType;
    private int blockLength;
    private int blockStart;
    private boolean blockSkipped;

    private long frameNumber;
    private long lastTimestampNanos;
    private boolean finished;
    private CaptureDamage damage;

    /** False while the first Section Header block is read: damage there means the input cannot be read. */
    private boolean resyncAllowed;
    /** Set when the block just attempted was damage that a resynchronising scan stepped over. */
    private boolean resumed;
    private final SkippedRangeLog skipped = new SkippedRangeLog();

    private PcapngReader(ReadableByteChannel channel, String name, int bufferSize) {
        super(channel, bufferSize, MAX_BLOCK_LENGTH);
        this.name = name;
    }

    /**
     * Opens a pcapng file and reads its first Section Header block.
     *
     * @throws CaptureFormatException when the file does not start with a valid pcapng Section Header block
     * @throws IOException            when the file cannot be opened or read
     */
    public static PcapngReader open(Path file) throws IOException {
        return open(FileChannel.open(file, StandardOpenOption.READ), displayName(file));
    }

    /**
     * Reads a pcapng capture from a channel, such as standard input or a decompressing stream, and reads its first
     * Section Header block. The reader takes ownership of the channel.
     *
     * @param channel     a blocking channel positioned at the start of the capture
     * @param displayName the name used in reports, such as the file name
     * @throws CaptureFormatException when the input does not start with a valid pcapng Section Header block
     * @throws IOException            when reading fails
     */
    public static PcapngReader open(ReadableByteChannel channel, String displayName) throws IOException {
        return open(channel, displayName, DEFAULT_BUFFER_SIZE);
    }

    /** As {@link #open(ReadableByteChannel, String)} with a chosen initial buffer size; for tests. */
    static PcapngReader open(ReadableByteChannel channel, String displayName, int initialBufferSize)
            throws IOException {
        return closingOnFailure(channel, () -> {
            PcapngReader reader = new PcapngReader(channel, displayName, initialBufferSize);
            reader.readFirstSectionHeader();
            return reader;
        });
    }

    private void readFirstSectionHeader() throws IOException {
        ensureAvailable(MIN_BLOCK_LENGTH);
        int present = limit - position;
        if (present == 0) {
            throw new CaptureFormatException("empty file: 0 bytes (expected: a pcapng Section Header block)");
        }
        if (present >= Integer.BYTES && readBigEndianInt(position) != BLOCK_SECTION_HEADER) {
            throw new CaptureFormatException("not a pcapng capture: block type " + hex(readBigEndianInt(position))
                    + " (expected: 0x0a0d0d0a, a Section Header block)");
        }
        if (!readBlock()) {
            String reason = damage == null ? "no block" : damage.description();
            throw new CaptureFormatException("unreadable pcapng Section Header block: " + reason);
        }
        resyncAllowed = true;
    }

    @Override
    public boolean next(CapturedFrame frame) throws IOException {
        while (!finished) {
            if (!readBlock()) {
                return false;
            }
            if (deliverPacket(blockStart, frame)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads the next block: checks its lengths and, for a block drcheck interprets, makes all of it available from
     * the position it started at, then consumes it. Section Header and Interface Description blocks are applied
     * here; packet blocks are left for {@link #deliverPacket}.
     *
     * @return false at the clean end of the input or where damage stops reading
     */
    private boolean readBlock() throws IOException {
        while (true) {
            resumed = false;
            if (readOneBlock()) {
                return true;
            }
            if (!resumed) {
                return false;
            }
        }
    }

    /**
     * One attempt of {@link #readBlock()}: false at the end, at damage that stops reading, or at damage that a
     * resynchronising scan stepped over ({@link #resumed} set; the position is then at the next valid block).
     */
    private boolean readOneBlock() throws IOException {
        if (!ensureAvailable(BLOCK_HEADER_LENGTH)) {
            int present = limit - position;
            if (present == 0) {
                finished = true;
                return false;
            }
            return stop("capture ends inside a block header: " + present + " of " + BLOCK_HEADER_LENGTH
                    + " bytes present (expected: a complete block header)");
        }
        int type = readBigEndianInt(position);
        if (type == BLOCK_SECTION_HEADER) {
            if (!readByteOrder()) {
                return false;
            }
        } else {
            type = readInt(position);
        }
        long length = readUnsignedInt(position + 4);
        if (length < PcapngBlocks.minimumLength(type) || length % 4 != 0) {
            return recover("bad block length of " + blockName(type) + ": " + length
                    + " (expected: a multiple of 4, at least " + PcapngBlocks.minimumLength(type) + ")");
        }
        blockType = type;
        blockLength = (int) Math.min(length, Integer.MAX_VALUE);
        if (!PcapngBlocks.interprets(type)) {
            if (length > MAX_BLOCK_LENGTH && !PcapngBlocks.registered(type)) {
                return recover("bad block length of " + blockName(type) + ": " + length + " (expected: at most "
                        + MAX_BLOCK_LENGTH + " for a block type no pcapng specification defines)");
            }
            return skipBlock(type, length);
        }
        if (length > MAX_BLOCK_LENGTH) {
            return recover("bad block length of " + blockName(type) + ": " + length + " (expected: at most "
                    + MAX_BLOCK_LENGTH + ")");
        }
        int total = (int) length;
        if (!ensureAvailable(total)) {
            return recover("capture ends inside " + blockName(type) + ": block length " + total + ", "
                    + (limit - position) + " bytes present (expected: a complete block)");
        }
        long trailing = readUnsignedInt(position + total - 4);
        if (trailing != length) {
            return recover("trailing block length of " + blockName(type) + " differs: " + trailing
                    + " (expected: " + length + ", the leading block length)");
        }
        blockSkipped = false;
        blockStart = position;
        if (!applyBlock(type, total)) {
            return false;
        }
        position += total;
        return true;
    }

    /**
     * Reads the byte order of the Section Header block at the position from its magic; false (the stream then
     * ended with damage) when the block is cut short or the magic is wrong.
     */
    private boolean readByteOrder() throws IOException {
        if (!ensureAvailable(MIN_BLOCK_LENGTH)) {
            return stop("capture ends inside a Section Header block: " + (limit - position) + " bytes present"
                    + " (expected: at least " + PcapngBlocks.MIN_SECTION_HEADER_LENGTH + ")");
        }
        int magic = readBigEndianInt(position + 8);
        if (magic == BYTE_ORDER_MAGIC) {
            littleEndian = false;
        } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            littleEndian = true;
        } else {
            return stop("bad byte-order magic in Section Header block: " + hex(magic)
                    + " (expected: 0x1a2b3c4d in either byte order)");
        }
        return true;
    }

    /** Applies a complete Section Header or Interface Description block at the position; false when it stops. */
    private boolean applyBlock(int type, int total) {
        if (type == BLOCK_SECTION_HEADER) {
            int major = readUnsignedShort(position + 12);
            int minor = readUnsignedShort(position + 14);
            if (major != SUPPORTED_MAJOR_VERSION) {
                return stop("unsupported pcapng version: " + major + "." + minor + " (expected: "
                        + SUPPORTED_MAJOR_VERSION + ".x)");
            }
            interfaces.clear();
            drops.newSection();
        } else if (type == BLOCK_INTERFACE_STATISTICS) {
            readStatistics(position, total, lastTimestampNanos);
        } else if (type == BLOCK_INTERFACE_DESCRIPTION) {
            if (interfaces.count() == MAX_INTERFACES) {
                return stop("too many interfaces in one section: more than " + MAX_INTERFACES + " (expected: at most "
                        + MAX_INTERFACES + ")");
            }
            addInterface(position, total);
        }
        return true;
    }

    /** Skips a block drcheck does not interpret, streaming it through the buffer; checks its trailing length. */
    private boolean skipBlock(int type, long length) throws IOException {
        long blockOffset = fileOffset(position);
        if (!skip(length - 4)) {
            return stopAtOffset(blockOffset, "capture ends inside " + blockName(type) + ": block length " + length
                    + ", " + (fileOffset(limit) - blockOffset) + " bytes present (expected: a complete block)");
        }
        if (!ensureAvailable(4)) {
            return stopAtOffset(blockOffset, "capture ends inside " + blockName(type) + ": block length " + length
                    + ", " + (length - 4 + limit - position) + " bytes present (expected: a complete block)");
        }
        long trailing = readUnsignedInt(position);
        if (trailing != length) {
            // The block was streamed through; the scan can only start after it.
            return recoverFrom(blockOffset, "trailing block length of " + blockName(type) + " differs: "
                    + trailing + " (expected: " + length + ", the leading block length)");
        }
        position += 4;
        blockSkipped = true;
        return true;
    }

    /**
     * Fills {@code frame} from the block just read when it is a packet block.
     *
     * @param start index in the buffer where the block started
     * @return true when a frame was delivered
     */
    private boolean deliverPacket(int start, CapturedFrame frame) {
        if (blockSkipped) {
            return false;
        }
        long number = frameNumber + 1;
        return switch (blockType) {
            case BLOCK_ENHANCED_PACKET -> deliverTimestamped(start, frame, number, readInt(start + 8),
                    PcapngBlocks.MIN_ENHANCED_PACKET_LENGTH, "Enhanced Packet block");
            case BLOCK_PACKET -> deliverTimestamped(start, frame, number, readUnsignedShort(start + 8),
                    PcapngBlocks.MIN_PACKET_LENGTH, "Packet block");
            case BLOCK_SIMPLE_PACKET -> deliverSimple(start, frame, number);
            default -> false;
        };
    }

    /** An Enhanced Packet or (obsolete) Packet block: interface, timestamp, lengths, then the packet at 28. */
    private boolean deliverTimestamped(int start, CapturedFrame frame, long number, int interfaceId, int minLength,
                                       String what) {
        long capturedLength = readUnsignedInt(start + 20);
        long originalLength = readUnsignedInt(start + 24);
        if (capturedLength > blockLength - minLength) {
            return corruptPacket(start, number, what, capturedLength, blockLength - minLength);
        }
        if (!knownInterface(start, number, interfaceId)) {
            return false;
        }
        long timestampNanos =
                interfaces.timestampNanos(interfaceId, readUnsignedInt(start + 12), readUnsignedInt(start + 16));
        deliver(frame, number, interfaceId, timestampNanos, start + 28, capturedLength, originalLength);
        return true;
    }

    /** A Simple Packet block: interface 0, no timestamp (the previous frame's), the packet at 12. */
    private boolean deliverSimple(int start, CapturedFrame frame, long number) {
        if (!knownInterface(start, number, 0)) {
            return false;
        }
        long originalLength = readUnsignedInt(start + 8);
        long capturedLength = Math.min(originalLength, blockLength - PcapngBlocks.MIN_SIMPLE_PACKET_LENGTH);
        int snapLength = interfaces.snapLength(0);
        if (snapLength > 0) {
            capturedLength = Math.min(capturedLength, snapLength);
        }
        deliver(frame, number, 0, lastTimestampNanos, start + 12, capturedLength, originalLength);
        return true;
    }

    private void deliver(CapturedFrame frame, long number, int interfaceId, long timestampNanos, int dataOffset,
                         long capturedLength, long originalLength) {
        frameNumber = number;
        lastTimestampNanos = timestampNanos;
        long original = Math.max(originalLength, capturedLength);
        frame.set(number, timestampNanos, interfaces.linkType(interfaceId), buffer, dataOffset, (int) capturedLength,
                (int) Math.min(original, Integer.MAX_VALUE));
        frame.interfaceName = interfaces.name(interfaceId);
    }

    private boolean corruptPacket(int start, long number, String what, long capturedLength, int room) {
        return skipPacketBlock(start, what + " of frame " + number + " is corrupt: caplen " + capturedLength
                + " (expected: at most " + room + ", the room in the block)");
    }

    private boolean knownInterface(int start, long number, int interfaceId) {
        int interfaceCount = interfaces.count();
        if (interfaceId >= 0 && interfaceId < interfaceCount) {
            return true;
        }
        String described = interfaceCount == 0 ? "none" : "0 to " + (interfaceCount - 1);
        skipPacketBlock(start, "frame " + number + " names an undescribed interface: id "
                + Integer.toUnsignedString(interfaceId) + " (expected: an interface described in its section: "
                + described + ")");
        return false;
    }

    /**
     * Steps over the packet block that started at buffer index {@code start} (already consumed; its lengths
     * agree): one frame lost. Its frame number is used, so numbers stay those Wireshark shows.
     */
    private boolean skipPacketBlock(int start, String description) {
        long from = fileOffset(start);
        skipped.add(new SkippedRange(frameNumber, from, from + blockLength, 1,
                description + "; skipped this block"));
        frameNumber++;
        return false;
    }

    /**
     * Damage at the block starting at the current position: scans from the next 4-byte boundary for a valid block
     * (see the class comment); the position is then there and {@link #resumed} is set. Otherwise ends the stream
     * with {@code description} at the damaged block.
     */
    private boolean recover(String description) throws IOException {
        long from = fileOffset(position);
        position += 4;
        return recoverFrom(from, description);
    }

    /**
     * Damage found at file offset {@code from}; scans from the current position (4-byte aligned with the blocks
     * before). See {@link #recover}.
     */
    private boolean recoverFrom(long from, String description) throws IOException {
        if (!resyncAllowed) {
            return stopAtOffset(from, description);
        }
        while (ensureAvailable(MIN_BLOCK_LENGTH)) {
            if (validBlockAt()) {
                long to = fileOffset(position);
                skipped.add(new SkippedRange(frameNumber, from, to, SkippedRange.UNKNOWN_FRAMES_LOST,
                        description + "; skipped " + (to - from) + " bytes to the next valid block"));
                resumed = true;
                return false;
            }
            position += 4;
        }
        return stopAtOffset(from, description);
    }

    /** Ends the stream with damage at the block starting at the current position. */
    private boolean stop(String description) {
        return stopAtOffset(fileOffset(position), description);
    }

    private boolean stopAtOffset(long fileOffset, String description) {
        damage = new CaptureDamage(frameNumber, fileOffset, description);
        finished = true;
        return false;
    }

    private String blockName(int type) {
        return PcapngBlocks.name(type, frameNumber + 1);
    }

    @Override
    public List<SkippedRange> skippedRanges() {
        return skipped.ranges();
    }

    @Override
    public List<CaptureLoss> losses() {
        return drops.losses();
    }

    @Override
    public Optional<CaptureDamage> damage() {
        return Optional.ofNullable(damage);
    }

    @Override
    public String name() {
        return name;
    }

    /** Closes the underlying channel. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}

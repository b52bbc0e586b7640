package dev.drcheck.core.capture;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;

import static dev.drcheck.core.capture.PcapngReader.BLOCK_ENHANCED_PACKET;
import static dev.drcheck.core.capture.PcapngReader.BLOCK_PACKET;
import static dev.drcheck.core.capture.PcapngReader.BLOCK_SECTION_HEADER;
import static dev.drcheck.core.capture.PcapngReader.BLOCK_SIMPLE_PACKET;
import static dev.drcheck.core.capture.PcapngReader.BYTE_ORDER_MAGIC;
import static dev.drcheck.core.capture.PcapngReader.MAX_BLOCK_LENGTH;

/**
 * The block-level parsing under {@link PcapngReader}: the interfaces of the current section and the options of an
 * Interface Description block, and the test a resynchronising scan applies to each offset. The reader loop,
 * frame delivery and damage handling are {@link PcapngReader}'s.
 */
abstract class PcapngBlockParser extends BufferedChannelReader {
    private static final int OPTION_END = 0;
    private static final int OPTION_IF_NAME = 2;
    private static final int OPTION_IF_TSRESOL = 9;
    private static final int OPTION_IF_TSOFFSET = 14;
    private static final int OPTION_ISB_IFDROP = 5;
    private static final int OPTION_ISB_OSDROP = 7;

    /** The interfaces of the current section. */
    final PcapngInterfaces interfaces = new PcapngInterfaces();
    /** The drops Interface Statistics blocks reported. */
    final InterfaceDropLog drops = new InterfaceDropLog();

    PcapngBlockParser(ReadableByteChannel channel, int bufferSize, int maxBlockLength) {
        super(channel, bufferSize, maxBlockLength);
    }

    /**
     * Adds the interface the Interface Description block at buffer index {@code start} describes. Malformed
     * options end the parsing of its options; the interface keeps what was read.
     */
    final void addInterface(int start, int length) {
        int id = interfaces.add(readUnsignedShort(start + 8), readUnsignedInt(start + 12));
        forEachOption(start + 16, start + length - 4, (code, value, valueLength) -> {
            switch (code) {
                case OPTION_IF_NAME ->
                        interfaces.name(id, new String(buffer, value, valueLength, StandardCharsets.UTF_8));
                case OPTION_IF_TSRESOL -> {
                    if (valueLength >= 1) {
                        interfaces.tsResolution(id, buffer[value] & 0xff);
                    }
                }
                case OPTION_IF_TSOFFSET -> {
                    if (valueLength >= 8) {
                        interfaces.tsOffsetSeconds(id, readLong(value));
                    }
                }
                default -> {
                    // Other options carry nothing drcheck uses.
                }
            }
        });
    }

    /**
     * Reads the drop counters of an Interface Statistics Block of a known interface; ignores any other. Its
     * timestamps are not used: dumpcap writes them in microseconds whatever the interface's resolution, so the
     * drops are dated {@code lastTimestampNanos}, the time of the frame before the block.
     */
    final void readStatistics(int start, int length, long lastTimestampNanos) {
        int interfaceId = readInt(start + 8);
        if (interfaceId < 0 || interfaceId >= interfaces.count()) {
            return;
        }
        long[] drop = {-1, -1}; // isb_osdrop, isb_ifdrop
        forEachOption(start + 20, start + length - 4, (code, value, valueLength) -> {
            if (valueLength == 8 && code == OPTION_ISB_OSDROP) {
                drop[0] = readLong(value);
            } else if (valueLength == 8 && code == OPTION_ISB_IFDROP) {
                drop[1] = readLong(value);
            }
        });
        drops.report(interfaceId, lastTimestampNanos, drop[0], drop[1]);
    }

    /** One option of a block: its code, and where its value starts in the buffer and how long it is. */
    @FunctionalInterface
    private interface OptionVisitor {
        void visit(int code, int value, int valueLength);
    }

    /** Walks the options from buffer index {@code from} to {@code end}; stops at opt_endofopt or a malformed one. */
    private void forEachOption(int from, int end, OptionVisitor visitor) {
        int option = from;
        while (option + 4 <= end) {
            int code = readUnsignedShort(option);
            int valueLength = readUnsignedShort(option + 2);
            int value = option + 4;
            if (code == OPTION_END || value + valueLength > end) {
                return;
            }
            visitor.visit(code, value, valueLength);
            option = value + ((valueLength + 3) & ~3);
        }
    }

    /**
     * True when a block that drcheck can trust starts at the current position: a known type, a length within the
     * bounds of its type and {@link #MAX_BLOCK_LENGTH}, the same length trailing, and for the blocks it interprets,
     * consistent content. May move the buffer (the position stays valid).
     */
    final boolean validBlockAt() throws IOException {
        int type = readBigEndianInt(position);
        boolean sectionLittleEndian = littleEndian;
        if (type == BLOCK_SECTION_HEADER) {
            int magic = readBigEndianInt(position + 8);
            if (magic == BYTE_ORDER_MAGIC) {
                sectionLittleEndian = false;
            } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
                sectionLittleEndian = true;
            } else {
                return false;
            }
        } else {
            type = readInt(position);
            if (!PcapngBlocks.interprets(type) && !PcapngBlocks.registered(type)) {
                return false;
            }
        }
        long length = orderedInt(position + 4, sectionLittleEndian) & 0xffff_ffffL;
        if (length < PcapngBlocks.minimumLength(type) || length % 4 != 0 || length > MAX_BLOCK_LENGTH) {
            return false;
        }
        int total = (int) length;
        if (!ensureAvailable(total)) {
            return false;
        }
        if ((orderedInt(position + total - 4, sectionLittleEndian) & 0xffff_ffffL) != length) {
            return false;
        }
        int interfaceCount = interfaces.count();
        return switch (type) {
            case BLOCK_ENHANCED_PACKET -> Integer.compareUnsigned(readInt(position + 8), interfaceCount) < 0
                    && readUnsignedInt(position + 20) <= length - PcapngBlocks.MIN_ENHANCED_PACKET_LENGTH;
            case BLOCK_PACKET -> readUnsignedShort(position + 8) < interfaceCount
                    && readUnsignedInt(position + 20) <= length - PcapngBlocks.MIN_PACKET_LENGTH;
            case BLOCK_SIMPLE_PACKET -> interfaceCount > 0;
            default -> true;
        };
    }

    private int orderedInt(int at, boolean little) {
        int value = readBigEndianInt(at);
        return little ? Integer.reverseBytes(value) : value;
    }

    private long readLong(int at) {
        long first = readUnsignedInt(at);
        long second = readUnsignedInt(at + 4);
        return littleEndian ? second << 32 | first : first << 32 | second;
    }
}

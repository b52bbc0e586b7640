package dev.drcheck.core.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds pcapng files block by block for tests, including deliberately damaged ones. */
public final class PcapngFileBuilder extends CaptureFileBuilder {
    /** Block type of a Name Resolution block, which the reader skips. */
    public static final int BLOCK_NAME_RESOLUTION = 4;
    /** Block type of an Interface Statistics block, of which the reader takes the drop counters. */
    public static final int BLOCK_INTERFACE_STATISTICS = 5;

    private static final int OPTION_IF_TSOFFSET = 14;

    private ByteOrder order;

    private PcapngFileBuilder(ByteOrder order) {
        this.order = order;
    }

    /** A file starting with a Section Header block in {@code order}. */
    public static PcapngFileBuilder section(ByteOrder order) {
        return new PcapngFileBuilder(order).sectionHeader(order);
    }

    /** A file with nothing in it yet, writing in {@code order}. */
    public static PcapngFileBuilder empty(ByteOrder order) {
        return new PcapngFileBuilder(order);
    }

    /** One option of an Interface Description block: code and raw value (padded when written). */
    public record Option(int code, byte[] value) {
    }

    /** Option {@code if_name} (2), UTF-8. */
    public static Option ifName(String name) {
        return new Option(2, name.getBytes(StandardCharsets.UTF_8));
    }

    /** Option {@code if_tsresol} (9): the raw resolution byte (below 0x80: 10^-n; with 0x80 set: 2^-n). */
    public static Option ifTsresol(int resolution) {
        return new Option(9, new byte[] {(byte) resolution});
    }

    /** Option {@code if_tsoffset} (14), in seconds; held big-endian here, written in the section's byte order. */
    public static Option ifTsoffset(long seconds) {
        return new Option(OPTION_IF_TSOFFSET, ByteBuffer.allocate(8).putLong(seconds).array());
    }

    /** Appends a Section Header block (version 1.0, unknown section length); writes in {@code newOrder} from here. */
    public PcapngFileBuilder sectionHeader(ByteOrder newOrder) {
        order = newOrder;
        ByteBuffer body = buffer(16);
        body.putInt(PcapngReader.BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0).putLong(-1L);
        return block(PcapngReader.BLOCK_SECTION_HEADER, body.array());
    }

    /** Appends a Section Header block with the given major and minor version. */
    public PcapngFileBuilder sectionHeader(ByteOrder newOrder, int major, int minor) {
        order = newOrder;
        ByteBuffer body = buffer(16);
        body.putInt(PcapngReader.BYTE_ORDER_MAGIC).putShort((short) major).putShort((short) minor).putLong(-1L);
        return block(PcapngReader.BLOCK_SECTION_HEADER, body.array());
    }

    /** Appends an Interface Description block with the given options (and an end-of-options option). */
    public PcapngFileBuilder interfaceDescription(int linkType, int snapLength, Option... options) {
        byte[] encodedOptions = options(options);
        ByteBuffer body = buffer(8 + encodedOptions.length);
        body.putShort((short) linkType).putShort((short) 0).putInt(snapLength).put(encodedOptions);
        return block(PcapngReader.BLOCK_INTERFACE_DESCRIPTION, body.array());
    }

    /** Appends an Enhanced Packet block holding all of {@code frame}. */
    public PcapngFileBuilder enhancedPacket(int interfaceId, long timestampUnits, byte[] frame) {
        return enhancedPacket(interfaceId, timestampUnits, frame, frame.length, frame.length);
    }

    /** Appends an Enhanced Packet block with explicit caplen and origlen fields. */
    public PcapngFileBuilder enhancedPacket(int interfaceId, long timestampUnits, byte[] frame, long capturedLength,
                                            long originalLength) {
        int padded = padded(frame.length);
        ByteBuffer body = buffer(20 + padded);
        body.putInt(interfaceId)
                .putInt((int) (timestampUnits >>> 32))
                .putInt((int) timestampUnits)
                .putInt((int) capturedLength)
                .putInt((int) originalLength)
                .put(frame);
        return block(PcapngReader.BLOCK_ENHANCED_PACKET, body.array());
    }

    /** Appends an obsolete Packet block (type 2) holding all of {@code frame}. */
    public PcapngFileBuilder packet(int interfaceId, long timestampUnits, byte[] frame) {
        int padded = padded(frame.length);
        ByteBuffer body = buffer(20 + padded);
        body.putShort((short) interfaceId)
                .putShort((short) 0)
                .putInt((int) (timestampUnits >>> 32))
                .putInt((int) timestampUnits)
                .putInt(frame.length)
                .putInt(frame.length)
                .put(frame);
        return block(PcapngReader.BLOCK_PACKET, body.array());
    }

    /** Appends an Interface Statistics block with isb_ifdrop and isb_osdrop. */
    public PcapngFileBuilder interfaceStatistics(int interfaceId, long timestampUnits, long ifDrop, long osDrop) {
        ByteBuffer body = buffer(12 + 24 + 4);
        body.putInt(interfaceId).putInt((int) (timestampUnits >>> 32)).putInt((int) timestampUnits);
        body.putShort((short) 5).putShort((short) 8).putLong(ifDrop);
        body.putShort((short) 7).putShort((short) 8).putLong(osDrop);
        body.putInt(0);
        return block(PcapngReader.BLOCK_INTERFACE_STATISTICS, body.array());
    }

    /** Appends a Simple Packet block holding {@code frame} with the given original length field. */
    public PcapngFileBuilder simplePacket(long originalLength, byte[] frame) {
        ByteBuffer body = buffer(4 + padded(frame.length));
        body.putInt((int) originalLength).put(frame);
        return block(PcapngReader.BLOCK_SIMPLE_PACKET, body.array());
    }

    /** Appends a well-formed block of any type; the body is padded to 4 bytes. */
    public PcapngFileBuilder block(int type, byte[] body) {
        int length = 12 + padded(body.length);
        return rawBlock(type, length, body, length);
    }

    /** Appends a block with the given leading and trailing lengths, whatever the body's size; padded to 4 bytes. */
    public PcapngFileBuilder rawBlock(int type, long leadingLength, byte[] body, long trailingLength) {
        ByteBuffer block = buffer(12 + padded(body.length));
        block.putInt(type).putInt((int) leadingLength).put(body);
        block.position(block.capacity() - 4);
        block.putInt((int) trailingLength);
        return bytes(block.array());
    }

    /** Appends raw bytes. */
    public PcapngFileBuilder bytes(byte[] raw) {
        out.writeBytes(raw);
        return this;
    }

    /** Appends a 32-bit value in the current byte order. */
    public PcapngFileBuilder int32(long value) {
        return bytes(buffer(4).putInt((int) value).array());
    }

    private byte[] options(Option... options) {
        if (options.length == 0) {
            return new byte[0];
        }
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        for (Option option : options) {
            byte[] value = option.value();
            if (option.code() == OPTION_IF_TSOFFSET && value.length == 8) {
                value = buffer(8).putLong(ByteBuffer.wrap(value).getLong()).array();
            }
            ByteBuffer header = buffer(4).putShort((short) option.code()).putShort((short) value.length);
            encoded.writeBytes(header.array());
            encoded.writeBytes(value);
            encoded.writeBytes(new byte[padded(value.length) - value.length]);
        }
        encoded.writeBytes(new byte[4]);
        return encoded.toByteArray();
    }

    private ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(order);
    }

    private static int padded(int length) {
        return (length + 3) & ~3;
    }
}

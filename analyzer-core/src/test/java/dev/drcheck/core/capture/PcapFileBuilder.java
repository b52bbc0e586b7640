package dev.drcheck.core.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds classic pcap files byte by byte for tests, including deliberately damaged ones. */
public final class PcapFileBuilder extends CaptureFileBuilder {
    /** Magic of a microsecond-resolution pcap, as a big-endian int. */
    public static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;
    /** Magic of a nanosecond-resolution pcap, as a big-endian int. */
    public static final int MAGIC_NANOSECONDS = 0xa1b23c4d;
    /** Snap length written into headers by the factories. */
    public static final int SNAP_LENGTH = 262_144;

    private final ByteOrder order;

    private PcapFileBuilder(ByteOrder order) {
        this.order = order;
    }

    /** A microsecond pcap for Ethernet in the given byte order. */
    public static PcapFileBuilder microseconds(ByteOrder order) {
        return withHeader(order, MAGIC_MICROSECONDS, 2, 4, LinkType.ETHERNET);
    }

    /** A nanosecond pcap for Ethernet in the given byte order. */
    public static PcapFileBuilder nanoseconds(ByteOrder order) {
        return withHeader(order, MAGIC_NANOSECONDS, 2, 4, LinkType.ETHERNET);
    }

    /** A pcap whose file header has the given fields; the magic is written in {@code order}. */
    public static PcapFileBuilder withHeader(ByteOrder order, int magic, int majorVersion, int minorVersion,
                                             int linkType) {
        PcapFileBuilder builder = new PcapFileBuilder(order);
        ByteBuffer header = ByteBuffer.allocate(PcapReader.FILE_HEADER_LENGTH).order(order);
        header.putInt(magic)
                .putShort((short) majorVersion)
                .putShort((short) minorVersion)
                .putInt(0)
                .putInt(0)
                .putInt(SNAP_LENGTH)
                .putInt(linkType);
        return builder.bytes(header.array());
    }

    /** Appends a complete record holding {@code frame}. */
    public PcapFileBuilder record(long seconds, long fraction, byte[] frame) {
        return recordHeader(seconds, fraction, frame.length, frame.length).bytes(frame);
    }

    /** Appends a record header only; lengths are written as unsigned 32-bit values. */
    public PcapFileBuilder recordHeader(long seconds, long fraction, long capturedLength, long originalLength) {
        ByteBuffer header = ByteBuffer.allocate(PcapReader.RECORD_HEADER_LENGTH).order(order);
        header.putInt((int) seconds)
                .putInt((int) fraction)
                .putInt((int) capturedLength)
                .putInt((int) originalLength);
        return bytes(header.array());
    }

    /** Appends raw bytes. */
    public PcapFileBuilder bytes(byte[] raw) {
        out.writeBytes(raw);
        return this;
    }
}

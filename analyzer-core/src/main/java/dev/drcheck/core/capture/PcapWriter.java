package dev.drcheck.core.capture;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes frames as a classic pcap file with nanosecond timestamps (magic {@code a1b23c4d}, little-endian, version
 * 2.4), the format {@link PcapReader}, tcpdump and Wireshark read. {@code drcheck live --write} saves the capture
 * with it so that {@code drcheck file} can analyse it again.
 */
public final class PcapWriter implements Closeable, Flushable {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final OutputStream out;
    private final int linkType;
    private final int snaplen;
    private final byte[] header = new byte[16];
    private long frames;

    /**
     * Starts a capture file on {@code out} (the global header is written at once).
     *
     * @param linkType the LINKTYPE_* value of every frame
     * @param snaplen the snap length to record; longer frames are cut to it
     */
    public PcapWriter(OutputStream out, int linkType, int snaplen) throws IOException {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        this.linkType = linkType;
        this.snaplen = snaplen;
        byte[] global = new byte[24];
        putInt(global, 0, CaptureMagic.PCAP_NANOSECONDS);
        putShort(global, 4, 2);
        putShort(global, 6, 4);
        putInt(global, 8, 0);  // thiszone
        putInt(global, 12, 0); // sigfigs
        putInt(global, 16, snaplen);
        putInt(global, 20, linkType);
        this.out.write(global);
    }

    /** Creates (or replaces) {@code file} and starts a capture in it. */
    public static PcapWriter create(Path file, int linkType, int snaplen) throws IOException {
        OutputStream stream = Files.newOutputStream(file);
        try {
            return new PcapWriter(stream, linkType, snaplen);
        } catch (IOException e) {
            stream.close();
            throw e;
        }
    }

    /**
     * Appends one frame, its bytes cut to the snap length.
     *
     * @throws IllegalArgumentException when the frame's link type is not the file's
     */
    public void write(CapturedFrame frame) throws IOException {
        if (frame.linkType != linkType) {
            throw new IllegalArgumentException(
                    "link type " + frame.linkType + " in a capture of link type " + linkType);
        }
        int length = Math.min(frame.capturedLength, snaplen);
        long seconds = Math.floorDiv(frame.timestampNanos, NANOS_PER_SECOND);
        long nanos = Math.floorMod(frame.timestampNanos, NANOS_PER_SECOND);
        putInt(header, 0, (int) seconds);
        putInt(header, 4, (int) nanos);
        putInt(header, 8, length);
        putInt(header, 12, Math.max(frame.originalLength, length));
        out.write(header);
        out.write(frame.data, frame.offset, length);
        frames++;
    }

    /** Frames written so far. */
    public long frames() {
        return frames;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private static void putInt(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >>> 8);
        b[at + 2] = (byte) (value >>> 16);
        b[at + 3] = (byte) (value >>> 24);
    }

    private static void putShort(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >>> 8);
    }
}

package dev.drcheck.core.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;

/**
 * The read window shared by the binary capture readers: one reused heap buffer filled from a blocking channel,
 * so records are read in place without allocating per frame, plus integer reads in the file's byte order.
 *
 * <p>{@link #position} is the first unconsumed byte and {@link #limit} one past the last byte read; a reader
 * consumes by advancing {@code position}. The buffer grows only up to the reader's largest record, so no length
 * field can drive an allocation beyond it.
 */
abstract class BufferedChannelReader {
    /** The input; the reader owns it. */
    final ReadableByteChannel channel;
    private final int maxRecordLength;

    /** The window's bytes. */
    byte[] buffer;
    private ByteBuffer bufferView;
    /** Index in {@link #buffer} of the first unconsumed byte. */
    int position;
    /** Index in {@link #buffer} one past the last byte read from the channel. */
    int limit;
    /** File offset of {@code buffer[0]}. */
    long bufferFileOffset;
    /** True once the channel reported its end. */
    boolean endOfInput;
    /** Byte order of the multi-byte fields being read. */
    boolean littleEndian;

    /**
     * @param channel a blocking channel
     * @param bufferSize the initial buffer size
     * @param maxRecordLength the largest record the reader ever asks for at once; the buffer never grows past it
     */
    BufferedChannelReader(ReadableByteChannel channel, int bufferSize, int maxRecordLength) {
        this.channel = channel;
        this.maxRecordLength = maxRecordLength;
        this.buffer = new byte[bufferSize];
        this.bufferView = ByteBuffer.wrap(buffer);
    }

    /** The name a capture file goes by in reports: its file name. */
    static String displayName(Path file) {
        Path fileName = file.getFileName();
        return fileName == null ? file.toString() : fileName.toString();
    }

    /** {@code value} as eight hex digits, for messages: {@code 0x0a0d0d0a}. */
    static String hex(int value) {
        return String.format("0x%08x", value);
    }

    /** Opening a source from a channel: the work that may fail once the channel is open. */
    @FunctionalInterface
    interface Opening<T> {
        T open() throws IOException;
    }

    /**
     * Runs {@code opening} and closes {@code channel} when it fails, so a source that could not be opened leaks
     * nothing; the source it returns owns the channel.
     */
    static <T> T closingOnFailure(ReadableByteChannel channel, Opening<T> opening) throws IOException {
        try {
            return opening.open();
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /**
     * Makes at least {@code needed} unconsumed bytes available from {@link #position}, compacting, growing and
     * refilling the buffer as required.
     *
     * @param needed bytes wanted; never more than the reader's largest record
     * @return false when the input ends first; the bytes present stay available
     */
    final boolean ensureAvailable(int needed) throws IOException {
        while (limit - position < needed) {
            if (endOfInput) {
                return false;
            }
            if (position + needed > buffer.length) {
                makeRoom(needed);
            }
            fill();
        }
        return true;
    }

    /**
     * Consumes {@code count} bytes without keeping them, refilling the buffer in place, so a long stretch (an
     * unknown pcapng block) is skipped without growing the buffer.
     *
     * @return false when the input ends first
     */
    final boolean skip(long count) throws IOException {
        long remaining = count;
        while (remaining > 0) {
            int present = limit - position;
            if (present > 0) {
                int taken = (int) Math.min(present, remaining);
                position += taken;
                remaining -= taken;
                continue;
            }
            if (endOfInput) {
                return false;
            }
            bufferFileOffset += position;
            position = 0;
            limit = 0;
            fill();
        }
        return true;
    }

    /** The file offset of buffer index {@code at}. */
    final long fileOffset(int at) {
        return bufferFileOffset + at;
    }

    final int readBigEndianInt(int at) {
        return (buffer[at] & 0xff) << 24 | (buffer[at + 1] & 0xff) << 16
                | (buffer[at + 2] & 0xff) << 8 | (buffer[at + 3] & 0xff);
    }

    final int readInt(int at) {
        int value = readBigEndianInt(at);
        return littleEndian ? Integer.reverseBytes(value) : value;
    }

    final long readUnsignedInt(int at) {
        return readInt(at) & 0xffff_ffffL;
    }

    final int readUnsignedShort(int at) {
        return littleEndian
                ? (buffer[at + 1] & 0xff) << 8 | (buffer[at] & 0xff)
                : (buffer[at] & 0xff) << 8 | (buffer[at + 1] & 0xff);
    }

    private void fill() throws IOException {
        bufferView.limit(buffer.length).position(limit);
        int read = channel.read(bufferView);
        if (read < 0) {
            endOfInput = true;
        } else {
            limit += read;
        }
    }

    private void makeRoom(int needed) {
        int remaining = limit - position;
        byte[] target = buffer;
        if (needed > buffer.length) {
            int grownSize = Math.min(Math.max(needed, buffer.length * 2), Math.max(needed, maxRecordLength));
            target = new byte[grownSize];
        }
        System.arraycopy(buffer, position, target, 0, remaining);
        if (target != buffer) {
            buffer = target;
            bufferView = ByteBuffer.wrap(target);
        }
        bufferFileOffset += position;
        position = 0;
        limit = remaining;
    }
}

package dev.drcheck.core.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Reads a classic pcap capture (not pcapng) in pure Java, without libpcap.
 *
 * <p>Accepts the microsecond ({@code a1b2c3d4}) and nanosecond ({@code a1b23c4d}) magic numbers in either byte
 * order, with pcap format version 2.x. Records are read into one reused heap buffer and handed out as
 * {@link CapturedFrame} cursors into it, so reading allocates nothing per frame. A record larger than the buffer
 * grows it, up to one maximal record ({@value #MAX_CAPTURED_LENGTH} bytes plus its header); a record header
 * claiming more than that is treated as damage, never as an allocation size.
 *
 * <p>Damage inside the capture (a corrupt record header, a file cut inside a record) ends the stream and is
 * reported by {@link #damage()}; every frame before it is delivered normally.
 *
 * <p>The reader expects a blocking channel and owns it: {@link #close()} closes it, and so does a failed open.
 */
public final class PcapReader implements FrameSource {
    /** Largest captured length accepted in a record header (libpcap's maximum snap length). */
    public static final int MAX_CAPTURED_LENGTH = 262_144;

    static final int DEFAULT_BUFFER_SIZE = 4 * 1024 * 1024;
    static final int FILE_HEADER_LENGTH = 24;
    static final int RECORD_HEADER_LENGTH = 16;

    private static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;
    private static final int MAGIC_MICROSECONDS_SWAPPED = 0xd4c3b2a1;
    private static final int MAGIC_NANOSECONDS = 0xa1b23c4d;
    private static final int MAGIC_NANOSECONDS_SWAPPED = 0x4d3cb2a1;
    private static final int MAGIC_PCAPNG = 0x0a0d0d0a;
    private static final int SUPPORTED_MAJOR_VERSION = 2;
    private static final int MAX_RECORD_LENGTH = RECORD_HEADER_LENGTH + MAX_CAPTURED_LENGTH;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MICROSECOND = 1_000L;

    private final ReadableByteChannel channel;
    private final String name;

    private byte[] buffer;
    private ByteBuffer bufferView;
    /** Index in {@link #buffer} of the first unconsumed byte. */
    private int position;
    /** Index in {@link #buffer} one past the last byte read from the channel. */
    private int limit;
    /** File offset of {@code buffer[0]}. */
    private long bufferFileOffset;
    private boolean endOfInput;

    private boolean littleEndian;
    private long nanosPerFraction;
    private int linkType;

    private long frameNumber;
    private boolean finished;
    private CaptureDamage damage;

    private PcapReader(ReadableByteChannel channel, String name, int bufferSize) {
        this.channel = channel;
        this.name = name;
        this.buffer = new byte[bufferSize];
        this.bufferView = ByteBuffer.wrap(buffer);
    }

    /**
     * Opens a pcap file and reads its file header.
     *
     * @throws CaptureFormatException when the file is not a readable pcap capture
     * @throws IOException            when the file cannot be opened or read
     */
    public static PcapReader open(Path file) throws IOException {
        Path fileName = file.getFileName();
        String displayName = fileName == null ? file.toString() : fileName.toString();
        return open(FileChannel.open(file, StandardOpenOption.READ), displayName);
    }

    /**
     * Reads a pcap capture from a channel, such as standard input or a decompressing stream, and reads its file
     * header. The reader takes ownership of the channel.
     *
     * @param channel     a blocking channel positioned at the start of the capture
     * @param displayName the name used in reports, such as the file name
     * @throws CaptureFormatException when the input is not a readable pcap capture
     * @throws IOException            when reading fails
     */
    public static PcapReader open(ReadableByteChannel channel, String displayName) throws IOException {
        return open(channel, displayName, DEFAULT_BUFFER_SIZE);
    }

    /** As {@link #open(ReadableByteChannel, String)} with a chosen initial buffer size; for tests. */
    static PcapReader open(ReadableByteChannel channel, String displayName, int initialBufferSize)
            throws IOException {
        PcapReader reader = new PcapReader(channel, displayName, initialBufferSize);
        try {
            reader.readFileHeader();
            return reader;
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    private void readFileHeader() throws IOException {
        boolean complete = ensureAvailable(FILE_HEADER_LENGTH);
        int present = limit - position;
        if (present == 0) {
            throw new CaptureFormatException(
                    "empty file: 0 bytes (expected: a pcap file header of " + FILE_HEADER_LENGTH + " bytes)");
        }
        if (present >= Integer.BYTES) {
            checkMagic(readBigEndianInt(position));
        }
        if (!complete) {
            throw new CaptureFormatException("short pcap file header: " + present + " bytes (expected: a pcap file"
                    + " header of " + FILE_HEADER_LENGTH + " bytes)");
        }
        int majorVersion = readUnsignedShort(position + 4);
        int minorVersion = readUnsignedShort(position + 6);
        if (majorVersion != SUPPORTED_MAJOR_VERSION) {
            throw new CaptureFormatException("unsupported pcap version: " + majorVersion + "." + minorVersion
                    + " (expected: " + SUPPORTED_MAJOR_VERSION + ".x)");
        }
        int headerLinkType = readInt(position + 20) & 0xffff;
        if (!LinkType.isSupported(headerLinkType)) {
            throw new CaptureFormatException("unsupported link type: " + LinkType.describe(headerLinkType)
                    + " (expected: " + LinkType.describe(LinkType.ETHERNET) + ")");
        }
        linkType = headerLinkType;
        position += FILE_HEADER_LENGTH;
    }

    private void checkMagic(int magic) throws CaptureFormatException {
        switch (magic) {
            case MAGIC_MICROSECONDS -> setFormat(false, NANOS_PER_MICROSECOND);
            case MAGIC_MICROSECONDS_SWAPPED -> setFormat(true, NANOS_PER_MICROSECOND);
            case MAGIC_NANOSECONDS -> setFormat(false, 1);
            case MAGIC_NANOSECONDS_SWAPPED -> setFormat(true, 1);
            case MAGIC_PCAPNG -> throw new CaptureFormatException("not a pcap capture: magic " + hex(magic)
                    + " is pcapng, which PcapngReader reads (expected: a1b2c3d4 or a1b23c4d in either byte order)");
            default -> throw new CaptureFormatException("not a pcap capture: magic " + hex(magic)
                    + " (expected: a1b2c3d4 or a1b23c4d in either byte order)");
        }
    }

    private void setFormat(boolean littleEndian, long nanosPerFraction) {
        this.littleEndian = littleEndian;
        this.nanosPerFraction = nanosPerFraction;
    }

    private static String hex(int value) {
        return String.format("0x%08x", value);
    }

    @Override
    public boolean next(CapturedFrame frame) throws IOException {
        if (finished) {
            return false;
        }
        long number = frameNumber + 1;
        if (!ensureAvailable(RECORD_HEADER_LENGTH)) {
            int present = limit - position;
            if (present == 0) {
                finished = true;
                return false;
            }
            return stop("capture ends inside the record header of frame " + number + ": header needs "
                    + RECORD_HEADER_LENGTH + " bytes, " + present + " present (expected: a complete record header)");
        }
        int header = position;
        long capturedLength = readUnsignedInt(header + 8);
        if (capturedLength > MAX_CAPTURED_LENGTH) {
            return stop("record header of frame " + number + " is corrupt: caplen " + capturedLength
                    + " (expected: at most " + MAX_CAPTURED_LENGTH + ")");
        }
        int recordLength = RECORD_HEADER_LENGTH + (int) capturedLength;
        if (!ensureAvailable(recordLength)) {
            return stop("capture ends inside frame " + number + ": record needs " + recordLength + " bytes, "
                    + (limit - position) + " present (expected: a complete record)");
        }
        header = position;
        long seconds = readUnsignedInt(header);
        long fraction = readUnsignedInt(header + 4);
        long originalLength = Math.max(readUnsignedInt(header + 12), capturedLength);
        frameNumber = number;
        frame.set(number, seconds * NANOS_PER_SECOND + fraction * nanosPerFraction, linkType, buffer,
                header + RECORD_HEADER_LENGTH, (int) capturedLength, (int) Math.min(originalLength, Integer.MAX_VALUE));
        position += recordLength;
        return true;
    }

    private boolean stop(String description) {
        damage = new CaptureDamage(frameNumber, bufferFileOffset + position, description);
        finished = true;
        return false;
    }

    /**
     * Makes at least {@code needed} unconsumed bytes available from {@link #position}, compacting, growing and
     * refilling the buffer as required.
     *
     * @param needed bytes wanted; callers never ask for more than one maximal record
     * @return false when the input ends first; the bytes present stay available
     */
    private boolean ensureAvailable(int needed) throws IOException {
        while (limit - position < needed) {
            if (endOfInput) {
                return false;
            }
            if (position + needed > buffer.length) {
                makeRoom(needed);
            }
            bufferView.limit(buffer.length).position(limit);
            int read = channel.read(bufferView);
            if (read < 0) {
                endOfInput = true;
            } else {
                limit += read;
            }
        }
        return true;
    }

    private void makeRoom(int needed) {
        int remaining = limit - position;
        byte[] target = buffer;
        if (needed > buffer.length) {
            int grownSize = Math.min(Math.max(needed, buffer.length * 2), Math.max(needed, MAX_RECORD_LENGTH));
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

    private int readBigEndianInt(int at) {
        return (buffer[at] & 0xff) << 24 | (buffer[at + 1] & 0xff) << 16
                | (buffer[at + 2] & 0xff) << 8 | (buffer[at + 3] & 0xff);
    }

    private int readInt(int at) {
        if (!littleEndian) {
            return readBigEndianInt(at);
        }
        return (buffer[at + 3] & 0xff) << 24 | (buffer[at + 2] & 0xff) << 16
                | (buffer[at + 1] & 0xff) << 8 | (buffer[at] & 0xff);
    }

    private long readUnsignedInt(int at) {
        return readInt(at) & 0xffff_ffffL;
    }

    private int readUnsignedShort(int at) {
        return littleEndian
                ? (buffer[at + 1] & 0xff) << 8 | (buffer[at] & 0xff)
                : (buffer[at] & 0xff) << 8 | (buffer[at + 1] & 0xff);
    }

    /** The link type from the file header, a LINKTYPE_* value from {@link LinkType}. */
    public int linkType() {
        return linkType;
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

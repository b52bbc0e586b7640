package dev.drcheck.core.capture;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
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
 * <p>A corrupt record header (a captured length above the snap length or above {@value #MAX_CAPTURED_LENGTH}, or
 * a record running past the end of the file) is followed by a bounded forward scan, byte by byte, for the next
 * plausible record header: captured length at most the snap length and at most the original length, original
 * length at most {@value #MAX_ORIGINAL_LENGTH}, a valid sub-second fraction, a timestamp within
 * {@value #RESYNC_MAX_SECONDS_APART} s of the last intact frame, and a second plausible header right after it (or
 * the exact end of the file). The scan looks at most {@value #RESYNC_WINDOW} bytes past the damage. When it finds
 * one, the damaged bytes are listed in {@link #skippedRanges()} (frames lost unknown) and reading goes on;
 * otherwise the damage ends the stream and is reported by {@link #damage()}. Every frame before the damage is
 * delivered normally. Classic pcap has no sync marker, so the scan is a heuristic: records inside the damaged
 * range are lost, and a payload that happens to look like two chained headers would be taken for one.
 *
 * <p>The reader expects a blocking channel and owns it: {@link #close()} closes it, and so does a failed open.
 */
public final class PcapReader extends BufferedChannelReader implements FrameSource {
    /** Largest captured length accepted in a record header (libpcap's maximum snap length). */
    public static final int MAX_CAPTURED_LENGTH = 262_144;

    /** Bytes past a corrupt record header that the resynchronising scan looks at, at most. */
    public static final int RESYNC_WINDOW = 1024 * 1024;
    /** Largest original length a record header found by the resynchronising scan may claim. */
    static final long MAX_ORIGINAL_LENGTH = 1024 * 1024;
    /** Most seconds a record found by the resynchronising scan may lie from the last intact frame. */
    static final long RESYNC_MAX_SECONDS_APART = 3600;

    static final int DEFAULT_BUFFER_SIZE = 4 * 1024 * 1024;
    static final int FILE_HEADER_LENGTH = 24;
    static final int RECORD_HEADER_LENGTH = 16;

    private static final int SUPPORTED_MAJOR_VERSION = 2;
    private static final int MAX_RECORD_LENGTH = RECORD_HEADER_LENGTH + MAX_CAPTURED_LENGTH;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MICROSECOND = 1_000L;

    private final String name;
    private long nanosPerFraction;
    private int linkType;
    /** Snap length from the file header when it is usable (1 to the maximum), else the maximum. */
    private long snapLength = MAX_CAPTURED_LENGTH;

    /** Seconds field of the last intact record, for the resynchronising scan; -1 before the first. */
    private long lastSeconds = -1;
    private final SkippedRangeLog skipped = new SkippedRangeLog();

    private long frameNumber;
    private boolean finished;
    private CaptureDamage damage;

    private PcapReader(ReadableByteChannel channel, String name, int bufferSize) {
        super(channel, bufferSize, MAX_RECORD_LENGTH);
        this.name = name;
    }

    /**
     * Opens a pcap file and reads its file header.
     *
     * @throws CaptureFormatException when the file is not a readable pcap capture
     * @throws IOException            when the file cannot be opened or read
     */
    public static PcapReader open(Path file) throws IOException {
        return open(FileChannel.open(file, StandardOpenOption.READ), displayName(file));
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
        return closingOnFailure(channel, () -> {
            PcapReader reader = new PcapReader(channel, displayName, initialBufferSize);
            reader.readFileHeader();
            return reader;
        });
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
                    + " (expected: " + LinkType.SUPPORTED + ")");
        }
        linkType = headerLinkType;
        long headerSnapLength = readUnsignedInt(position + 16);
        if (headerSnapLength > 0 && headerSnapLength < MAX_CAPTURED_LENGTH) {
            snapLength = headerSnapLength;
        }
        position += FILE_HEADER_LENGTH;
    }

    private void checkMagic(int magic) throws CaptureFormatException {
        switch (magic) {
            case CaptureMagic.PCAP_MICROSECONDS -> setFormat(false, NANOS_PER_MICROSECOND);
            case CaptureMagic.PCAP_MICROSECONDS_SWAPPED -> setFormat(true, NANOS_PER_MICROSECOND);
            case CaptureMagic.PCAP_NANOSECONDS -> setFormat(false, 1);
            case CaptureMagic.PCAP_NANOSECONDS_SWAPPED -> setFormat(true, 1);
            case CaptureMagic.PCAPNG_SECTION_HEADER -> throw new CaptureFormatException("not a pcap capture: magic "
                    + hex(magic) + " is pcapng, which PcapngReader reads"
                    + " (expected: a1b2c3d4 or a1b23c4d in either byte order)");
            default -> throw new CaptureFormatException("not a pcap capture: magic " + hex(magic)
                    + " (expected: a1b2c3d4 or a1b23c4d in either byte order)");
        }
    }

    private void setFormat(boolean littleEndian, long nanosPerFraction) {
        this.littleEndian = littleEndian;
        this.nanosPerFraction = nanosPerFraction;
    }

    @Override
    public boolean next(CapturedFrame frame) throws IOException {
        while (!finished) {
            long number = frameNumber + 1;
            if (!ensureAvailable(RECORD_HEADER_LENGTH)) {
                int present = limit - position;
                if (present == 0) {
                    finished = true;
                    return false;
                }
                return stop("capture ends inside the record header of frame " + number + ": header needs "
                        + RECORD_HEADER_LENGTH + " bytes, " + present
                        + " present (expected: a complete record header)");
            }
            int header = position;
            long capturedLength = readUnsignedInt(header + 8);
            if (capturedLength > MAX_CAPTURED_LENGTH) {
                resynchronise("record header of frame " + number + " is corrupt: caplen " + capturedLength
                        + " (expected: at most " + MAX_CAPTURED_LENGTH + ")");
                continue;
            }
            if (capturedLength > snapLength) {
                resynchronise("record header of frame " + number + " is corrupt: caplen " + capturedLength
                        + " (expected: at most " + snapLength + ", the snap length)");
                continue;
            }
            int recordLength = RECORD_HEADER_LENGTH + (int) capturedLength;
            if (!ensureAvailable(recordLength)) {
                resynchronise("capture ends inside frame " + number + ": record needs " + recordLength
                        + " bytes, " + (limit - position) + " present (expected: a complete record)");
                continue;
            }
            header = position;
            long seconds = readUnsignedInt(header);
            long fraction = readUnsignedInt(header + 4);
            long originalLength = Math.max(readUnsignedInt(header + 12), capturedLength);
            frameNumber = number;
            lastSeconds = seconds;
            frame.set(number, seconds * NANOS_PER_SECOND + fraction * nanosPerFraction, linkType, buffer,
                    header + RECORD_HEADER_LENGTH, (int) capturedLength,
                    (int) Math.min(originalLength, Integer.MAX_VALUE));
            position += recordLength;
            return true;
        }
        return false;
    }

    /**
     * Called with {@link #position} at a corrupt record header: scans forward at most {@link #RESYNC_WINDOW}
     * bytes for the next plausible one. When found, records the skipped range and leaves {@link #position} there;
     * otherwise stops with {@code description} as damage at the corrupt header.
     */
    private void resynchronise(String description) throws IOException {
        long from = fileOffset(position);
        int damagedPosition = position;
        long damagedBufferOffset = bufferFileOffset;
        for (int distance = 1; distance <= RESYNC_WINDOW; distance++) {
            position++;
            if (!ensureAvailable(RECORD_HEADER_LENGTH)) {
                break;
            }
            if (plausibleAt(position)) {
                long to = fileOffset(position);
                skipped.add(new SkippedRange(frameNumber, from, to, SkippedRange.UNKNOWN_FRAMES_LOST, description
                        + "; skipped " + (to - from) + " bytes to the next plausible record header"));
                return;
            }
        }
        // Nothing plausible: report the damage where it started. The offset is kept from before the scan, which
        // may have moved the buffer.
        damage = new CaptureDamage(frameNumber, damagedBufferOffset + damagedPosition, description);
        finished = true;
    }

    /**
     * True when a record header at buffer index {@code at} (16 bytes available) is plausible and is followed by
     * another plausible header or by the exact end of the input. May move the buffer: only {@link #position}
     * stays valid.
     */
    private boolean plausibleAt(int at) throws IOException {
        if (!plausibleHeader(at, lastSeconds)) {
            return false;
        }
        long seconds = readUnsignedInt(at);
        int recordLength = RECORD_HEADER_LENGTH + (int) readUnsignedInt(at + 8);
        if (!ensureAvailable(recordLength + RECORD_HEADER_LENGTH)) {
            return limit - position == recordLength;
        }
        return plausibleHeader(position + recordLength, seconds);
    }

    /** The fields of a record header at buffer index {@code at} are consistent and its time is near {@code near}. */
    private boolean plausibleHeader(int at, long nearSeconds) {
        long capturedLength = readUnsignedInt(at + 8);
        long originalLength = readUnsignedInt(at + 12);
        if (capturedLength > snapLength || originalLength < capturedLength || originalLength == 0
                || originalLength > MAX_ORIGINAL_LENGTH) {
            return false;
        }
        if (readUnsignedInt(at + 4) * nanosPerFraction >= NANOS_PER_SECOND) {
            return false;
        }
        return nearSeconds < 0 || Math.abs(readUnsignedInt(at) - nearSeconds) <= RESYNC_MAX_SECONDS_APART;
    }

    private boolean stop(String description) {
        damage = new CaptureDamage(frameNumber, fileOffset(position), description);
        finished = true;
        return false;
    }

    /** The link type from the file header, a LINKTYPE_* value from {@link LinkType}. */
    public int linkType() {
        return linkType;
    }

    @Override
    public List<SkippedRange> skippedRanges() {
        return skipped.ranges();
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

package dev.drcheck.core.capture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Opens a capture in whatever format it is, detected by its content, never by its name.
 *
 * <p>The first bytes are peeked and replayed to the chosen reader: classic pcap (either magic, either byte order)
 * goes to {@link PcapReader}, pcapng to {@link PcapngReader}. A gzip stream is decompressed and its content
 * detected again (one level only). Anything else is a {@link CaptureFormatException} saying what the input looks
 * like: empty, a directory, text, or binary starting with given bytes.
 *
 * <p>A gzip stream that ends early or is corrupt is damage, not an exception: the frames before it are delivered,
 * and the returned source's {@link FrameSource#damage()} says what happened to the gzip stream (its byte offset
 * counts decompressed bytes).
 */
public final class CaptureOpener {
    /** Bytes peeked to tell text from binary when the magic is not a capture's. */
    static final int PEEK_LENGTH = 512;

    private static final int MAGIC_LENGTH = 4;
    private static final String EXPECTED_FORMATS = "pcap, pcapng or gzip";

    /** What the first bytes of an input say it is. */
    enum Format {
        PCAP, PCAPNG, GZIP, TEXT, EMPTY, OTHER
    }

    private CaptureOpener() {
    }

    /**
     * Opens a capture file.
     *
     * @throws CaptureFormatException when the file is not a capture drcheck can read, or is a directory
     * @throws IOException            when the file cannot be opened or read
     */
    public static FrameSource open(Path file) throws IOException {
        return open(file, null);
    }

    /**
     * Opens a capture file and hands the open file channel to {@code opened} before reading, so a caller can
     * follow how far reading got ({@link FileChannel#position()} against {@link FileChannel#size()}).
     *
     * @param opened receives the channel, or null
     * @throws CaptureFormatException when the file is not a capture drcheck can read, or is a directory
     * @throws IOException            when the file cannot be opened or read
     */
    public static FrameSource open(Path file, Consumer<FileChannel> opened) throws IOException {
        if (Files.isDirectory(file)) {
            throw new CaptureFormatException("is a directory (expected: a capture file)");
        }
        String displayName = BufferedChannelReader.displayName(file);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        if (opened != null) {
            opened.accept(channel);
        }
        return open(channel, displayName);
    }

    /**
     * Reads a capture from a stream, such as standard input for {@code -}. The source takes ownership of the stream.
     *
     * @param name the name used in reports
     * @throws CaptureFormatException when the stream is not a capture drcheck can read
     * @throws IOException            when reading fails
     */
    public static FrameSource open(InputStream in, String name) throws IOException {
        return open(Channels.newChannel(in), name);
    }

    /** Reads a capture from a blocking channel and takes ownership of it; it is closed when opening fails. */
    static FrameSource open(ReadableByteChannel channel, String name) throws IOException {
        return BufferedChannelReader.closingOnFailure(channel, () -> openDetected(channel, name, true));
    }

    private static FrameSource openDetected(ReadableByteChannel channel, String name, boolean gzipAllowed)
            throws IOException {
        ReplayChannel input = new ReplayChannel(channel);
        input.fill(MAGIC_LENGTH);
        Format format = detect(input.prefix(), input.prefixLength());
        if (format == Format.TEXT || format == Format.OTHER) {
            input.fill(PEEK_LENGTH);
            format = detect(input.prefix(), input.prefixLength());
        }
        return switch (format) {
            case PCAP -> PcapReader.open(input, name);
            case PCAPNG -> PcapngReader.open(input, name);
            case GZIP -> {
                if (!gzipAllowed) {
                    throw new CaptureFormatException("not a capture: gzip inside gzip (expected: " + "pcap or pcapng"
                            + " inside one level of gzip)");
                }
                yield openGzip(input, name);
            }
            case TEXT -> openText(input, name);
            case EMPTY -> throw new CaptureFormatException(
                    "empty file: 0 bytes (expected: a " + EXPECTED_FORMATS + " capture)");
            case OTHER -> throw new CaptureFormatException("not a capture: starts with "
                    + hexBytes(input.prefix(), Math.min(MAGIC_LENGTH, input.prefixLength()))
                    + " (expected: " + EXPECTED_FORMATS + ")");
        };
    }

    /**
     * Opens text as {@code tcpdump -nn -e} output. It must show at least one packet drcheck understands;
     * reading stops at the first one, which the returned source then hands out first.
     */
    private static FrameSource openText(ReadableByteChannel input, String name) throws IOException {
        TcpdumpTextReader reader = TcpdumpTextReader.open(new BufferedReader(
                Channels.newReader(input, StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE), -1)), name);
        CapturedFrame first = new CapturedFrame();
        if (!reader.next(first)) {
            reader.close();
            long lines = reader.linesNotUnderstood();
            throw new CaptureFormatException("text file, not tcpdump output: " + lines
                    + (lines == 1 ? " line" : " lines")
                    + ", none a packet line drcheck understands (expected: the output of tcpdump -nn -e)");
        }
        return new FirstFrameAhead(reader, first);
    }

    private static FrameSource openGzip(ReadableByteChannel compressed, String name) throws IOException {
        GzipChannel gzip = GzipChannel.open(compressed);
        FrameSource inner;
        try {
            inner = openDetected(gzip, name, false);
        } catch (IOException | RuntimeException e) {
            try {
                gzip.close();
            } catch (IOException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            Optional<String> cut = gzip.damage();
            if (e instanceof CaptureFormatException && cut.isPresent()) {
                throw new CaptureFormatException(cut.get() + "; " + e.getMessage());
            }
            throw e;
        }
        return new GzipFrameSource(inner, gzip);
    }

    /** Tells the format from the first {@code length} bytes of an input. */
    static Format detect(byte[] prefix, int length) {
        if (length == 0) {
            return Format.EMPTY;
        }
        if (length >= 2 && ((prefix[0] & 0xff) << 8 | (prefix[1] & 0xff)) == CaptureMagic.GZIP) {
            return Format.GZIP;
        }
        if (length >= MAGIC_LENGTH) {
            int magic = (prefix[0] & 0xff) << 24 | (prefix[1] & 0xff) << 16 | (prefix[2] & 0xff) << 8
                    | (prefix[3] & 0xff);
            if (CaptureMagic.isPcap(magic)) {
                return Format.PCAP;
            }
            if (magic == CaptureMagic.PCAPNG_SECTION_HEADER) {
                return Format.PCAPNG;
            }
        }
        return isText(prefix, length) ? Format.TEXT : Format.OTHER;
    }

    /** True when the bytes are UTF-8 text (a sequence cut at the end allowed) without control characters. */
    private static boolean isText(byte[] prefix, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = CharBuffer.allocate(length);
        CoderResult result = decoder.decode(ByteBuffer.wrap(prefix, 0, length), chars, false);
        if (result.isError()) {
            return false;
        }
        chars.flip();
        while (chars.hasRemaining()) {
            char c = chars.get();
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static String hexBytes(byte[] bytes, int length) {
        StringBuilder text = new StringBuilder("0x");
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(String.format("%02x", bytes[i] & 0xff));
        }
        return text.toString();
    }
}

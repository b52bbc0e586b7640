package dev.drcheck.core.capture;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Decompresses a gzip stream. A stream that ends early or is corrupt ends this channel (end of stream) and is
 * recorded in {@link #damage()}, instead of escaping as an exception.
 */
final class GzipChannel implements ReadableByteChannel {
    private static final int GZIP_BUFFER_SIZE = 64 * 1024;

    private final GZIPInputStream in;
    private long delivered;
    private String damage;
    private boolean ended;
    private boolean open = true;
    private byte[] transfer;

    private GzipChannel(GZIPInputStream in) {
        this.in = in;
    }

    /** Reads the gzip header from {@code compressed}; the channel owns {@code compressed} once this returns. */
    static GzipChannel open(ReadableByteChannel compressed) throws IOException {
        try {
            return new GzipChannel(new GZIPInputStream(Channels.newInputStream(compressed), GZIP_BUFFER_SIZE));
        } catch (EOFException e) {
            throw new CaptureFormatException(
                    "gzip stream ends inside its header: 0 bytes decompressed (expected: a complete gzip member)");
        } catch (ZipException e) {
            throw new CaptureFormatException("corrupt gzip header: " + e.getMessage()
                    + " (expected: a valid gzip member)");
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (ended) {
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        try {
            int count;
            if (dst.hasArray()) {
                count = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
                if (count > 0) {
                    dst.position(dst.position() + count);
                }
            } else {
                if (transfer == null) {
                    transfer = new byte[GZIP_BUFFER_SIZE];
                }
                count = in.read(transfer, 0, Math.min(transfer.length, dst.remaining()));
                if (count > 0) {
                    dst.put(transfer, 0, count);
                }
            }
            if (count < 0) {
                ended = true;
            } else {
                delivered += count;
            }
            return count;
        } catch (EOFException e) {
            return end("gzip stream ends early after " + delivered + " bytes (expected: a complete gzip member)");
        } catch (ZipException e) {
            return end("corrupt gzip stream after " + delivered + " bytes: " + e.getMessage()
                    + " (expected: valid gzip data)");
        }
    }

    private int end(String description) {
        damage = description;
        ended = true;
        return -1;
    }

    /** What ended the gzip stream early, if anything did. */
    Optional<String> damage() {
        return Optional.ofNullable(damage);
    }

    /** Decompressed bytes handed out so far. */
    long delivered() {
        return delivered;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        open = false;
        in.close();
    }
}

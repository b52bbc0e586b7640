package dev.drcheck.core.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/** A channel that first replays the bytes peeked from its delegate, then reads the delegate. */
final class ReplayChannel implements ReadableByteChannel {
    private final ReadableByteChannel delegate;
    private final byte[] prefix = new byte[CaptureOpener.PEEK_LENGTH];
    private int prefixLength;
    private int replayed;
    private boolean delegateEnded;

    ReplayChannel(ReadableByteChannel delegate) {
        this.delegate = delegate;
    }

    /** Peeks until {@code wanted} bytes are held or the delegate ends; only before the first read. */
    void fill(int wanted) throws IOException {
        if (wanted <= prefixLength) {
            return;
        }
        ByteBuffer target = ByteBuffer.wrap(prefix, prefixLength, Math.min(wanted, prefix.length) - prefixLength);
        while (target.hasRemaining() && !delegateEnded) {
            if (delegate.read(target) < 0) {
                delegateEnded = true;
            }
        }
        prefixLength = target.position();
    }

    byte[] prefix() {
        return prefix;
    }

    int prefixLength() {
        return prefixLength;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (replayed < prefixLength) {
            int count = Math.min(prefixLength - replayed, dst.remaining());
            dst.put(prefix, replayed, count);
            replayed += count;
            return count;
        }
        return delegateEnded ? -1 : delegate.read(dst);
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}

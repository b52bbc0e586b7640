package dev.drcheck.core.capture;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The reader of a gzip stream's content. Its damage is the reader's, prefixed by what happened to the gzip
 * stream when that ended early; when only the gzip stream was damaged (it ended between frames), that alone.
 */
final class GzipFrameSource implements FrameSource {
    private final FrameSource inner;
    private final GzipChannel gzip;
    private long lastFrameNumber;

    GzipFrameSource(FrameSource inner, GzipChannel gzip) {
        this.inner = inner;
        this.gzip = gzip;
    }

    @Override
    public boolean next(CapturedFrame frame) throws IOException {
        if (inner.next(frame)) {
            lastFrameNumber = frame.frameNumber;
            return true;
        }
        return false;
    }

    @Override
    public Optional<CaptureDamage> damage() {
        Optional<CaptureDamage> innerDamage = inner.damage();
        Optional<String> cut = gzip.damage();
        if (cut.isEmpty()) {
            return innerDamage;
        }
        if (innerDamage.isEmpty()) {
            return Optional.of(new CaptureDamage(lastFrameNumber, gzip.delivered(), cut.get()));
        }
        CaptureDamage damage = innerDamage.get();
        return Optional.of(new CaptureDamage(damage.afterFrame(), damage.byteOffset(),
                cut.get() + "; " + damage.description()));
    }

    @Override
    public List<String> notes() {
        return inner.notes();
    }

    @Override
    public List<SkippedRange> skippedRanges() {
        return inner.skippedRanges();
    }

    @Override
    public List<CaptureLoss> losses() {
        return inner.losses();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}

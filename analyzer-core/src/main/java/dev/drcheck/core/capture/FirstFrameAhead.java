package dev.drcheck.core.capture;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** A source whose first frame was already read (to recognise the format); it is handed out first. */
final class FirstFrameAhead implements FrameSource {
    private final FrameSource delegate;
    private final CapturedFrame first;
    private boolean firstPending = true;

    FirstFrameAhead(FrameSource delegate, CapturedFrame first) {
        this.delegate = delegate;
        this.first = first;
    }

    @Override
    public boolean next(CapturedFrame frame) throws IOException {
        if (firstPending) {
            firstPending = false;
            frame.set(first.frameNumber, first.timestampNanos, first.linkType, first.data, first.offset,
                    first.capturedLength, first.originalLength);
            frame.interfaceName = first.interfaceName;
            return true;
        }
        return delegate.next(frame);
    }

    @Override
    public Optional<CaptureDamage> damage() {
        return delegate.damage();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public List<String> notes() {
        return delegate.notes();
    }

    @Override
    public List<SkippedRange> skippedRanges() {
        return delegate.skippedRanges();
    }

    @Override
    public List<CaptureLoss> losses() {
        return delegate.losses();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}

package dev.drcheck.core.capture;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * A capture that goes on while it is read: a live interface. Besides the pull-style {@link #next} of every
 * {@link FrameSource}, it hands frames over in batches ({@link #poll}) that wait at most a short read timeout,
 * so the caller stays responsive (status lines, deadlines, Ctrl-C) when no traffic arrives.
 *
 * <p>A live source is used by one thread; only {@link #wakeUp()} may be called from another.
 */
public interface LiveFrameSource extends FrameSource {

    /**
     * Hands every frame that arrives within about the read timeout to {@code handler}, one {@link CapturedFrame}
     * reused for all of them (valid only during the call), numbered from 1 over the whole capture.
     *
     * @return how many frames were handed over; 0 after a timeout or a {@link #wakeUp()}
     * @throws LiveCaptureException when the capture cannot go on (the interface went down, ...)
     */
    int poll(Consumer<CapturedFrame> handler) throws IOException;

    /**
     * Stops waiting: a {@link #poll} in progress returns soon, later ones return without waiting, and
     * {@link #next} ends the stream. Safe to call from any thread, also a signal handler's.
     */
    void wakeUp();

    /** The packet statistics of the capture so far. */
    LiveStats stats();

    /** The LINKTYPE_* value of the frames. */
    int linkType();

    /** The snap length: the most bytes kept of one frame. */
    int snaplen();
}

package dev.drcheck.core.capture;

import java.io.Closeable;
import java.io.IOException;

/**
 * A capture that goes on while it is read: a live interface. It hands frames over in batches ({@link #poll}) that
 * wait at most a short read timeout, so the caller stays responsive (status lines, deadlines, Ctrl-C) when no
 * traffic arrives, and reports the frames its statistics say were lost as {@link CaptureLoss}es among them.
 *
 * <p>A live source is read by one thread; only {@link #stop()} and {@link #stats()} may be called from another.
 */
public interface LiveFrameSource extends Closeable {

    /**
     * Hands the frames and losses that arrive within about the read timeout to {@code sink}, one
     * {@link CapturedFrame} reused for all frames (valid only during the call), numbered from 1 over the whole
     * capture.
     *
     * @return how many frames were handed over; 0 after a timeout, or once {@link #stop() stopped} and everything
     *         captured was handed over
     * @throws LiveCaptureException when the capture cannot go on (the interface went down, ...)
     */
    int poll(CaptureSink sink) throws IOException;

    /**
     * Stops capturing: a {@link #poll} in progress returns soon, and later ones hand over what was captured before
     * the stop without waiting for more. Safe to call from any thread, also a signal handler's.
     */
    void stop();

    /** The packet statistics of the capture so far. */
    LiveStats stats();

    /** The LINKTYPE_* value of the frames. */
    int linkType();

    /** The snap length: the most bytes kept of one frame. */
    int snaplen();

    /** The interface's name, for reports. */
    String name();
}

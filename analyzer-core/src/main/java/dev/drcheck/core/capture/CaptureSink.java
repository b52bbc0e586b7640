package dev.drcheck.core.capture;

/**
 * Receives what a live capture hands over, in capture order: frames, and the losses its statistics reveal
 * between them.
 */
public interface CaptureSink {

    /** One frame; the instance and its bytes are reused, valid only during the call. */
    void onFrame(CapturedFrame frame);

    /**
     * Frames the capture lost. It is reported before any frame captured after {@link CaptureLoss#toNanos()}, and
     * possibly before frames captured earlier (losses are always newer than what the capture still buffers).
     */
    void onLoss(CaptureLoss loss);
}

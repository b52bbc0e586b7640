package dev.drcheck.core.frame;

/**
 * One frame that shows a finding.
 *
 * @param frame 1-based frame number within its capture, as Wireshark numbers frames
 *              ({@code tshark -Y frame.number==N})
 * @param timestampNanos capture time of the frame, nanoseconds since the epoch
 * @param source 0-based index of the capture it is in, among the captures analysed together
 */
public record Evidence(long frame, long timestampNanos, int source) {

    /** Evidence for a frame of the only capture analysed. */
    public Evidence(long frame, long timestampNanos) {
        this(frame, timestampNanos, 0);
    }

    /** Evidence for a frame reference as {@link FrameRef} packs it. */
    public static Evidence ofRef(long ref, long timestampNanos) {
        return new Evidence(FrameRef.frame(ref), timestampNanos, FrameRef.source(ref));
    }
}

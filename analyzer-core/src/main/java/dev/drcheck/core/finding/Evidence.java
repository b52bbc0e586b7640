package dev.drcheck.core.finding;

/**
 * One frame that shows a finding.
 *
 * @param frame 1-based frame number, as Wireshark numbers frames ({@code tshark -Y frame.number==N})
 * @param timestampNanos capture time of the frame, nanoseconds since the epoch
 */
public record Evidence(long frame, long timestampNanos) {
}

package dev.drcheck.core.track;

/**
 * An address claimed in ARP (a reply or gratuitous ARP) by a MAC other than the one that claimed it last.
 *
 * @param mac the new claimant
 * @param frame the claiming frame (a {@link dev.drcheck.core.frame.FrameRef})
 * @param timestampNanos its capture time
 * @param gratuitous true for gratuitous ARP (an announcement), false for a reply
 */
public record ClaimChange(long mac, long frame, long timestampNanos, boolean gratuitous) {
}

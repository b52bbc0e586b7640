package dev.drcheck.core.report;

/**
 * The host that answers ARP for a VIP now: the latest to claim it in an ARP reply or a gratuitous ARP.
 *
 * @param vip the VIP (IPv4, as an int)
 * @param mac the claimant's MAC
 * @param frame the frame reference ({@link dev.drcheck.core.frame.FrameRef}) of its latest claim
 * @param timestampNanos that frame's time
 */
public record VipOwner(int vip, long mac, long frame, long timestampNanos) {
}

package dev.drcheck.core.report;

import dev.drcheck.core.capture.CaptureDamage;
import dev.drcheck.core.capture.SkippedRange;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What was read: frame counts per layer, time span, decode anomalies and where reading stopped early.
 *
 * @param captureName the source's name (file name or interface)
 * @param frames frames read
 * @param arpFrames ARP frames
 * @param tcpFrames TCP/IPv4 frames
 * @param udpFrames UDP/IPv4 frames
 * @param icmpFrames ICMP/IPv4 frames
 * @param otherFrames frames of any other kind (IPv6, LLDP, ...)
 * @param firstTimestampNanos time of the first frame (0 when none)
 * @param lastTimestampNanos time of the last frame (0 when none)
 * @param tcpFlows TCP flows opened by a SYN
 * @param forwardedPairs frames seen both before and after a forwarding hop
 * @param anomalies decode anomalies by their id ({@code truncated_arp}), only those seen
 * @param damage where the capture stopped early, if it did
 * @param captures the names of the captures analysed together, indexed as evidence and frame references
 *                 ({@link dev.drcheck.core.frame.FrameRef}) number them
 * @param readerNotes what the readers want the user to know about the input, such as text lines they did not
 *                    understand; one line each
 * @param skippedRanges damaged ranges the readers stepped over to go on reading, in file order (merged captures:
 *                      each description starts with its capture's name)
 * @param tableLimits what the bounded tables had to drop because they were full, by what was dropped (e.g.
 *                    {@code "flows evicted"}); only the non-zero ones, so an empty map means nothing was lost
 * @param loss frames the capture lost, and what the checks left out because of it
 */
public record CaptureStats(String captureName, long frames, long arpFrames, long tcpFrames, long udpFrames,
                           long icmpFrames, long otherFrames, long firstTimestampNanos, long lastTimestampNanos,
                           long tcpFlows, long forwardedPairs, Map<String, Long> anomalies,
                           Optional<CaptureDamage> damage, List<String> captures, List<String> readerNotes,
                           List<SkippedRange> skippedRanges, Map<String, Long> tableLimits,
                           LossStats loss) {

    /** Copies the maps and the lists. */
    public CaptureStats {
        anomalies = Map.copyOf(anomalies);
        captures = List.copyOf(captures);
        readerNotes = List.copyOf(readerNotes);
        skippedRanges = List.copyOf(skippedRanges);
        tableLimits = Map.copyOf(tableLimits);
    }

    /** Statistics of a single capture named {@code captureName}. */
    public CaptureStats(String captureName, long frames, long arpFrames, long tcpFrames, long udpFrames,
                        long icmpFrames, long otherFrames, long firstTimestampNanos, long lastTimestampNanos,
                        long tcpFlows, long forwardedPairs, Map<String, Long> anomalies,
                        Optional<CaptureDamage> damage) {
        this(captureName, frames, arpFrames, tcpFrames, udpFrames, icmpFrames, otherFrames, firstTimestampNanos,
                lastTimestampNanos, tcpFlows, forwardedPairs, anomalies, damage, List.of(captureName), List.of(),
                List.of(), Map.of(), LossStats.NONE);
    }

    /** True when several captures were merged, so evidence must say which capture a frame is in. */
    public boolean isMerged() {
        return captures.size() > 1;
    }
}

package dev.drcheck.core.report;

import dev.drcheck.core.finding.Host;

/**
 * Handshake counts for one real server, over the client flows to a VIP that reached it.
 *
 * @param realServer the real server
 * @param flows client connections (SYNs) delivered to it
 * @param handshakesCompleted flows whose three-way handshake completed
 * @param synsUnanswered flows whose SYN was retransmitted and never answered
 * @param resets flows reset from the VIP by this server
 */
public record RealServerStats(Host realServer, long flows, long handshakesCompleted, long synsUnanswered,
                              long resets) {
}

package dev.drcheck.core.report;

import dev.drcheck.core.finding.Host;

/**
 * How the flows to one VIP service went on one real server: the per-real-server table of {@link RealServerStats},
 * split by the VIP and port the clients connected to.
 *
 * @param vip the VIP (IPv4, as an int)
 * @param port the service's port
 * @param realServer the real server the director delivered the flows to
 * @param flows client connections (SYNs) delivered to it
 * @param handshakesCompleted flows whose three-way handshake completed
 * @param synsUnanswered flows whose SYN was retransmitted and never answered
 * @param resets flows reset from the VIP by this server
 */
public record ServiceStats(int vip, int port, Host realServer, long flows, long handshakesCompleted,
                           long synsUnanswered, long resets) {
}

package dev.drcheck.core.topology;

import dev.drcheck.core.finding.Host;

/**
 * A real server: the MAC the director forwards to, and its own address (RIP) when ARP or traffic reveals it.
 *
 * @param host MAC and, when known, RIP
 * @param provenance how it was found
 */
public record RealServer(Host host, Provenance provenance) {
}

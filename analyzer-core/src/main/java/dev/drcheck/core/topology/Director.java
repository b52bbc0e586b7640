package dev.drcheck.core.topology;

/**
 * A director (load balancer) by its MAC.
 *
 * @param mac the MAC that owns the VIP and forwards to the real servers
 * @param provenance how it was found
 */
public record Director(long mac, Provenance provenance) {
}

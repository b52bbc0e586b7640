package dev.drcheck.core.config;

import dev.drcheck.core.net.Ipv4;

/**
 * One real server of a virtual service as configured.
 *
 * @param ip its address (RIP)
 * @param port its port
 * @param weight its weight (0: quiesced, receives no new connections)
 * @param method how the director forwards to it
 * @param healthCheck what the file says about a health check for it
 * @param line the line of the file that declares it
 */
public record ConfiguredRealServer(int ip, int port, int weight, ForwardingMethod method, HealthCheck healthCheck,
                                   int line) {

    /** What a configuration file shows about a real server's health check. */
    public enum HealthCheck {
        /** The format cannot show it ({@code ipvsadm} output: health checks live in another tool). */
        UNKNOWN,
        /** keepalived.conf has no check block for it. */
        NONE,
        /** keepalived.conf has a check block (TCP_CHECK, HTTP_GET, ...) for it. */
        CONFIGURED
    }

    /** {@code 192.0.2.11:80}. */
    public String address() {
        return Ipv4.format(ip) + ":" + port;
    }
}

package dev.drcheck.core.topology;

import java.util.List;

/**
 * A virtual IP and the service ports seen or given for it.
 *
 * @param ip the VIP
 * @param ports service ports, ascending; empty means any port
 * @param provenance how it was found
 */
public record Vip(int ip, List<Integer> ports, Provenance provenance) {

    /** Copies the port list. */
    public Vip {
        ports = List.copyOf(ports);
    }

    /** True when {@code port} is one of this VIP's service ports (or no ports are known). */
    public boolean servesPort(int port) {
        return ports.isEmpty() || ports.contains(port);
    }
}

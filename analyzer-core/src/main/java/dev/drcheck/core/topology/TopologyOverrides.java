package dev.drcheck.core.topology;

import dev.drcheck.core.finding.Host;

import java.util.List;

/**
 * Topology elements the user gave; each non-empty list replaces what would otherwise be inferred.
 *
 * @param vips from {@code --vip IP[:PORT]}; a VIP given without a port has an empty port list
 * @param directorMacs from {@code --director-mac}
 * @param realServers from {@code --rs MAC[=RIP]}
 */
public record TopologyOverrides(List<VipSpec> vips, List<Long> directorMacs, List<Host> realServers) {

    /** Copies the lists. */
    public TopologyOverrides {
        vips = List.copyOf(vips);
        directorMacs = List.copyOf(directorMacs);
        realServers = List.copyOf(realServers);
    }

    /** Nothing given: infer everything. */
    public static TopologyOverrides none() {
        return new TopologyOverrides(List.of(), List.of(), List.of());
    }

    /**
     * One {@code --vip} value.
     *
     * @param ip the VIP
     * @param port the port, or -1 for any
     */
    public record VipSpec(int ip, int port) {
    }
}

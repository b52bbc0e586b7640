package dev.drcheck.core.topology;

import dev.drcheck.core.config.ClusterConfig;
import dev.drcheck.core.finding.Host;

import java.util.List;
import java.util.Optional;

/**
 * Topology elements the user gave; each non-empty list replaces what would otherwise be inferred.
 *
 * @param vips from {@code --vip IP[:PORT]}; a VIP given without a port has an empty port list
 * @param directorMacs from {@code --director-mac}
 * @param realServers from {@code --rs MAC[=RIP]}
 * @param config the cluster's configuration ({@code --ipvs FILE}, {@code --keepalived FILE}), or null when none was
 *               given; it supplies the VIPs and real-server addresses the flags above do not, and the checks
 *               compare the capture with it
 */
public record TopologyOverrides(List<VipSpec> vips, List<Long> directorMacs, List<Host> realServers,
                                ClusterConfig config) {

    /** Copies the lists. */
    public TopologyOverrides {
        vips = List.copyOf(vips);
        directorMacs = List.copyOf(directorMacs);
        realServers = List.copyOf(realServers);
    }

    /** The flags alone, without a configuration file. */
    public TopologyOverrides(List<VipSpec> vips, List<Long> directorMacs, List<Host> realServers) {
        this(vips, directorMacs, realServers, null);
    }

    /** Only a configuration file. */
    public static TopologyOverrides of(ClusterConfig config) {
        return new TopologyOverrides(List.of(), List.of(), List.of(), config);
    }

    /** The configuration, if one was given. */
    public Optional<ClusterConfig> configuration() {
        return Optional.ofNullable(config);
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

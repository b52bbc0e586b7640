package dev.drcheck.cli;

import dev.drcheck.core.finding.Host;
import dev.drcheck.core.topology.TopologyOverrides;
import dev.drcheck.core.topology.TopologyOverrides.VipSpec;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Objects;

/** The topology flags shared by {@code drcheck file} and {@code drcheck live}; each replaces inference. */
final class TopologyOptions {

    @Option(names = "--vip", paramLabel = "IP[:PORT]", converter = Converters.VipConverter.class,
            description = "A virtual IP, optionally with its service port (repeatable).")
    private List<VipSpec> vips;

    @Option(names = "--director-mac", paramLabel = "MAC", converter = Converters.MacConverter.class,
            description = "The director's MAC, e.g. 02:00:00:00:00:01 (repeatable).")
    private List<Long> directorMacs;

    @Option(names = "--rs", paramLabel = "MAC[=RIP]", converter = Converters.RealServerConverter.class,
            description = "A real server's MAC, optionally with its own address (repeatable).")
    private List<Host> realServers;

    /** The flags as overrides for the analyzer. */
    TopologyOverrides overrides() {
        return new TopologyOverrides(Objects.requireNonNullElse(vips, List.of()),
                Objects.requireNonNullElse(directorMacs, List.of()),
                Objects.requireNonNullElse(realServers, List.of()));
    }
}

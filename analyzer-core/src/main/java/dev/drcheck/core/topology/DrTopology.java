package dev.drcheck.core.topology;

import dev.drcheck.core.config.ClusterConfig;

import java.util.List;
import java.util.Optional;

/**
 * The direct-routing cluster a capture is checked against: VIPs, directors, real servers.
 *
 * @param vips the virtual IPs
 * @param directors the directors' MACs
 * @param realServers the real servers
 * @param notes what could not be inferred and why, one line each
 * @param config the cluster's configuration the capture is compared with, or null when none was given
 */
public record DrTopology(List<Vip> vips, List<Director> directors, List<RealServer> realServers,
                         List<String> notes, ClusterConfig config) {

    /** A topology without a configuration file. */
    public DrTopology(List<Vip> vips, List<Director> directors, List<RealServer> realServers, List<String> notes) {
        this(vips, directors, realServers, notes, null);
    }

    /** The configuration the capture is compared with, if one was given. */
    public Optional<ClusterConfig> configuration() {
        return Optional.ofNullable(config);
    }

    /** The real server whose own address is {@code ip}, if one is known. */
    public Optional<RealServer> realServerByIp(int ip) {
        for (RealServer rs : realServers) {
            if (rs.host().ipKnown() && rs.host().ip() == ip) {
                return Optional.of(rs);
            }
        }
        return Optional.empty();
    }

    /** Copies the lists. */
    public DrTopology {
        vips = List.copyOf(vips);
        directors = List.copyOf(directors);
        realServers = List.copyOf(realServers);
        notes = List.copyOf(notes);
    }

    /** A topology with nothing in it. */
    public static DrTopology empty() {
        return new DrTopology(List.of(), List.of(), List.of(), List.of());
    }

    /** The VIP with this address, if it is one. */
    public Optional<Vip> vip(int ip) {
        for (Vip vip : vips) {
            if (vip.ip() == ip) {
                return Optional.of(vip);
            }
        }
        return Optional.empty();
    }

    /** True when {@code ip} is a VIP. */
    public boolean isVip(int ip) {
        return vip(ip).isPresent();
    }

    /** True when {@code ip}:{@code port} is a VIP service (any port when the VIP has none listed). */
    public boolean isVipService(int ip, int port) {
        return vip(ip).map(v -> v.servesPort(port)).orElse(false);
    }

    /** True when {@code mac} is a director. */
    public boolean isDirector(long mac) {
        for (Director director : directors) {
            if (director.mac() == mac) {
                return true;
            }
        }
        return false;
    }

    /** The real server with this MAC, if it is one. */
    public Optional<RealServer> realServer(long mac) {
        for (RealServer rs : realServers) {
            if (rs.host().mac() == mac) {
                return Optional.of(rs);
            }
        }
        return Optional.empty();
    }

    /** True when {@code mac} is a real server. */
    public boolean isRealServer(long mac) {
        return realServer(mac).isPresent();
    }

    /** True when at least one VIP is known, so that the checks have something to check. */
    public boolean isKnown() {
        return !vips.isEmpty();
    }
}

package dev.drcheck.core.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A cluster's configuration as read from one file: its virtual services and their real servers.
 *
 * @param source how the user named it, e.g. {@code --ipvs ipvsadm.txt}; used in provenance and messages
 * @param format which kind of file it was
 * @param services the virtual services, in file order
 */
public record ClusterConfig(String source, Format format, List<VirtualService> services) {

    /** Which tool's configuration a file is. */
    public enum Format {
        /** {@code ipvsadm -Ln} or {@code ipvsadm-save -n} output. */
        IPVSADM,
        /** A keepalived.conf. */
        KEEPALIVED
    }

    /** Copies the list. */
    public ClusterConfig {
        services = List.copyOf(services);
    }

    /** The services of {@code vip}. */
    public List<VirtualService> servicesOf(int vip) {
        return services.stream().filter(s -> s.vip() == vip).toList();
    }

    /** The service {@code vip}:{@code port} (TCP first), if configured. */
    public Optional<VirtualService> service(int vip, int port) {
        VirtualService other = null;
        for (VirtualService s : services) {
            if (s.vip() == vip && s.port() == port) {
                if (s.protocol() == VirtualService.Protocol.TCP) {
                    return Optional.of(s);
                }
                other = other == null ? s : other;
            }
        }
        return Optional.ofNullable(other);
    }

    /** The VIPs, in file order, without repeats. */
    public List<Integer> vips() {
        Set<Integer> vips = new LinkedHashSet<>();
        services.forEach(s -> vips.add(s.vip()));
        return new ArrayList<>(vips);
    }

    /** Every configured real-server address, in file order, without repeats. */
    public List<Integer> realServerIps() {
        Set<Integer> ips = new LinkedHashSet<>();
        services.forEach(s -> s.realServers().forEach(rs -> ips.add(rs.ip())));
        return new ArrayList<>(ips);
    }

    /** True when any service of {@code vip} lists {@code rip}. */
    public boolean lists(int vip, int rip) {
        return servicesOf(vip).stream().anyMatch(s -> s.realServer(rip).isPresent());
    }
}

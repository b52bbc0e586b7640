package dev.drcheck.core.config;

import dev.drcheck.core.net.Ipv4;

import java.util.List;
import java.util.Optional;

/**
 * One virtual service: {@code ipvsadm -A -t VIP:PORT -s SCHED [-p TIMEOUT]} or a keepalived
 * {@code virtual_server VIP PORT} block.
 *
 * @param protocol TCP, UDP or SCTP
 * @param vip the virtual IP
 * @param port the service port
 * @param scheduler the IPVS scheduler name as configured ({@code rr}, {@code wrr}, {@code wlc}, {@code sh}, ...)
 * @param persistenceSeconds the persistence timeout in seconds, 0 when the service is not persistent
 * @param realServers the real servers, in file order
 * @param line the line of the file that declares it
 */
public record VirtualService(Protocol protocol, int vip, int port, String scheduler, int persistenceSeconds,
                             List<ConfiguredRealServer> realServers, int line) {

    /** The transport protocol of a virtual service. */
    public enum Protocol {
        TCP, UDP, SCTP
    }

    /** Copies the list. */
    public VirtualService {
        realServers = List.copyOf(realServers);
    }

    /** The real server with address {@code rip}, if listed. */
    public Optional<ConfiguredRealServer> realServer(int rip) {
        return realServers.stream().filter(rs -> rs.ip() == rip).findFirst();
    }

    /** {@code 192.0.2.100:80}. */
    public String address() {
        return Ipv4.format(vip) + ":" + port;
    }

    /** The sum of the weights. */
    public int totalWeight() {
        return realServers.stream().mapToInt(ConfiguredRealServer::weight).sum();
    }

    /** True when persistence is configured. */
    public boolean persistent() {
        return persistenceSeconds > 0;
    }
}

package dev.drcheck.core.check;

import dev.drcheck.core.config.ClusterConfig;
import dev.drcheck.core.config.VirtualService;
import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.frame.EvidenceLog;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.topology.RealServer;
import dev.drcheck.core.track.PathShape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Compares the capture with the configuration: VIP traffic goes to a real server (by MAC, with the address ARP
 * shows for it) that the configuration does not list for that service. The director runs another table than the
 * file says, or a host that is not meant to be in the pool gets clients' connections. Without a configuration,
 * the real servers given with {@code --rs} are the pool, and a director forwarding to another MAC is reported.
 */
public final class UnconfiguredRealServer implements Check {
    private static final CheckInfo INFO = new CheckInfo("UnconfiguredRealServer", Severity.ERROR, 1,
            "VIP traffic is forwarded to a real server the cluster's configuration (or --rs) does not list");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        Optional<ClusterConfig> config = context.topology().configuration();
        if (config.isEmpty()) {
            compareWithGivenRealServers(context, out);
            return;
        }
        Map<String, List<PathShape>> byCause = new LinkedHashMap<>();
        for (PathShape p : context.vipFlows()) {
            long receiver = p.receiverMac();
            if (receiver == 0 || context.topology().isDirector(receiver)) {
                continue;
            }
            Optional<VirtualService> service = config.get().service(p.serverIp(), p.serverPort());
            String address = Ipv4.format(p.serverIp()) + ":" + p.serverPort();
            if (service.isEmpty()) {
                out.notObserved("real servers of " + address + ": " + config.get().source() + " has no such"
                        + " virtual service, so its real servers were not compared with it");
                continue;
            }
            Host host = context.host(receiver);
            if (!host.ipKnown()) {
                out.notObserved("real server " + host + " of " + address + ": ARP did not show its address, so it"
                        + " was not compared with " + config.get().source());
                continue;
            }
            if (service.get().realServer(host.ip()).isEmpty()) {
                byCause.computeIfAbsent(receiver + "/" + address, k -> new ArrayList<>()).add(p);
            }
        }
        for (List<PathShape> paths : byCause.values()) {
            report(context, config.get(), paths, out);
        }
    }

    private void report(AnalysisContext context, ClusterConfig config, List<PathShape> paths, CheckOutput out) {
        PathShape first = paths.get(0);
        VirtualService service = config.service(first.serverIp(), first.serverPort()).orElseThrow();
        Host culprit = context.host(first.receiverMac());
        EvidenceLog log = EvidenceLog.merge(paths.stream()
                .map(p -> p.deliveredFrames().isEmpty() ? p.flows() : p.deliveredFrames()).toList());
        String listed = service.realServers().isEmpty() ? "none"
                : service.realServers().stream().map(rs -> rs.address()).collect(Collectors.joining(", "));
        String message = "real server " + culprit + " receives " + Wording.count(log.count(), "flow", "flows")
                + " for VIP " + service.address() + " but " + ConfigView.cite(config, service)
                + " does not list it (configured: " + listed + ")";
        String rip = Ipv4.format(culprit.ip()) + ":" + service.port();
        String fix;
        if (config.format() == ClusterConfig.Format.KEEPALIVED) {
            fix = "The director's running table differs from " + config.source() + ". If " + culprit.label()
                    + " belongs in the pool, add it to virtual_server " + Ipv4.format(service.vip()) + " "
                    + service.port() + ":\nreal_server " + Ipv4.format(culprit.ip()) + " " + service.port()
                    + " {\n    weight 1\n    TCP_CHECK {\n        connect_timeout 3\n    }\n}\nand reload keepalived;"
                    + " if it does not, remove it from the running table: ipvsadm -d "
                    + ConfigView.serviceFlag(service) + " -r " + rip;
        } else {
            fix = "The director's running table differs from " + config.source() + " (see ipvsadm -Ln "
                    + ConfigView.serviceFlag(service) + "). If " + culprit.label() + " does not belong in the pool,"
                    + " remove it: ipvsadm -d " + ConfigView.serviceFlag(service) + " -r " + rip + "; if it does,"
                    + " add it to the saved configuration: -a " + ConfigView.serviceFlag(service) + " -r " + rip
                    + " -g -w 1 (ipvsadm-save -n > /etc/ipvsadm.rules)";
        }
        out.add(this, culprit, message, log, fix);
    }

    /**
     * Without a configuration, the real servers given with {@code --rs} are the pool: a director forwarding VIP
     * traffic to any other MAC is reported the same way.
     */
    private void compareWithGivenRealServers(AnalysisContext context, CheckOutput out) {
        List<RealServer> given = context.topology().realServers().stream().filter(rs -> rs.provenance().given())
                .toList();
        if (given.isEmpty()) {
            return;
        }
        Map<String, List<PathShape>> byCause = new LinkedHashMap<>();
        for (PathShape p : context.vipFlows()) {
            long receiver = p.deliveredMac();
            if (receiver == 0 || !context.topology().isDirector(p.relayMac())
                    || context.topology().isDirector(receiver)
                    || given.stream().anyMatch(rs -> rs.host().mac() == receiver)) {
                continue;
            }
            byCause.computeIfAbsent(receiver + "/" + Ipv4.format(p.serverIp()) + ":" + p.serverPort(),
                    k -> new ArrayList<>()).add(p);
        }
        String pool = given.stream().map(rs -> rs.host().toString()).collect(Collectors.joining(", "));
        for (List<PathShape> paths : byCause.values()) {
            PathShape first = paths.get(0);
            Host culprit = context.host(first.receiverMac());
            String address = Ipv4.format(first.serverIp()) + ":" + first.serverPort();
            EvidenceLog log = EvidenceLog.merge(paths.stream().map(PathShape::deliveredFrames).toList());
            String message = "host " + culprit + " receives " + Wording.count(log.count(), "flow", "flows")
                    + " for VIP " + address + " from the director, but it is not one of the real servers given with"
                    + " --rs (" + pool + ")";
            String fix = "Either the director's table has a real server that should not be there (ipvsadm -Ln; remove"
                    + " it with ipvsadm -d -t " + address + " -r " + culprit.label() + ":" + first.serverPort()
                    + "), or the pool given to drcheck is incomplete (add --rs " + culprit.macText()
                    + (culprit.ipKnown() ? "=" + culprit.ipText() : "") + ").";
            out.add(this, culprit, message, log, fix);
        }
    }
}

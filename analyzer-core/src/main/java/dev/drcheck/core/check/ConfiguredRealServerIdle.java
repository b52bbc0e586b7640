package dev.drcheck.core.check;

import dev.drcheck.core.config.ClusterConfig;
import dev.drcheck.core.config.ConfiguredRealServer;
import dev.drcheck.core.config.VirtualService;
import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.frame.EvidenceLog;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.topology.RealServer;
import dev.drcheck.core.track.PathShape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares the capture with the configuration: a real server the configuration lists with a weight above 0 gets
 * none of a service's flows while other real servers do. The director's running table differs from the file, or
 * the health checker took the server out. Needs a capture that shows the director's choices.
 */
public final class ConfiguredRealServerIdle implements Check {
    private static final CheckInfo INFO = new CheckInfo("ConfiguredRealServerIdle", Severity.WARNING, 1,
            "a real server the configuration lists gets no flows while the others do (not in the director's"
                    + " running table, or taken out by its health check)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        ConfigView.forEachVipService(context, (config, service) -> evaluate(context, config, service, out));
    }

    private void evaluate(AnalysisContext context, ClusterConfig config, VirtualService service,
                          CheckOutput out) {
        List<PathShape> chosen = ConfigView.chosenByDirector(context, service);
        if (chosen.isEmpty()) {
            if (!ConfigView.flowsOf(context, service).isEmpty()) {
                out.notObserved("configured real servers of " + service.address() + " left idle: the capture"
                        + " does not show the director forwarding client frames, so which real servers get"
                        + " flows was not compared with the configuration (capture on the director's port or"
                        + " the LAN)");
            }
            return;
        }
        judge(context, config, service, chosen, out);
    }

    private void judge(AnalysisContext context, ClusterConfig config, VirtualService service,
                       List<PathShape> chosen, CheckOutput out) {
        Map<Long, Long> perReceiver = ConfigView.flowsPerReceiver(chosen);
        List<Long> unknownAddress = perReceiver.keySet().stream().filter(m -> !context.host(m).ipKnown()).toList();
        long total = perReceiver.values().stream().mapToLong(Long::longValue).sum();
        for (ConfiguredRealServer rs : service.realServers()) {
            if (rs.weight() == 0) {
                continue;
            }
            Optional<RealServer> known = context.topology().realServerByIp(rs.ip());
            if (known.isPresent() && perReceiver.containsKey(known.get().host().mac())) {
                continue;
            }
            if (known.isEmpty() && !unknownAddress.isEmpty()) {
                out.notObserved("configured real server " + rs.address() + " of " + service.address() + ": the"
                        + " capture shows no MAC for it, and real servers whose address ARP did not show got flows,"
                        + " so whether it is idle was not decided");
                continue;
            }
            report(context, config, service, rs, known.map(RealServer::host), chosen, perReceiver, total, out);
        }
    }

    private void report(AnalysisContext context, ClusterConfig config, VirtualService service,
                        ConfiguredRealServer rs, Optional<Host> rsHost, List<PathShape> chosen,
                        Map<Long, Long> perReceiver, long total, CheckOutput out) {
        List<String> others = new ArrayList<>();
        perReceiver.forEach((mac, n) -> others.add(context.host(mac) + " got " + n));
        String idle = "configured real server " + rs.address() + " (weight " + rs.weight() + ", "
                + ConfigView.cite(config, service) + ")";
        String flows = Wording.count(total, "flow", "flows");
        Host culprit;
        String message;
        if (rsHost.isPresent()) {
            culprit = rsHost.get();
            message = "real server " + culprit + " gets none of the " + flows + " to VIP " + service.address()
                    + " although it is a " + idle + "; " + String.join(", ", others);
        } else {
            culprit = ConfigView.director(context, chosen);
            message = "director " + culprit + " sends none of the " + flows + " to VIP " + service.address()
                    + " to " + idle + "; " + String.join(", ", others) + "; the capture shows no MAC for "
                    + Ipv4.format(rs.ip());
        }
        EvidenceLog log = EvidenceLog.merge(chosen.stream().map(PathShape::deliveredFrames).toList());
        String fix = "On the director, compare the running table with the file: ipvsadm -Ln "
                + ConfigView.serviceFlag(service)
                + ". If " + rs.address() + " is missing there, the health checker took it out or the file was never"
                + " applied: check the server (is it up, does it answer on port " + rs.port() + "?) and the health"
                + " checker's log (journalctl -u keepalived), then add it back, e.g. "
                + "ipvsadm -a " + ConfigView.serviceFlag(service) + " -r " + rs.address() + " " + rs.method().flag()
                + " -w " + rs.weight() + (config.format() == ClusterConfig.Format.KEEPALIVED
                ? " (keepalived: systemctl reload keepalived)" : "")
                + ". If it is there with weight 0, it was quiesced: restore the weight with ipvsadm -e "
                + ConfigView.serviceFlag(service) + " -r " + rs.address() + " " + rs.method().flag() + " -w "
                + rs.weight() + ".";
        out.add(this, culprit, message, log, fix);
    }
}

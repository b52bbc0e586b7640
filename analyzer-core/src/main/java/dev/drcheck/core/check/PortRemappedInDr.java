package dev.drcheck.core.check;

import dev.drcheck.core.config.ClusterConfig;
import dev.drcheck.core.config.ConfiguredRealServer;
import dev.drcheck.core.config.VirtualService;
import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.frame.EvidenceLog;
import dev.drcheck.core.track.PathShape;

import java.util.List;

/**
 * Invariant 1: direct routing rewrites the destination MAC only, so it cannot change ports. A configuration
 * that maps the VIP's port to another port on a real server with direct routing is silently ignored: the real
 * server receives the frames on the VIP's port, and refuses or drops them when its service listens on the other.
 */
public final class PortRemappedInDr implements Check {
    private static final CheckInfo INFO = new CheckInfo("PortRemappedInDr", Severity.ERROR, 1,
            "the configuration maps the VIP's port to another port on a real server, which direct routing cannot"
                    + " do");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        ConfigView.forEachVipService(context, (config, service) -> {
            for (ConfiguredRealServer rs : service.realServers()) {
                if (rs.method().directRouting() && rs.port() != service.port()) {
                    report(context, config, service, rs, out);
                }
            }
        });
    }

    private void report(AnalysisContext context, ClusterConfig config, VirtualService service,
                        ConfiguredRealServer rs, CheckOutput out) {
        List<PathShape> delivered = ConfigView.flowsOf(context, service).stream()
                .filter(p -> p.receiverMac() != 0 && context.host(p.receiverMac()).ipKnown()
                        && context.host(p.receiverMac()).ip() == rs.ip())
                .toList();
        if (delivered.isEmpty()) {
            out.notObserved("port remapping to " + rs.address() + ": " + ConfigView.cite(config, service)
                    + " maps it with direct routing, but the capture shows no flow to that real server");
            return;
        }
        Host culprit = context.host(delivered.get(0).receiverMac());
        EvidenceLog log = EvidenceLog.merge(delivered.stream().map(PathShape::flows).toList());
        long refused = delivered.stream().mapToLong(p -> p.refused().count()).sum();
        long unanswered = delivered.stream().mapToLong(p -> p.unanswered().count()).sum();
        String outcome = refused > 0 ? ", " + refused + " of them refused with RST"
                : unanswered > 0 ? ", " + unanswered + " of them unanswered" : "";
        String message = ConfigView.cite(config, service) + " maps port " + service.port() + " to real server "
                + culprit + " port " + rs.port() + " with direct routing, which cannot change ports: the real"
                + " server receives the frames on port " + service.port() + " (" + Wording.count(log.count(), "flow",
                "flows") + outcome + ")";
        String fix = "Give the real server the service's own port and make the service listen on it (or on the VIP"
                + " and that port):\n" + ConfigView.realServerLine(config, service,
                new ConfiguredRealServer(rs.ip(), service.port(), rs.weight(), rs.method(), rs.healthCheck(),
                        rs.line()), false)
                + "\nTo serve port " + service.port() + " from port " + rs.port() + ", use NAT (-m, lb_kind NAT)"
                + " or a port redirect on the real server (nft ... tcp dport " + service.port() + " redirect to :"
                + rs.port() + ").";
        out.add(this, culprit, message, log, fix);
    }
}

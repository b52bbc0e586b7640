package dev.drcheck.core.check;

import dev.drcheck.core.config.ClusterConfig;
import dev.drcheck.core.config.ConfiguredRealServer;
import dev.drcheck.core.config.ConfiguredRealServer.HealthCheck;
import dev.drcheck.core.config.VirtualService;
import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.frame.EvidenceLog;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.track.PathShape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Invariant 4, seen as pool management: every flow the director sent to one real server failed (SYN unanswered
 * or refused with RST) while flows to other real servers of the same service completed. The server is dead for
 * the service, yet the director keeps giving it a share of the clients: nothing takes it out of the pool. With a
 * configuration, says whether it shows a health check for that server.
 */
public final class DeadRealServer implements Check {
    /** Fewest failed flows judged. */
    static final int MIN_FLOWS = 2;

    private static final CheckInfo INFO = new CheckInfo("DeadRealServer", Severity.WARNING, 4,
            "every flow to one real server fails while the others succeed: the health check does not take it out"
                    + " of the pool");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        Map<String, List<PathShape>> byService = new LinkedHashMap<>();
        for (PathShape p : context.vipFlows()) {
            long receiver = p.receiverMac();
            if (receiver != 0 && !context.topology().isDirector(receiver)) {
                byService.computeIfAbsent(p.serverIp() + ":" + p.serverPort(), k -> new ArrayList<>()).add(p);
            }
        }
        for (List<PathShape> paths : byService.values()) {
            Map<Long, List<PathShape>> byReceiver = new LinkedHashMap<>();
            paths.forEach(p -> byReceiver.computeIfAbsent(p.receiverMac(), k -> new ArrayList<>()).add(p));
            long healthy = byReceiver.values().stream().filter(DeadRealServer::anyCompleted).count();
            if (healthy == 0) {
                continue;
            }
            byReceiver.forEach((mac, own) -> {
                long flows = own.stream().mapToLong(p -> p.flows().count()).sum();
                long failed = own.stream().mapToLong(p -> p.unanswered().count() + p.refused().count()).sum();
                if (flows >= MIN_FLOWS && failed >= flows && !anyCompleted(own)) {
                    report(context, mac, own, byReceiver, out);
                }
            });
        }
    }

    private static boolean anyCompleted(List<PathShape> paths) {
        return paths.stream().anyMatch(p -> !p.completed().isEmpty());
    }

    private void report(AnalysisContext context, long mac, List<PathShape> own, Map<Long, List<PathShape>> all,
                        CheckOutput out) {
        PathShape first = own.get(0);
        String service = Ipv4.format(first.serverIp()) + ":" + first.serverPort();
        Host culprit = context.host(mac);
        long unanswered = own.stream().mapToLong(p -> p.unanswered().count()).sum();
        long refused = own.stream().mapToLong(p -> p.refused().count()).sum();
        List<EvidenceLog> logs = new ArrayList<>();
        own.forEach(p -> {
            logs.add(p.unanswered());
            logs.add(p.refused());
        });
        EvidenceLog log = EvidenceLog.merge(logs);
        List<String> how = new ArrayList<>();
        if (unanswered > 0) {
            how.add(unanswered + " SYN" + (unanswered == 1 ? "" : "s") + " unanswered");
        }
        if (refused > 0) {
            how.add(refused + " refused with RST");
        }
        List<String> others = new ArrayList<>();
        all.forEach((otherMac, paths) -> {
            long completed = paths.stream().mapToLong(p -> p.completed().count()).sum();
            if (otherMac != mac && completed > 0) {
                others.add(context.host(otherMac) + " completed " + completed);
            }
        });
        String message = "real server " + culprit + " failed all " + Wording.count(log.count(), "flow", "flows")
                + " the director sent it for VIP " + service + " (" + String.join(", ", how) + ") while "
                + String.join(", ", others) + ": the director keeps it in the pool, so the health check does not"
                + " take it out" + configSays(context, culprit, first);
        String rip = culprit.ipKnown() ? Ipv4.format(culprit.ip()) : "RIP";
        String fix = "Now: take it out of the pool on the director (ipvsadm -e -t " + service + " -r " + rip + ":"
                + first.serverPort() + " -g -w 0 to drain it, or ipvsadm -d -t " + service + " -r " + rip + ":"
                + first.serverPort() + ") and repair it (" + (refused > 0 ? "nothing listens on port "
                + first.serverPort() + ", see RstFromRs" : "it drops VIP frames, see SynUnanswered") + ").\n"
                + "For the future, let a health checker remove failing servers, e.g. keepalived:\n"
                + "real_server " + rip + " " + first.serverPort() + " {\n"
                + "    weight 1\n"
                + "    TCP_CHECK {\n"
                + "        connect_port " + first.serverPort() + "\n"
                + "        connect_timeout 3\n"
                + "    }\n"
                + "}\n"
                + "(or HTTP_GET { url { path / status_code 200 } }, or ldirectord). A check of RIP:PORT finds a"
                + " stopped service but not a VIP missing from lo; a MISC_CHECK script that also tests the VIP on the"
                + " server finds both.";
        out.add(this, culprit, message, log, fix);
    }

    /** What the configuration, if any, says about this server's health check. */
    private static String configSays(AnalysisContext context, Host culprit, PathShape first) {
        Optional<ClusterConfig> config = context.topology().configuration();
        if (config.isEmpty() || !culprit.ipKnown()) {
            return "";
        }
        Optional<VirtualService> service = config.get().service(first.serverIp(), first.serverPort());
        Optional<ConfiguredRealServer> rs = service.flatMap(s -> s.realServer(culprit.ip()));
        if (rs.isEmpty()) {
            return "";
        }
        if (rs.get().healthCheck() == HealthCheck.NONE) {
            return "; " + config.get().source() + " has no health check (TCP_CHECK, HTTP_GET, ...) for real_server "
                    + Ipv4.format(culprit.ip()) + " " + rs.get().port() + " (line " + rs.get().line() + ")";
        }
        if (rs.get().healthCheck() == HealthCheck.UNKNOWN) {
            return "; ipvsadm checks nothing itself: without keepalived or ldirectord watching "
                    + rs.get().address() + ", a dead server stays in the pool";
        }
        return "; " + config.get().source() + " has a health check for it (line " + rs.get().line() + "), which does"
                + " not detect this failure: it probably checks the RIP, not the VIP service";
    }
}

package dev.drcheck.core.check;

import dev.drcheck.core.finding.EvidenceLog;
import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.track.PathShape;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Invariant 4: every client SYN to the VIP gets an answer. One finding per real server whose forwarded SYNs
 * were retransmitted with no SYN/ACK, no RST and no client ACK: the server silently drops VIP traffic, most often
 * because the VIP is not configured on it.
 */
public final class SynUnanswered implements Check {
    private static final CheckInfo INFO = new CheckInfo("SynUnanswered", Severity.ERROR, 4,
            "SYNs forwarded to a real server are retransmitted and never answered (VIP missing on the server,"
                    + " firewall, server down)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        Map<Long, List<PathShape>> byReceiver = context.vipFlows().stream()
                .filter(p -> !p.unanswered().isEmpty())
                .collect(Collectors.groupingBy(PathShape::receiverMac, LinkedHashMap::new, Collectors.toList()));
        byReceiver.forEach((receiver, paths) -> report(context, receiver, paths, out));
    }

    private void report(AnalysisContext context, long receiver, List<PathShape> paths, CheckOutput out) {
        PathShape first = paths.get(0);
        int vip = first.serverIp();
        String service = Ipv4.format(vip) + ":" + first.serverPort();
        EvidenceLog log = EvidenceLog.merge(paths.stream().map(PathShape::unanswered).toList());
        long flowsToReceiver = context.vipFlows().stream()
                .filter(p -> p.receiverMac() == receiver)
                .mapToLong(p -> p.flows().count()).sum();
        Host culprit = context.host(receiver);
        if (context.topology().isDirector(receiver)) {
            String message = "SYNs to VIP " + service + " go unanswered in " + log.count() + " of "
                    + Wording.count(flowsToReceiver, "flow", "flows") + "; this capture does not show which real server the director "
                    + culprit + " forwarded them to";
            String fix = "Capture on the director's port or the real servers' ports to see which real server"
                    + " drops them; on that server: " + DrFixes.realServerSetup(vip);
            out.add(this, culprit, message, log, fix);
            return;
        }
        String message = "real server " + culprit + " never answers SYNs forwarded to it for VIP " + service
                + ": " + log.count() + " of " + Wording.count(flowsToReceiver, "flow", "flows")
                + " retransmitted their SYN and got no"
                + " SYN/ACK or RST";
        String fix = "Most often the VIP is missing on " + culprit.label() + ", so it drops frames addressed"
                + " to it. There:\n" + DrFixes.realServerSetup(vip) + "\nIf the VIP is present, look for a"
                + " firewall dropping port " + first.serverPort() + "; if the server is down, take it out of the"
                + " pool (health checks: keepalived TCP_CHECK/HTTP_GET, ldirectord).";
        out.add(this, culprit, message, log, fix);
    }
}

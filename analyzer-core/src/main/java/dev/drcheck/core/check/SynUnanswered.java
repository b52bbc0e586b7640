package dev.drcheck.core.check;

import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.frame.EvidenceLog;
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
        String flows = log.count() + " of " + Wording.count(context.vipFlows().stream()
                .filter(p -> p.receiverMac() == receiver)
                .mapToLong(p -> p.flows().count()).sum(), "flow", "flows");
        if (receiver == 0 || context.topology().isDirector(receiver)) {
            long forwarder = receiver != 0 ? receiver : first.relayMac();
            if (forwarder == 0) {
                out.notObserved("unanswered SYNs to VIP " + service + " (invariant 4): the capture does not show"
                        + " which host they were sent to");
                return;
            }
            Host director = context.host(forwarder);
            String message = "SYNs to VIP " + service + " go unanswered in " + flows + "; this capture does not"
                    + " show which real server the director " + director + " forwarded them to";
            String fix = "Capture on the director's port or the real servers' ports (tcpdump -i eth0) to see which"
                    + " real server drops them; on that server:\n" + DrFixes.realServerSetup(vip);
            out.add(this, director, message, log, fix);
            return;
        }
        Host culprit = context.host(receiver);
        String message = "real server " + culprit + " never answers SYNs forwarded to it for VIP " + service
                + ": " + flows + " retransmitted their SYN and got no SYN/ACK or RST";
        String fix = "Most often the VIP is missing on " + culprit.label() + ", so it drops frames addressed"
                + " to it. There:\n" + DrFixes.realServerSetup(vip) + "\nIf the VIP is present, look for a"
                + " firewall dropping port " + first.serverPort() + "; if the server is down, take it out of the"
                + " pool (health checks: keepalived TCP_CHECK/HTTP_GET, ldirectord).";
        out.add(this, culprit, message, log, fix);
    }
}

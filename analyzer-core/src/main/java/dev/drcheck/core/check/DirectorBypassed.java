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
 * Invariant 3: client traffic for the VIP goes to the director. Client SYNs for the VIP addressed straight to
 * another MAC, by a sender that is not a director, mean a client or router maps the VIP to that host, usually
 * because a real server answered or announced the VIP in ARP.
 */
public final class DirectorBypassed implements Check {
    private static final CheckInfo INFO = new CheckInfo("DirectorBypassed", Severity.ERROR, 3,
            "clients send VIP traffic straight to a real server, bypassing the director");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        if (context.topology().directors().isEmpty() || context.vipFlows().isEmpty()
                || context.destinationMacsMissing(out, "clients bypassing the director (invariant 3)")) {
            return;
        }
        Map<Long, List<PathShape>> byReceiver = context.vipFlows().stream()
                .filter(p -> p.firstHopDstMac() != 0 && !context.topology().isDirector(p.firstHopDstMac())
                        && !context.topology().isDirector(p.firstHopSrcMac()))
                .collect(Collectors.groupingBy(PathShape::firstHopDstMac, LinkedHashMap::new,
                        Collectors.toList()));
        byReceiver.forEach((receiver, paths) -> report(context, receiver, paths, out));
    }

    private void report(AnalysisContext context, long receiver, List<PathShape> paths, CheckOutput out) {
        Host culprit = context.host(receiver);
        PathShape first = paths.get(0);
        String vip = Ipv4.format(first.serverIp());
        EvidenceLog log = EvidenceLog.merge(paths.stream().map(PathShape::flows).toList());
        String message = "clients send VIP " + vip + " traffic straight to " + context.describe(receiver)
                + ", bypassing the director: " + Wording.count(log.count(), "flow", "flows") + ", first from "
                + Ipv4.format(first.firstClientIp());
        String fix = "The clients' (or their router's) ARP cache maps " + vip + " to " + culprit.macText()
                + ", usually because that server answered or announced the VIP in ARP (see RsAnswersArpForVip,"
                + " RsAnnouncesVip). On the real server:\n" + DrFixes.arpSysctls()
                + "\nthen on the clients and routers: ip neigh flush to " + vip;
        out.add(this, culprit, message, log, fix);
    }
}

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
 * Invariant 1: a director sends every frame of one TCP connection to the same real server. A flow whose frames
 * the director forwarded to several real servers means the balancing is per packet, not per connection; the
 * other server resets or drops the frames it never saw a SYN for.
 */
public final class FlowSplitAcrossRealServers implements Check {
    private static final CheckInfo INFO = new CheckInfo("FlowSplitAcrossRealServers", Severity.ERROR, 1,
            "the director sends frames of one TCP connection to more than one real server (no flow affinity)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        Map<Long, List<PathShape>> byDirector = context.vipFlows().stream()
                .filter(p -> !p.split().isEmpty() && context.topology().isDirector(p.relayMac()))
                .collect(Collectors.groupingBy(PathShape::relayMac, LinkedHashMap::new, Collectors.toList()));
        byDirector.forEach((director, paths) -> report(context, director, paths, out));
    }

    private void report(AnalysisContext context, long director, List<PathShape> paths, CheckOutput out) {
        Host culprit = context.host(director);
        PathShape first = paths.get(0);
        String service = Ipv4.format(first.serverIp()) + ":" + first.serverPort();
        EvidenceLog log = EvidenceLog.merge(paths.stream().map(PathShape::split).toList());
        long flows = context.vipFlows().stream().filter(p -> p.relayMac() == director)
                .mapToLong(p -> p.flows().count()).sum();
        String message = "director " + culprit + " sends frames of one connection to VIP " + service
                + " to more than one real server: " + log.count() + " of " + Wording.count(flows, "flow", "flows")
                + " split (per-packet balancing; the second server never saw the SYN)";
        String fix = "Balance per connection, not per packet: IPVS schedules connections and keeps them in its"
                + " connection table (ipvsadm -Lnc shows it); do not spread VIP traffic with per-packet rules"
                + " (nftables numgen, ECMP without flow hashing, a round-robin switch LAG hashing on more than the"
                + " 5-tuple). With several directors, make sure one flow always reaches the same director"
                + " (connection synchronisation: ipvsadm --start-daemon master/backup).";
        out.add(this, culprit, message, log, fix);
    }
}

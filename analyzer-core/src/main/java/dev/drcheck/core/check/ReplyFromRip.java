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
 * Invariant 2: replies to a VIP flow must come from the VIP. A real server that received the client's frames
 * unchanged (DR) but answers from another address, usually its own RIP, makes the client reset the connection.
 */
public final class ReplyFromRip implements Check {
    private static final CheckInfo INFO = new CheckInfo("ReplyFromRip", Severity.ERROR, 2,
            "a real server answers VIP clients from its own address instead of the VIP");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        Map<Long, List<PathShape>> byServer = context.vipFlows().stream()
                .filter(p -> p.repliesSeen() && p.replySrcIp() != p.serverIp() && !p.natForwarded())
                .collect(Collectors.groupingBy(PathShape::replySrcMac, LinkedHashMap::new, Collectors.toList()));
        byServer.forEach((server, paths) -> report(server, paths, out));
    }

    private void report(long server, List<PathShape> paths, CheckOutput out) {
        PathShape first = paths.get(0);
        Host rs = Host.of(server, first.replySrcIp());
        String vip = Ipv4.format(first.serverIp());
        EvidenceLog log = EvidenceLog.merge(paths.stream().map(PathShape::replyFrames).toList());
        String message = "real server " + rs + " answers clients of VIP " + vip + " from "
                + Ipv4.format(first.replySrcIp()) + " instead of the VIP, so clients reset the connection: "
                + Wording.count(log.count(), "flow", "flows");
        String fix = "On " + rs.label() + ": put the VIP on lo and let the service answer from it, and remove"
                + " any SNAT/masquerade rule that rewrites replies from " + vip + " (nft list ruleset;"
                + " iptables -t nat -S):\n" + DrFixes.realServerSetup(first.serverIp());
        out.add(this, rs, message, log, fix);
    }
}

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
 * Invariant 2: a real server sends its replies straight to the client (or the client's router), never back to
 * the director. One finding per real server whose replies to VIP clients are addressed to a director's MAC.
 */
public final class ReplyViaDirector implements Check {
    private static final CheckInfo INFO = new CheckInfo("ReplyViaDirector", Severity.ERROR, 2,
            "a real server sends its replies to the director instead of straight to the client");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        List<PathShape> vipFlows = context.vipFlows();
        if (vipFlows.isEmpty() || context.destinationMacsMissing(out, "replies sent to the director (invariant 2)")) {
            return;
        }
        if (vipFlows.stream().noneMatch(PathShape::repliesSeen)) {
            out.notObserved("reply path (invariant 2): no reply from a real server passed this capture point, so"
                    + " where replies go was not checked; handshakes are judged from the clients' ACKs");
        }
        Map<Long, List<PathShape>> byServer = vipFlows.stream()
                .filter(p -> p.repliesSeen() && !p.natForwarded() && context.topology().isDirector(p.replyDstMac()))
                .collect(Collectors.groupingBy(PathShape::replySrcMac, LinkedHashMap::new, Collectors.toList()));
        byServer.forEach((server, paths) -> report(context, server, paths, out));
    }

    private void report(AnalysisContext context, long server, List<PathShape> paths, CheckOutput out) {
        Host rs = context.host(server);
        PathShape first = paths.get(0);
        EvidenceLog log = EvidenceLog.merge(paths.stream().map(PathShape::replyFrames).toList());
        boolean relayed = paths.stream().anyMatch(p -> p.replyRelayMac() != 0);
        String relay = relayed ? "the director relays them, so every reply crosses it twice"
                : "the director does not pass them on, so clients get no answer";
        String message = "real server " + rs + " sends replies for VIP " + Ipv4.format(first.serverIp())
                + " to the director " + context.host(first.replyDstMac()) + " instead of straight to the client ("
                + relay + "): " + Wording.count(log.count(), "flow", "flows");
        String fix = "On " + rs.label() + ", route clients through the LAN's gateway, not the director: check"
                + " `ip route get " + Ipv4.format(first.firstClientIp()) + " from " + Ipv4.format(first.serverIp())
                + "`; remove host routes via the director's address and set the default route to the router"
                + " (ip route replace default via GATEWAY).";
        out.add(this, rs, message, log, fix);
    }
}

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
 * Invariant 4: handshakes complete. One finding per real server that refuses VIP connections: it answers the
 * SYN with a RST from the VIP, so the VIP is configured but nothing listens on the service port.
 */
public final class RstFromRs implements Check {
    private static final CheckInfo INFO = new CheckInfo("RstFromRs", Severity.ERROR, 4,
            "a real server refuses VIP connections with RST (service not listening on the VIP port)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        Map<Long, List<PathShape>> byServer = context.vipFlows().stream()
                .filter(p -> !p.refused().isEmpty())
                .collect(Collectors.groupingBy(PathShape::replySrcMac, LinkedHashMap::new, Collectors.toList()));
        byServer.forEach((server, paths) -> report(context, server, paths, out));
    }

    private void report(AnalysisContext context, long server, List<PathShape> paths, CheckOutput out) {
        PathShape first = paths.get(0);
        String service = Ipv4.format(first.serverIp()) + ":" + first.serverPort();
        Host culprit = context.host(server);
        EvidenceLog log = EvidenceLog.merge(paths.stream().map(PathShape::refused).toList());
        String message = "real server " + culprit + " refuses connections to VIP " + service
                + " with RST: " + Wording.count(log.count(), "flow", "flows") + " reset before the handshake completed";
        String fix = "Nothing listens on port " + first.serverPort() + " on " + culprit.label()
                + ": start the service and bind it to 0.0.0.0:" + first.serverPort() + " or " + service
                + " (a DR real server receives packets addressed to the VIP; check with ss -ltn). If the server"
                + " is down on purpose, set its weight to 0 or remove it from the pool.";
        out.add(this, culprit, message, log, fix);
    }
}

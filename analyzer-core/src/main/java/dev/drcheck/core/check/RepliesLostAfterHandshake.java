package dev.drcheck.core.check;

import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.frame.EvidenceLog;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.track.IcmpErrorShape;
import dev.drcheck.core.track.PathShape;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Invariant 2: a real server's replies reach the client. One finding per real server whose VIP flows complete the
 * handshake but then stall: the server retransmits its data and the client never acknowledges it. With full-sized
 * segments that is the classic path-MTU black hole of direct routing, seen where the ICMP errors are not: the
 * "fragmentation needed" that would tell the real server is addressed to the VIP, so it goes to the director (and is
 * lost there unless relayed) or is filtered on the way. Real servers whose lost replies a director's kept ICMP errors
 * already explain are {@link IcmpErrorNotRelayed}'s.
 */
public final class RepliesLostAfterHandshake implements Check {
    private static final CheckInfo INFO = new CheckInfo("RepliesLostAfterHandshake", Severity.WARNING, 2,
            "a real server's replies are retransmitted and never acknowledged after the handshake (full-sized:"
                    + " a path-MTU black hole)");
    /** Retransmitted payloads from this size on are "full-sized": above any MTU a tunnel or PPPoE leaves. */
    private static final int FULL_SIZED_PAYLOAD = 1000;

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        Map<Long, List<PathShape>> byServer = context.vipFlows().stream()
                .filter(p -> !p.stalled().isEmpty() && p.receiverMac() != 0 && !explainedByKeptIcmp(context, p))
                .collect(Collectors.groupingBy(PathShape::receiverMac, LinkedHashMap::new, Collectors.toList()));
        byServer.forEach((server, paths) -> report(context, server, paths, out));
    }

    /** True when a director kept ICMP errors about this real server's flows from it (IcmpErrorNotRelayed). */
    private static boolean explainedByKeptIcmp(AnalysisContext context, PathShape path) {
        for (IcmpErrorShape error : context.icmpErrors().shapes()) {
            if (error.flowReceiverMac() == path.receiverMac() && IcmpErrors.concernsVip(context, error)
                    && IcmpErrors.keptByDirector(context, error)) {
                return true;
            }
        }
        return false;
    }

    private void report(AnalysisContext context, long server, List<PathShape> paths, CheckOutput out) {
        PathShape first = paths.get(0);
        Host rs = context.host(server);
        EvidenceLog log = EvidenceLog.merge(paths.stream().map(PathShape::stalled).toList());
        int largest = paths.stream().mapToInt(PathShape::largestStalledSegment).max().orElse(0);
        boolean fullSized = largest >= FULL_SIZED_PAYLOAD;
        String service = Ipv4.format(first.serverIp()) + ":" + first.serverPort();
        String message = "replies of real server " + rs + " to VIP " + service + " clients stop after the"
                + " handshake: in " + Wording.count(log.count(), "flow", "flows") + " it retransmits data"
                + " (segments up to " + largest + " bytes) that the client never acknowledges"
                + (fullSized ? "; full-sized segments lost while the handshake's small ones arrive are a path-MTU"
                        + " black hole: the ICMP \"fragmentation needed\" that would lower the real server's segment"
                        + " size is addressed to the VIP, so it goes to the director or is filtered on the way"
                        : "");
        String fix = fullSized
                ? "Find where the ICMP errors go: capture icmp[icmptype] == icmp-unreach on the director while"
                        + " reproducing (drcheck then names the director that keeps them: IcmpErrorNotRelayed), and"
                        + " let ICMP type 3 code 4 through every firewall towards the VIP. Until then, "
                        + IcmpErrors.mssWorkaround(0) + "."
                : "Replies from " + rs.label() + " are lost on the way to the clients: check the path from the real"
                        + " server to them (its default route, firewalls that see only this direction of the"
                        + " traffic and drop it as invalid, packet loss).";
        out.add(this, rs, message, log, fix);
    }
}

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
 * Invariant 2, NAT variant: when the director NATs (forwarded frames carry the real server's address), the
 * replies must go back through the director to be translated back to the VIP. A real server that answers from its
 * own address straight to the client breaks every connection: the client never asked that address.
 */
public final class NatReplyBypassesDirector implements Check {
    private static final CheckInfo INFO = new CheckInfo("NatReplyBypassesDirector", Severity.ERROR, 2,
            "with NAT forwarding, a real server answers from its own address straight to the client, not via"
                    + " the director");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        Map<Long, List<PathShape>> byServer = context.vipFlows().stream()
                .filter(p -> p.natForwarded() && p.repliesSeen()
                        && p.replySrcIp() == p.deliveredIp() && p.replyDstMac() != 0
                        && !context.topology().isDirector(p.replyDstMac()))
                .collect(Collectors.groupingBy(PathShape::replySrcMac, LinkedHashMap::new, Collectors.toList()));
        byServer.forEach((server, paths) -> report(context, server, paths, out));
    }

    private void report(AnalysisContext context, long server, List<PathShape> paths, CheckOutput out) {
        PathShape first = paths.get(0);
        Host rs = Host.of(server, first.replySrcIp());
        String vip = Ipv4.format(first.serverIp());
        EvidenceLog log = EvidenceLog.merge(paths.stream().map(PathShape::replyFrames).toList());
        String director = context.topology().directors().isEmpty() ? "the director"
                : "the director " + context.host(context.topology().directors().get(0).mac());
        String message = "real server " + rs + " answers NAT-forwarded connections for VIP " + vip + " from "
                + rs.ipText() + " straight to the client instead of back through " + director
                + ", so clients reset them: " + Wording.count(log.count(), "flow", "flows");
        String fix = "Either keep NAT and make the director the real servers' way back: on " + rs.label()
                + " ip route replace default via DIP (the director's address on this LAN);\n"
                + "or switch the service to direct routing (ipvsadm -e -t " + vip + ":PORT -r RIP:PORT -g,"
                + " keepalived lb_kind DR) and on every real server:\n" + DrFixes.realServerSetup(first.serverIp());
        out.add(this, rs, message, log, fix);
    }
}

package dev.drcheck.core.check;

import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.frame.EvidenceLog;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.net.Mac;
import dev.drcheck.core.track.FlowDirection;
import dev.drcheck.core.track.LegShape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Invariant 1: a DR director switches a client's frame to a real server, changing the destination MAC only. A
 * director whose forwarded copies keep addresses, ports and payload but arrive with a lower TTL routes VIP traffic
 * instead (a route or policy rule sends the VIP to the real servers' addresses). One finding per director and VIP;
 * hops that also rewrite the destination are {@link ForwardedLegModified}'s.
 */
public final class DirectorRoutesInsteadOfSwitching implements Check {
    private static final CheckInfo INFO = new CheckInfo("DirectorRoutesInsteadOfSwitching", Severity.ERROR, 1,
            "the director routes VIP traffic to the real servers (TTL lowered, addresses kept) instead of"
                    + " switching it at layer 2");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    /** True for a client-to-server hop by a director that lowered the TTL and changed nothing else but MACs. */
    static boolean isRoutedHop(AnalysisContext context, LegShape leg) {
        return leg.direction() != FlowDirection.SERVER_TO_CLIENT && context.topology().isVip(leg.beforeDstIp())
                && context.topology().isDirector(leg.relayMac()) && leg.ttlDecrease() > 0
                && leg.afterDstIp() == leg.beforeDstIp() && leg.afterDstPort() == leg.beforeDstPort()
                && !leg.payloadChanged();
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        Map<String, List<LegShape>> byCause = new LinkedHashMap<>();
        for (LegShape leg : context.legs().shapes()) {
            if (isRoutedHop(context, leg)) {
                byCause.computeIfAbsent(Mac.format(leg.relayMac()) + "/" + leg.beforeDstIp(),
                        k -> new ArrayList<>()).add(leg);
            }
        }
        byCause.values().forEach(legs -> report(context, legs, out));
    }

    private void report(AnalysisContext context, List<LegShape> legs, CheckOutput out) {
        LegShape first = legs.get(0);
        Host director = context.host(first.relayMac());
        String vip = Ipv4.format(first.beforeDstIp());
        Set<Integer> drops = new LinkedHashSet<>();
        Set<String> nextHops = new LinkedHashSet<>();
        for (LegShape leg : legs) {
            drops.add(leg.ttlDecrease());
            nextHops.add(context.describe(leg.afterDstMac()));
        }
        EvidenceLog log = EvidenceLog.merge(legs.stream().map(LegShape::forwardedFrames).toList());
        String message = "director " + director + " routes VIP " + vip + " traffic instead of switching it: "
                + Wording.count(log.count(), "forwarded frame", "forwarded frames") + " to "
                + String.join(", ", nextHops) + " keep addresses and ports but have the TTL lowered by "
                + drops.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("")
                + "; DR rewrites only the destination MAC";
        String fix = "On " + director.label() + ", find the route or policy rule that sends " + vip + " to the real"
                + " servers (ip rule; ip route get " + vip + " from CLIENT iif DEVICE; it should say \"local " + vip
                + "\") and remove it, so that the VIP is a local address again and IPVS forwards at layer 2 (ipvsadm"
                + " -g, keepalived lb_kind DR). A real server on another subnet needs tunnelling (-i).";
        out.add(this, director, message, log, fix);
    }
}

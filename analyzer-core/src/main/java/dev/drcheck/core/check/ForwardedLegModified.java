package dev.drcheck.core.check;

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
 * Invariant 1: a DR director forwards a client's frame by rewriting the destination MAC only. A forwarded copy
 * whose destination IP or port or payload differ from the client's original is a finding, one per director and
 * VIP; a new destination IP means NAT is configured instead of DR. A copy that differs in its TTL alone is
 * {@link DirectorRoutesInsteadOfSwitching}'s.
 */
public final class ForwardedLegModified implements Check {
    private static final CheckInfo INFO = new CheckInfo("ForwardedLegModified", Severity.ERROR, 1,
            "the director rewrites the destination IP, port or payload of forwarded frames (NAT mode, port"
                    + " remapping)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        Map<String, List<LegShape>> byCause = new LinkedHashMap<>();
        boolean anyForwardedLeg = false;
        for (LegShape leg : context.legs().shapes()) {
            if (leg.direction() == FlowDirection.SERVER_TO_CLIENT || !context.topology().isVip(leg.beforeDstIp())
                    || !context.topology().isDirector(leg.relayMac())) {
                continue;
            }
            anyForwardedLeg = true;
            if (!leg.onlyMacsChanged() && !DirectorRoutesInsteadOfSwitching.isRoutedHop(context, leg)) {
                byCause.computeIfAbsent(Mac.format(leg.relayMac()) + "/" + leg.beforeDstIp(),
                        k -> new ArrayList<>()).add(leg);
            }
        }
        if (!anyForwardedLeg && context.topology().isKnown()) {
            out.notObserved("forwarded leg (invariant 1): no client frame was seen both before and after the"
                    + " director, so rewriting was not checked (the capture point sees one side of the director)");
        }
        for (List<LegShape> legs : byCause.values()) {
            report(context, legs, out);
        }
    }

    private void report(AnalysisContext context, List<LegShape> legs, CheckOutput out) {
        LegShape first = legs.get(0);
        int vip = first.beforeDstIp();
        Set<String> rewrittenIps = new LinkedHashSet<>();
        Set<String> rewrittenPorts = new LinkedHashSet<>();
        Set<Integer> ttlDrops = new LinkedHashSet<>();
        boolean payloadChanged = false;
        for (LegShape leg : legs) {
            if (leg.afterDstIp() != leg.beforeDstIp()) {
                rewrittenIps.add(Ipv4.format(leg.afterDstIp()));
            }
            if (leg.afterDstPort() != leg.beforeDstPort()) {
                rewrittenPorts.add(leg.beforeDstPort() + "->" + leg.afterDstPort());
            }
            if (leg.ttlDecrease() != 0) {
                ttlDrops.add(leg.ttlDecrease());
            }
            payloadChanged |= leg.payloadChanged();
        }
        EvidenceLog log = EvidenceLog.merge(legs.stream().map(LegShape::forwardedFrames).toList());
        List<String> changes = new ArrayList<>();
        if (!rewrittenIps.isEmpty()) {
            changes.add("destination IP " + Ipv4.format(vip) + " -> " + String.join(", ", rewrittenIps));
        }
        if (!rewrittenPorts.isEmpty()) {
            changes.add("destination port " + String.join(", ", rewrittenPorts));
        }
        if (!ttlDrops.isEmpty()) {
            changes.add("TTL lowered by " + ttlDrops.iterator().next());
        }
        if (payloadChanged) {
            changes.add("payload changed");
        }
        String mode = !rewrittenIps.isEmpty() ? "NAT (masquerading) forwarding, not direct routing"
                : !rewrittenPorts.isEmpty() ? "port remapping, which direct routing cannot do"
                : "a middlebox changing payloads";
        String message = "director " + context.host(first.relayMac()) + " changes frames it forwards for VIP "
                + Ipv4.format(vip) + ": " + String.join("; ", changes) + " (" + mode + ") in "
                + Wording.count(log.count(), "forwarded frame", "forwarded frames") + "; DR rewrites only the"
                + " destination MAC";
        out.add(this, context.host(first.relayMac()), message, log, fix(vip, rewrittenIps, rewrittenPorts));
    }

    private static String fix(int vip, Set<String> rewrittenIps, Set<String> rewrittenPorts) {
        String v = Ipv4.format(vip);
        if (!rewrittenIps.isEmpty()) {
            return "Switch the virtual service to direct routing: ipvsadm -e -t " + v + ":PORT -r RIP:PORT -g for"
                    + " each real server (keepalived: lb_kind DR), then on every real server:\n"
                    + DrFixes.realServerSetup(vip);
        }
        if (!rewrittenPorts.isEmpty()) {
            return "Direct routing cannot change ports: make each real server listen on the VIP's port, and give the"
                    + " real servers the same port as the virtual service in ipvsadm/keepalived.";
        }
        return "Something between the client's copy and the forwarded one changes payload bytes: look for a proxy, a"
                + " TCP optimiser or a NAT helper on the director's path to the real servers.";
    }
}

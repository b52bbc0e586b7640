package dev.drcheck.core.check;

import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.frame.EvidenceLog;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.net.Mac;
import dev.drcheck.core.track.IcmpErrorShape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Invariant 2: ICMP errors on VIP flows, reported with the flow. One finding per sender and kind of error (such as
 * a router saying "fragmentation needed, next-hop MTU 1000" about replies to clients behind it), with the flows
 * it was about, their real servers and where the errors went. Errors a director kept from the real servers are
 * {@link IcmpErrorNotRelayed}'s instead.
 */
public final class IcmpErrorOnVipFlow implements Check {
    private static final CheckInfo INFO = new CheckInfo("IcmpErrorOnVipFlow", Severity.WARNING, 2,
            "ICMP errors (fragmentation needed, unreachable, time exceeded) on VIP flows");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        Map<String, List<IcmpErrorShape>> byCause = new LinkedHashMap<>();
        for (IcmpErrorShape error : context.icmpErrors().shapes()) {
            if (!IcmpErrors.concernsVip(context, error) || IcmpErrors.keptByDirector(context, error)) {
                continue;
            }
            byCause.computeIfAbsent(Mac.format(error.senderMac()) + "/" + Ipv4.format(error.senderIp()) + "/"
                    + IcmpErrors.describe(error) + "/" + Ipv4.format(error.serverIp()) + ":" + error.serverPort(),
                    k -> new ArrayList<>()).add(error);
        }
        byCause.values().forEach(errors -> report(context, IcmpErrors.byFirstError(errors), out));
    }

    private void report(AnalysisContext context, List<IcmpErrorShape> errors, CheckOutput out) {
        IcmpErrorShape first = errors.get(0);
        Host sender = IcmpErrors.senderHost(context, first);
        EvidenceLog log = EvidenceLog.merge(errors.stream().map(IcmpErrorShape::errors).toList());
        Set<String> servers = new LinkedHashSet<>();
        Set<String> routes = new LinkedHashSet<>();
        for (IcmpErrorShape error : errors) {
            if (error.flowReceiverMac() != 0) {
                servers.add(context.describe(error.flowReceiverMac()));
            }
            routes.add(route(context, error));
        }
        String about = first.aboutServerPacket() ? "replies" : "client packets";
        String message = "host " + IcmpErrors.sender(context, first) + " reports "
                + IcmpErrors.describe(first) + " for VIP " + Ipv4.format(first.serverIp()) + ":" + first.serverPort()
                + " " + about + ": " + Wording.count(log.count(), "error", "errors") + " about "
                + IcmpErrors.flows(errors) + (servers.isEmpty() ? "" : " of " + String.join(", ", servers))
                + ", first " + IcmpErrors.firstFlow(first) + "; " + String.join("; ", routes);
        out.add(this, sender, message, log, fix(first));
    }

    /**
     * Where the errors went: "the director ... passed them on to the flow's real server", "sent to real server
     * ...", or the destination address alone when the capture has no destination MACs.
     */
    private static String route(AnalysisContext context, IcmpErrorShape error) {
        if (error.relayed() && context.topology().isDirector(error.firstHopDstMac())) {
            return "the director " + Mac.format(error.firstHopDstMac()) + " passed them on to the flow's real"
                    + " server";
        }
        if (error.firstHopDstMac() == 0) {
            return "sent to " + Ipv4.format(error.firstHopDstIp());
        }
        String relay = context.topology().isDirector(error.senderMac())
                ? "passed on by the director " + Mac.format(error.senderMac()) + " to " : "sent to ";
        return relay + context.describe(error.firstHopDstMac()) + (error.relayed() ? ", which passed them on" : "");
    }

    private static String fix(IcmpErrorShape error) {
        String sender = Ipv4.format(error.senderIp());
        if (IcmpErrors.isFragmentationNeeded(error)) {
            String mtu = error.smallestMtu() != 0 ? "an MTU of " + error.smallestMtu() : "a smaller MTU";
            return "A link beyond " + sender + " has " + mtu + ", smaller than the real servers' packets. Path-MTU"
                    + " discovery copes while every director passes these errors on to the flow's real server (IPVS"
                    + " does), at the cost of a retransmission per new path; to avoid even that, raise that link's"
                    + " MTU or " + IcmpErrors.mssWorkaround(error.smallestMtu()) + ".";
        }
        return switch (error.type()) {
            case IcmpErrors.TIME_EXCEEDED -> "Packets of these flows die in transit at " + sender + ": look for a"
                    + " routing loop between the real servers and the clients (traceroute from a real server, source"
                    + " address the VIP).";
            case IcmpErrors.DESTINATION_UNREACHABLE -> "Check routing and filtering at " + sender + " for the"
                    + " addresses in the flows: it cannot (or may not) deliver them; for port unreachable, nothing"
                    + " listens on the destination port.";
            default -> "Check " + sender + ": it rejects packets of these flows (" + IcmpErrors.describe(error)
                    + ").";
        };
    }
}

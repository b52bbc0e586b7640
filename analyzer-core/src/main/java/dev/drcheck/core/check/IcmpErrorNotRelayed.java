package dev.drcheck.core.check;

import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.frame.EvidenceLog;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.net.Mac;
import dev.drcheck.core.track.IcmpErrorShape;
import dev.drcheck.core.track.LegShape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Invariant 2: an ICMP error about a real server's reply (such as "fragmentation needed" from a router with a
 * smaller MTU towards the client) is addressed to the VIP, so it reaches the director, which must pass it on to
 * the real server of the flow, as IPVS does. One finding per director and VIP service whose ICMP errors end at
 * the director or go to another real server than the flow's: the real server never learns of the failure, and
 * for "fragmentation needed" its full-sized replies are lost for good (a path-MTU black hole).
 */
public final class IcmpErrorNotRelayed implements Check {
    private static final CheckInfo INFO = new CheckInfo("IcmpErrorNotRelayed", Severity.ERROR, 2,
            "the director does not pass ICMP errors about VIP replies on to the flow's real server (path-MTU"
                    + " black hole)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        Map<String, List<IcmpErrorShape>> byCause = new LinkedHashMap<>();
        Set<Long> unseenDirectors = new LinkedHashSet<>();
        for (IcmpErrorShape error : context.icmpErrors().shapes()) {
            if (!IcmpErrors.concernsVip(context, error) || !IcmpErrors.keptByDirector(context, error)) {
                continue;
            }
            long director = error.firstHopDstMac();
            if (!error.relayed() && !forwardsInView(context, director)) {
                unseenDirectors.add(director);
                continue;
            }
            byCause.computeIfAbsent(Mac.format(director) + "/" + Ipv4.format(error.serverIp()) + ":"
                    + error.serverPort(), k -> new ArrayList<>()).add(error);
        }
        for (long director : unseenDirectors) {
            out.notObserved("ICMP errors relayed by the director: ICMP errors for VIP flows reached director "
                    + Mac.format(director) + ", but nothing it forwards passes this capture point, so whether it"
                    + " passed them on was not checked");
        }
        byCause.values().forEach(errors -> report(context, IcmpErrors.byFirstError(errors), out));
    }

    /** True when the capture shows frames the director forwarded, so a relayed ICMP error would show too. */
    private static boolean forwardsInView(AnalysisContext context, long director) {
        for (LegShape leg : context.legs().shapes()) {
            if (leg.relayMac() == director) {
                return true;
            }
        }
        return false;
    }

    private void report(AnalysisContext context, List<IcmpErrorShape> errors, CheckOutput out) {
        IcmpErrorShape first = errors.get(0);
        Host director = context.host(first.firstHopDstMac());
        EvidenceLog log = EvidenceLog.merge(errors.stream().map(IcmpErrorShape::errors).toList());
        long kept = errors.stream().filter(e -> !e.relayed()).mapToLong(e -> e.errors().count()).sum();
        long misdirected = log.count() - kept;
        Set<String> kinds = new LinkedHashSet<>();
        Set<String> senders = new LinkedHashSet<>();
        Set<String> servers = new LinkedHashSet<>();
        int smallestMtu = 0;
        for (IcmpErrorShape error : errors) {
            kinds.add(IcmpErrors.describe(error));
            senders.add(IcmpErrors.sender(context, error));
            if (error.flowReceiverMac() != 0) {
                servers.add(context.host(error.flowReceiverMac()).toString());
            }
            if (IcmpErrors.isFragmentationNeeded(error) && error.smallestMtu() != 0
                    && (smallestMtu == 0 || error.smallestMtu() < smallestMtu)) {
                smallestMtu = error.smallestMtu();
            }
        }
        List<String> outcome = new ArrayList<>();
        if (kept > 0) {
            outcome.add(Wording.count(kept, "error", "errors") + " never left it");
        }
        if (misdirected > 0) {
            outcome.add(Wording.count(misdirected, "error", "errors") + " went to another real server than the"
                    + " flow's");
        }
        String service = Ipv4.format(first.serverIp()) + ":" + first.serverPort();
        String consequence = smallestMtu != 0
                ? "the real servers never learn the path MTU of " + smallestMtu + " and keep sending replies too"
                        + " large for it, which are lost (a path-MTU black hole)"
                : "the real servers never learn that their replies fail";
        String message = "director " + director + " does not pass ICMP errors about VIP " + service + " replies on"
                + " to the real servers: " + Wording.count(log.count(), "error", "errors") + " ("
                + String.join(", ", kinds) + ") sent by " + String.join(", ", senders) + " about "
                + IcmpErrors.flows(errors) + (servers.isEmpty() ? "" : " of " + String.join(", ", servers))
                + ", first " + IcmpErrors.firstFlow(first) + "; " + String.join(", ", outcome) + "; " + consequence;
        out.add(this, director, message, log, fix(director, smallestMtu));
    }

    private static String fix(Host director, int mtu) {
        String fix = "IPVS passes ICMP errors for the connections it tracks on to their real server. On "
                + director.label() + ", let ICMP errors in (nft add rule inet filter input icmp type"
                + " destination-unreachable accept), check that the connections are tracked while they run (ipvsadm"
                + " -Lnc), and with a firewall-mark service mark the ICMP errors too; a director that is not IPVS"
                + " (a stateless or nftables forwarder) must forward ICMP errors by the quoted packet's flow.";
        if (mtu == 0) {
            return fix;
        }
        return fix + " Until then, keep replies within the path MTU: " + IcmpErrors.mssWorkaround(mtu) + ".";
    }
}

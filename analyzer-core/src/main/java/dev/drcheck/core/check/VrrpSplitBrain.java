package dev.drcheck.core.check;

import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.frame.EvidenceLog;
import dev.drcheck.core.track.VrrpRouter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Invariant 3, for a director pair: one VRRP master per virtual router. Two routers that both keep advertising
 * for one VRID, their adverts interleaved, both believe they are master: a split brain, in which both hold the
 * VIP and answer ARP for it. The ARP side of the same split brain (the VIP moving back and forth between the two,
 * {@link VipFlapping}) is not reported again.
 */
public final class VrrpSplitBrain implements Check {
    /** Overlapping adverts each router must have sent: fewer are the moment of an ordinary takeover. */
    static final int MIN_CONCURRENT_ADVERTS = 3;

    private static final CheckInfo INFO = new CheckInfo("VrrpSplitBrain", Severity.ERROR, 3,
            "two VRRP routers advertise as master for one VRID at the same time (split brain)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        for (List<VrrpRouter> group : VrrpGroups.of(context.vrrp())) {
            List<VrrpRouter> masters = masters(group);
            if (masters.size() >= 2) {
                report(context, masters, out);
            }
        }
    }

    /** True when a split brain this check reports is over {@code address}: its masters advertise it. */
    static boolean covers(AnalysisContext context, int address) {
        return VrrpGroups.of(context.vrrp()).stream().map(VrrpSplitBrain::masters)
                .anyMatch(masters -> masters.size() >= 2 && masters.get(0).advertises(address));
    }

    /**
     * The routers of one virtual router that kept advertising while another did ({@value #MIN_CONCURRENT_ADVERTS}
     * overlapping adverts or more), highest priority first; two or more are a split brain.
     */
    static List<VrrpRouter> masters(List<VrrpRouter> group) {
        List<VrrpRouter> masters = new ArrayList<>(group.stream()
                .filter(r -> r.concurrent().count() >= MIN_CONCURRENT_ADVERTS).toList());
        masters.sort(Comparator.comparingInt(VrrpRouter::maxPriority).reversed().thenComparingLong(VrrpRouter::mac));
        return masters;
    }

    private void report(AnalysisContext context, List<VrrpRouter> masters, CheckOutput out) {
        VrrpRouter lowest = masters.get(masters.size() - 1);
        Host culprit = context.vrrpHost(lowest);
        List<String> names = new ArrayList<>();
        List<EvidenceLog> logs = new ArrayList<>();
        for (VrrpRouter router : masters) {
            names.add(context.vrrpHost(router) + " (priority " + router.maxPriority() + ")");
            logs.add(router.concurrent());
        }
        EvidenceLog log = EvidenceLog.merge(logs);
        String message = "VRRP split brain on " + VrrpGroups.label(lowest) + " for " + VrrpGroups.addresses(lowest)
                + ": " + String.join(" and ", names) + " both advertise as master at the same time: "
                + Wording.count(log.count(), "overlapping advert", "overlapping adverts")
                + "; " + culprit + " has the lower priority and should be the backup";
        out.add(this, culprit, message, log, fix(context, masters));
    }

    private static String fix(AnalysisContext context, List<VrrpRouter> masters) {
        List<String> hosts = masters.stream().map(r -> context.vrrpHost(r).label()).toList();
        return "Each router does not hear the other's adverts. On each of " + String.join(" and ", hosts) + ":\n"
                + "- capture the adverts: tcpdump -ni eth0 vrrp (each must see the other's, priority and VRID);\n"
                + "- a firewall dropping VRRP (IP protocol 112): nft list ruleset | grep -E 'vrrp|112'"
                + " (or iptables-save | grep -E 'vrrp|112'); allow it, e.g. nft add rule inet filter input"
                + " ip protocol vrrp accept;\n"
                + "- multicast to 224.0.0.18 dropped by a switch (IGMP snooping): configure unicast_peer with the"
                + " other router's address in the vrrp_instance on both;\n"
                + "- mismatched authentication (auth_type, auth_pass) or virtual_router_id between the two"
                + " keepalived.conf files: journalctl -u keepalived shows the rejected adverts.";
    }
}

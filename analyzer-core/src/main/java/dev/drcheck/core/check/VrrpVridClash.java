package dev.drcheck.core.check;

import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.frame.EvidenceLog;
import dev.drcheck.core.track.VrrpRouter;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Invariant 3, for a director pair: one VRID is one virtual router. Routers advertising one VRID with different
 * address lists are two unrelated clusters sharing the VRID; each side rejects the other's adverts, or, worse,
 * takes them as its own and gives up the VIP. The foreign router is the one whose addresses are not a VIP of the
 * DR cluster (when the capture shows the cluster's VIP), else the one that sent fewer adverts.
 */
public final class VrrpVridClash implements Check {
    private static final CheckInfo INFO = new CheckInfo("VrrpVridClash", Severity.WARNING, 3,
            "routers advertise one VRID for different addresses (two clusters share a virtual_router_id)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        for (List<VrrpRouter> group : VrrpGroups.of(context.vrrp())) {
            if (group.stream().map(r -> Arrays.toString(r.addresses())).distinct().count() < 2) {
                continue;
            }
            VrrpRouter home = group.stream()
                    .max(Comparator.comparing((VrrpRouter r) -> holdsVip(context, r))
                            .thenComparingLong(r -> r.adverts().count() + r.resigns().count()))
                    .orElseThrow();
            for (VrrpRouter router : group) {
                if (!Arrays.equals(router.addresses(), home.addresses())) {
                    report(context, router, home, out);
                }
            }
        }
    }

    private static boolean holdsVip(AnalysisContext context, VrrpRouter router) {
        return Arrays.stream(router.addresses()).anyMatch(a -> context.topology().isVip(a));
    }

    private void report(AnalysisContext context, VrrpRouter foreign, VrrpRouter home, CheckOutput out) {
        Host culprit = context.vrrpHost(foreign);
        EvidenceLog log = EvidenceLog.merge(List.of(foreign.adverts(), foreign.resigns()));
        String message = "router " + culprit + " advertises " + VrrpGroups.label(foreign) + " for "
                + VrrpGroups.addresses(foreign) + ", while " + context.vrrpHost(home) + " advertises it for "
                + VrrpGroups.addresses(home) + ": two virtual routers share one VRID: "
                + Wording.count(log.count(), "advert", "adverts");
        String fix = "Give one of the two clusters another virtual_router_id (unique on the LAN, 1-255): on "
                + culprit.label() + ", change virtual_router_id " + foreign.vrid() + " in its vrrp_instance and"
                + " restart keepalived. List the VRIDs already in use with: tcpdump -ni eth0 vrrp";
        out.add(this, culprit, message, log, fix);
    }
}

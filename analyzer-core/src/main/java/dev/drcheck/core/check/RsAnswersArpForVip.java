package dev.drcheck.core.check;

import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.frame.EvidenceLog;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.topology.Vip;
import dev.drcheck.core.track.ArpBinding;

import java.util.List;

/**
 * Invariant 3: only the director answers ARP for the VIP. A real server that answers (arp_ignore not set)
 * races the director; whichever reply a client keeps decides whether the director is bypassed.
 */
public final class RsAnswersArpForVip implements Check {
    private static final CheckInfo INFO = new CheckInfo("RsAnswersArpForVip", Severity.ERROR, 3,
            "a host other than the director answers ARP for the VIP (arp_ignore not set on a real server)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        boolean anyClaim = false;
        for (Vip vip : context.topology().vips()) {
            for (ArpBinding binding : context.arp().bindingsOfIp(vip.ip())) {
                if (!binding.claims()) {
                    continue;
                }
                anyClaim = true;
                if (!context.topology().directors().isEmpty() && !context.topology().isDirector(binding.mac())
                        && !leftToVrrpChecks(context, vip, binding)) {
                    report(context, vip, binding, out);
                }
            }
        }
        if (!anyClaim && context.topology().isKnown() && !context.macsMissing(out, "who answers ARP for the VIP")) {
            out.notObserved("ARP (invariant 3): no ARP reply for a VIP passed this capture point (caches were"
                    + " warm, or replies went elsewhere), so who answers ARP for the VIP was not checked");
        }
    }

    /**
     * True when a host that is not a real server answers for a VIP that VRRP manages: a VRRP router or a host holding
     * the VIP outside keepalived, which {@link VrrpSplitBrain} and {@link VipHeldByVrrpBackup} name.
     */
    private static boolean leftToVrrpChecks(AnalysisContext context, Vip vip, ArpBinding binding) {
        return context.vrrp().isAdvertised(vip.ip()) && !context.topology().isRealServer(binding.mac());
    }

    private void report(AnalysisContext context, Vip vip, ArpBinding binding, CheckOutput out) {
        Host culprit = context.host(binding.mac());
        EvidenceLog log = EvidenceLog.merge(List.of(binding.replies(), binding.gratuitous()));
        String message = context.describe(binding.mac()) + " answers ARP for VIP " + Ipv4.format(vip.ip())
                + ", which only the director may do: " + Wording.count(log.count(), "ARP reply", "ARP replies");
        String fix = "On " + culprit.label()
                + ", stop answering ARP for addresses on lo:\n" + DrFixes.arpSysctls()
                + "\n(sysctl -p /etc/sysctl.d/90-lvs-dr.conf), then flush the VIP on clients and routers:"
                + " ip neigh flush to " + Ipv4.format(vip.ip());
        out.add(this, culprit, message, log, fix);
    }
}

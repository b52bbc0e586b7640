package dev.drcheck.core.check;

import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.topology.Vip;
import dev.drcheck.core.track.ArpBinding;

/**
 * Invariant 3: a real server must not use the VIP as the sender address of its own ARP requests
 * (arp_announce not set); neighbours that learn from those requests re-point the VIP to the real server.
 */
public final class RsAnnouncesVip implements Check {
    private static final CheckInfo INFO = new CheckInfo("RsAnnouncesVip", Severity.ERROR, 3,
            "a real server sends ARP requests with the VIP as sender address (arp_announce not set)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        if (context.topology().directors().isEmpty()) {
            return;
        }
        for (Vip vip : context.topology().vips()) {
            for (ArpBinding binding : context.arp().bindingsOfIp(vip.ip())) {
                if (!binding.requests().isEmpty() && !context.topology().isDirector(binding.mac())) {
                    Host culprit = context.host(binding.mac());
                    String message = context.describe(binding.mac()) + " sends ARP requests from VIP "
                            + Ipv4.format(vip.ip()) + ", so neighbours may map the VIP to it: "
                            + Wording.count(binding.requests().count(), "request", "requests");
                    String fix = "On " + culprit.label()
                            + ", use its own address in ARP requests:\n" + DrFixes.arpSysctls()
                            + "\nthen flush the VIP on clients and routers: ip neigh flush to "
                            + Ipv4.format(vip.ip());
                    out.add(this, culprit, message, binding.requests(), fix);
                }
            }
        }
    }
}

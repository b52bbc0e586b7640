package dev.drcheck.core.check;

import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.frame.EvidenceLog;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.track.ArpBinding;
import dev.drcheck.core.track.VrrpRouter;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Invariant 3, for a director pair: only the VRRP master holds the VIP. A host that answers ARP for an address a
 * VRRP master advertises, but never advertised it as master itself, holds the VIP outside keepalived (typically a
 * backup director with the VIP configured statically): clients that keep its ARP reply bypass the master. A real
 * server doing so is {@link RsAnswersArpForVip}.
 */
public final class VipHeldByVrrpBackup implements Check {
    private static final CheckInfo INFO = new CheckInfo("VipHeldByVrrpBackup", Severity.ERROR, 3,
            "a host that is not the VRRP master answers ARP for the VIP (VIP configured outside keepalived)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        Set<String> reported = new HashSet<>();
        for (VrrpRouter master : context.vrrp().routers()) {
            if (master.adverts().isEmpty()) {
                continue;
            }
            for (int address : master.addresses()) {
                for (ArpBinding binding : context.arp().bindingsOfIp(address)) {
                    if (binding.claims() && !isMasterOf(context, binding.mac(), address)
                            && !context.topology().isRealServer(binding.mac())
                            && reported.add(binding.mac() + "/" + address)) {
                        report(context, binding, master, out);
                    }
                }
            }
        }
    }

    /** True when {@code mac} advertised {@code address} as a VRRP master (priority above 0). */
    private static boolean isMasterOf(AnalysisContext context, long mac, int address) {
        return context.vrrp().routers().stream()
                .anyMatch(r -> r.mac() == mac && r.advertises(address) && !r.adverts().isEmpty());
    }

    private void report(AnalysisContext context, ArpBinding binding, VrrpRouter master, CheckOutput out) {
        Host culprit = context.host(binding.mac());
        String vip = Ipv4.format(binding.ip());
        EvidenceLog log = EvidenceLog.merge(List.of(binding.replies(), binding.gratuitous()));
        String message = "host " + culprit + " answers ARP for " + vip + ", which " + VrrpGroups.label(master)
                + " gives to its master " + context.vrrpHost(master) + ", but never advertised it as VRRP master:"
                + " the VIP is held outside keepalived: " + Wording.count(log.count(), "ARP reply", "ARP replies");
        String fix = "On " + culprit.label() + ", remove the VIP that keepalived does not manage: ip addr del "
                + vip + "/32 dev eth0, and from the host's network configuration (/etc/network/interfaces,"
                + " netplan, systemd-networkd); keepalived adds it on the master only. Compare ip -br addr on both"
                + " directors, then flush the VIP on clients and routers: ip neigh flush to " + vip;
        out.add(this, culprit, message, log, fix);
    }
}

package dev.drcheck.core.check;

import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.frame.EvidenceLog;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.topology.Vip;
import dev.drcheck.core.track.ClaimChange;

import java.util.List;

/**
 * Invariant 3, over time: the VIP moved from one director to another once or twice, announced by ARP. That is
 * a failover (keepalived/VRRP doing its job), reported so that the engineer knows which director served which
 * part of the capture; repeated changes are {@link VipFlapping}. A VIP that a VRRP router advertises is left to
 * {@link VrrpFailover}, which sees the takeover in the adverts.
 */
public final class VipFailover implements Check {
    /** More takeovers than this are flapping, not a failover (and a failback). */
    static final int MAX_FAILOVER_TAKEOVERS = 2;

    private static final CheckInfo INFO = new CheckInfo("VipFailover", Severity.INFO, 3,
            "the VIP moved from one director to another (a failover announced by ARP)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        for (Vip vip : context.topology().vips()) {
            List<ClaimChange> owners = VipOwnership.directorTakeovers(context, vip.ip());
            int takeovers = owners.size() - 1;
            if (takeovers < 1 || takeovers > MAX_FAILOVER_TAKEOVERS || context.vrrp().isAdvertised(vip.ip())) {
                continue;
            }
            ClaimChange last = owners.get(owners.size() - 1);
            Host newOwner = context.host(last.mac());
            EvidenceLog log = new EvidenceLog();
            owners.subList(1, owners.size()).forEach(c -> log.record(c.frame(), c.timestampNanos()));
            String message = "VIP " + Ipv4.format(vip.ip()) + " moved from director "
                    + context.host(owners.get(0).mac()) + " to " + newOwner
                    + (last.gratuitous() ? ", announced by gratuitous ARP" : ", by an ARP reply")
                    + (takeovers == 2 ? ", and back" : "") + ": a failover";
            String fix = "Nothing to fix if the failover was intended. Otherwise find out why the first director"
                    + " gave the VIP up: keepalived's log (journalctl -u keepalived) on both directors, VRRP"
                    + " priorities and the health of the first director.";
            out.add(this, newOwner, message, log, fix);
        }
    }
}

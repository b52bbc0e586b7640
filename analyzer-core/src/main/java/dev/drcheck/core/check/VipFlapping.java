package dev.drcheck.core.check;

import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.frame.EvidenceLog;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.topology.Vip;
import dev.drcheck.core.track.ClaimChange;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Invariant 3, over time: only one director owns the VIP. Ownership that keeps changing between directors
 * means both believe they are master (VRRP split brain), and clients' ARP entries jump back and forth. When the
 * capture also shows the VRRP adverts of that split brain, {@link VrrpSplitBrain} reports it instead, with its
 * cause.
 */
public final class VipFlapping implements Check {
    private static final CheckInfo INFO = new CheckInfo("VipFlapping", Severity.ERROR, 3,
            "the VIP keeps moving between directors (both act as master: VRRP split brain)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        for (Vip vip : context.topology().vips()) {
            List<ClaimChange> owners = VipOwnership.directorTakeovers(context, vip.ip());
            int takeovers = owners.size() - 1;
            if (takeovers <= VipFailover.MAX_FAILOVER_TAKEOVERS || VrrpSplitBrain.covers(context, vip.ip())) {
                continue;
            }
            Host last = context.host(owners.get(owners.size() - 1).mac());
            EvidenceLog log = new EvidenceLog();
            owners.subList(1, owners.size()).forEach(c -> log.record(c.frame(), c.timestampNanos()));
            String directors = owners.stream().map(ClaimChange::mac).distinct()
                    .map(mac -> context.host(mac).toString()).collect(Collectors.joining(" and "));
            double seconds = (owners.get(owners.size() - 1).timestampNanos() - owners.get(1).timestampNanos())
                    / 1e9;
            String message = "VIP " + Ipv4.format(vip.ip()) + " moves back and forth between directors "
                    + directors + ": " + takeovers + " takeovers in " + String.format(Locale.ROOT, "%.1f", seconds)
                    + " s, so both act as master";
            String fix = "Make the directors agree on one master: check that VRRP adverts reach each other (same"
                    + " virtual_router_id and authentication, unicast_peer or multicast allowed, firewall passes"
                    + " IP protocol 112: nft add rule inet filter input ip protocol vrrp accept), different"
                    + " priorities, and keepalived's log on both (journalctl -u keepalived).";
            out.add(this, last, message, log, fix);
        }
    }
}

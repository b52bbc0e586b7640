package dev.drcheck.core.check;

import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.frame.EvidenceLog;
import dev.drcheck.core.track.ClaimChange;
import dev.drcheck.core.track.VrrpRouter;
import dev.drcheck.core.track.VrrpTakeover;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Invariant 3, over time, for a director pair: a VRRP takeover. Another router became master of a VRID once or
 * twice (its first advert after the old master resigned with a priority-0 advert or fell silent), normally followed
 * by its gratuitous ARPs for the VIP. Reported as information, so the engineer knows which director served which
 * part of the capture; for the VIPs a VRRP router advertises it replaces {@link VipFailover}. Not a failover: a
 * "takeover" between routers advertising different addresses ({@link VrrpVridClash}), any takeover of a virtual
 * router in split brain ({@link VrrpSplitBrain}), and more than two takeovers in one capture.
 */
public final class VrrpFailover implements Check {
    private static final CheckInfo INFO = new CheckInfo("VrrpFailover", Severity.INFO, 3,
            "another VRRP router became master of a VRID (a failover)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        for (List<VrrpRouter> group : VrrpGroups.of(context.vrrp())) {
            VrrpRouter any = group.get(0);
            List<VrrpTakeover> takeovers = context.vrrp().takeovers(any.vlan(), any.vrid());
            if (takeovers.isEmpty() || takeovers.size() > VipFailover.MAX_FAILOVER_TAKEOVERS
                    || VrrpSplitBrain.masters(group).size() >= 2) {
                continue;
            }
            for (VrrpTakeover takeover : takeovers) {
                VrrpRouter from = context.vrrp().router(takeover.previousMaster());
                VrrpRouter to = context.vrrp().router(takeover.newMaster());
                if (Arrays.equals(from.addresses(), to.addresses())) {
                    report(context, takeover, from, to, out);
                }
            }
        }
    }

    private void report(AnalysisContext context, VrrpTakeover takeover, VrrpRouter from, VrrpRouter to,
                        CheckOutput out) {
        Host culprit = context.vrrpHost(to);
        EvidenceLog log = new EvidenceLog();
        if (takeover.resigned()) {
            log.record(takeover.resignFrame(), takeover.resignNanos());
        }
        log.record(takeover.frame(), takeover.timestampNanos());
        Optional<ClaimChange> garp = firstGratuitousArp(context, to, takeover.timestampNanos());
        garp.ifPresent(c -> log.record(c.frame(), c.timestampNanos()));
        String message = VrrpGroups.label(to) + " (" + VrrpGroups.addresses(to) + ") moved from master "
                + context.vrrpHost(from) + " to " + culprit
                + (takeover.resigned() ? ", after a priority-0 (resign) advert" : ", after its adverts stopped")
                + (garp.isPresent() ? ", announced by gratuitous ARP" : ", with no gratuitous ARP seen")
                + ": a failover";
        String fix = "Nothing to fix if the failover was intended. Otherwise find out why " + context.vrrpHost(from)
                + " gave up: keepalived's log (journalctl -u keepalived) on both directors, their priorities and"
                + " tracked scripts or interfaces.";
        out.add(this, culprit, message, log, fix);
    }

    /** The new master's first gratuitous ARP for one of its addresses at or after its first advert. */
    private static Optional<ClaimChange> firstGratuitousArp(AnalysisContext context, VrrpRouter to, long since) {
        Optional<ClaimChange> first = Optional.empty();
        for (int address : to.addresses()) {
            for (ClaimChange change : context.arp().claimChanges(address)) {
                if (change.mac() == to.mac() && change.gratuitous() && change.timestampNanos() >= since
                        && (first.isEmpty() || change.timestampNanos() < first.get().timestampNanos())) {
                    first = Optional.of(change);
                }
            }
        }
        return first;
    }
}

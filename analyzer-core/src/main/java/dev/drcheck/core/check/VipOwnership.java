package dev.drcheck.core.check;

import dev.drcheck.core.track.ClaimChange;

import java.util.ArrayList;
import java.util.List;

/** Which directors claimed a VIP in ARP, in the order they took over: what the failover checks share. */
final class VipOwnership {
    private VipOwnership() {
    }

    /**
     * The changes of the VIP's claimant among the directors only (real servers answering ARP are another
     * check's business), each a takeover by another director than the previous one; the first entry is the
     * first claimant.
     */
    static List<ClaimChange> directorTakeovers(AnalysisContext context, int vip) {
        List<ClaimChange> takeovers = new ArrayList<>();
        for (ClaimChange change : context.arp().claimChanges(vip)) {
            if (context.topology().isDirector(change.mac())
                    && (takeovers.isEmpty() || takeovers.get(takeovers.size() - 1).mac() != change.mac())) {
                takeovers.add(change);
            }
        }
        return takeovers;
    }
}

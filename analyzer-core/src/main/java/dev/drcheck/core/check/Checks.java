package dev.drcheck.core.check;

import java.util.List;
import java.util.Optional;

/** The registry: every check drcheck runs, listed explicitly, in the order of the DR invariants. */
public final class Checks {
    private static final List<Check> ALL = List.of(
            new ForwardedLegModified(),
            new DirectorRoutesInsteadOfSwitching(),
            new FlowSplitAcrossRealServers(),
            new NonDrForwardingMethod(),
            new PortRemappedInDr(),
            new UnconfiguredRealServer(),
            new ConfiguredRealServerIdle(),
            new WeightImbalance(),
            new PersistenceBroken(),
            new ReplyFromRip(),
            new ReplyViaDirector(),
            new NatReplyBypassesDirector(),
            new IcmpErrorNotRelayed(),
            new IcmpErrorOnVipFlow(),
            new RepliesLostAfterHandshake(),
            new RsAnswersArpForVip(),
            new RsAnnouncesVip(),
            new VipFailover(),
            new VipFlapping(),
            new VrrpSplitBrain(),
            new VrrpVridClash(),
            new VipHeldByVrrpBackup(),
            new VrrpFailover(),
            new DirectorBypassed(),
            new SynUnanswered(),
            new RstFromRs(),
            new DeadRealServer());

    private Checks() {
    }

    /** Every registered check. */
    public static List<Check> all() {
        return ALL;
    }

    /** The check with this id (case-insensitive), if there is one. */
    public static Optional<Check> byId(String id) {
        return ALL.stream().filter(c -> c.info().id().equalsIgnoreCase(id)).findFirst();
    }
}

package dev.drcheck.core.report;

import dev.drcheck.core.finding.Finding;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.topology.DrTopology;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The result of analysing one capture: the topology used, the findings (most severe first), the per-real-server
 * handshake table, what the capture point could not show, and reading statistics.
 *
 * @param topology the cluster the capture was checked against
 * @param findings one per cause, most severe first
 * @param realServers handshake counts per real server
 * @param notObserved what this capture cannot verify, one line each (not violations)
 * @param stats what was read
 * @param services the real-server table split by VIP service
 * @param vipOwners who answers ARP for each VIP now, for the VIPs someone claimed
 */
public record Report(DrTopology topology, List<Finding> findings, List<RealServerStats> realServers,
                     List<String> notObserved, CaptureStats stats, List<ServiceStats> services,
                     List<VipOwner> vipOwners) {

    private static final Comparator<Finding> MOST_SEVERE_FIRST =
            Comparator.comparing(Finding::severity).reversed().thenComparing(Finding::checkId);

    /** Sorts the findings most severe first and copies the lists. */
    public Report {
        findings = findings.stream().sorted(MOST_SEVERE_FIRST).toList();
        realServers = List.copyOf(realServers);
        notObserved = List.copyOf(notObserved);
        services = List.copyOf(services);
        vipOwners = List.copyOf(vipOwners);
    }

    /** A report without the per-service table and VIP owners (reports built by hand, in tests and tools). */
    public Report(DrTopology topology, List<Finding> findings, List<RealServerStats> realServers,
                  List<String> notObserved, CaptureStats stats) {
        this(topology, findings, realServers, notObserved, stats, List.of(), List.of());
    }

    /** The most severe finding's severity, or empty when there is no finding. */
    public Optional<Severity> worstSeverity() {
        return findings.stream().map(Finding::severity).max(Comparator.naturalOrder());
    }

    /** Which findings count toward a failing exit: as severe as {@code threshold} or more, not in {@code baseline}. */
    public static Predicate<Finding> counting(Severity threshold, Baseline baseline) {
        return f -> f.severity().compareTo(threshold) >= 0 && !baseline.contains(f);
    }

    /** True when some finding is at least as severe as {@code threshold} and not in {@code baseline}. */
    public boolean hasFindingsAtOrAbove(Severity threshold, Baseline baseline) {
        return findings.stream().anyMatch(counting(threshold, baseline));
    }

    /**
     * The outcome: the worst finding's severity when it is an error or a warning; else {@link Verdict#INCOMPLETE}
     * when the capture lost frames or the checks left flows out ({@link LossStats#any()}); else info or ok.
     */
    public Verdict verdict() {
        Optional<Severity> worst = worstSeverity();
        if (worst.isPresent() && worst.get() == Severity.ERROR) {
            return Verdict.ERROR;
        }
        if (worst.isPresent() && worst.get() == Severity.WARNING) {
            return Verdict.WARNING;
        }
        if (stats.loss().any()) {
            return Verdict.INCOMPLETE;
        }
        return worst.isPresent() ? Verdict.INFO : Verdict.OK;
    }

    /** Number of findings of one severity. */
    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}

package dev.drcheck.core.check;

import dev.drcheck.core.config.ClusterConfig;
import dev.drcheck.core.config.ConfiguredRealServer;
import dev.drcheck.core.config.VirtualService;
import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.frame.EvidenceLog;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.topology.RealServer;
import dev.drcheck.core.track.PathShape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the capture with the configuration: how the director spread a service's flows over its real servers
 * is far from the configured weights. For each real server, an exact two-sided binomial test of its flow count
 * against its configured share; a finding when at least {@value #MIN_FLOWS} flows were seen and the smallest
 * p-value, times the number of real servers (Bonferroni), is below {@value #ALPHA}. Only schedulers whose shares
 * follow from the weights are judged (wrr, wlc, sed, nq by weight; rr, lc equally); hashing, locality and failover
 * schedulers and persistent services are not, since their flows are not independent draws.
 */
public final class WeightImbalance implements Check {
    /** Fewest flows judged. */
    static final int MIN_FLOWS = 10;
    /** Significance level, after the Bonferroni correction. */
    static final double ALPHA = 0.01;

    private static final Set<String> BY_WEIGHT = Set.of("wrr", "wlc", "sed", "nq");
    private static final Set<String> EQUAL = Set.of("rr", "lc");

    private static final CheckInfo INFO = new CheckInfo("WeightImbalance", Severity.WARNING, 1,
            "the director spreads a service's flows far from the configured weights (binomial test, p < 0.01)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        ConfigView.forEachVipService(context, (config, service) -> evaluate(context, config, service, out));
    }

    private void evaluate(AnalysisContext context, ClusterConfig config, VirtualService service,
                          CheckOutput out) {
        String scheduler = service.scheduler().toLowerCase(Locale.ROOT);
        boolean byWeight = BY_WEIGHT.contains(scheduler);
        if (!byWeight && !EQUAL.contains(scheduler) || service.persistent()) {
            if (!ConfigView.flowsOf(context, service).isEmpty()) {
                out.notObserved("weights of " + service.address() + ": "
                        + (service.persistent() ? "the service is persistent, so flows of one client stay on"
                        + " one real server" : "scheduler " + service.scheduler() + " does not share flows by"
                        + " weight alone") + "; the flow distribution was not compared with the weights");
            }
            return;
        }
        judge(context, config, service, byWeight, out);
    }

    private void judge(AnalysisContext context, ClusterConfig config, VirtualService service, boolean byWeight,
                       CheckOutput out) {
        List<PathShape> chosen = ConfigView.chosenByDirector(context, service);
        Map<Long, Long> perReceiver = ConfigView.flowsPerReceiver(chosen);
        if (perReceiver.keySet().stream().anyMatch(m -> !context.host(m).ipKnown())) {
            out.notObserved("weights of " + service.address() + ": ARP did not show the address of every real"
                    + " server that got flows, so the distribution was not compared with the weights");
            return;
        }
        List<ConfiguredRealServer> active = service.realServers().stream().filter(rs -> rs.weight() > 0).toList();
        if (active.size() < 2) {
            return;
        }
        long[] got = new long[active.size()];
        long[] macs = new long[active.size()];
        long n = 0;
        for (int i = 0; i < active.size(); i++) {
            Optional<RealServer> rs = context.topology().realServerByIp(active.get(i).ip());
            macs[i] = rs.map(r -> r.host().mac()).orElse(0L);
            got[i] = macs[i] == 0 ? 0 : perReceiver.getOrDefault(macs[i], 0L);
            n += got[i];
        }
        if (n < MIN_FLOWS) {
            return;
        }
        int totalWeight = active.stream().mapToInt(ConfiguredRealServer::weight).sum();
        int worst = -1;
        double worstP = 1;
        for (int i = 0; i < active.size(); i++) {
            double p = share(active.get(i), active.size(), totalWeight, byWeight);
            double pValue = Binomial.twoSidedPValue(n, got[i], p);
            boolean moreOff = worst < 0 || pValue < worstP
                    || pValue == worstP && got[i] - n * p > got[worst]
                    - n * share(active.get(worst), active.size(), totalWeight, byWeight);
            if (macs[i] != 0 && moreOff) {
                worst = i;
                worstP = pValue;
            }
        }
        if (worst < 0 || worstP * active.size() >= ALPHA) {
            return;
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < active.size(); i++) {
            String who = macs[i] != 0 ? context.host(macs[i]).toString() : Ipv4.format(active.get(i).ip());
            parts.add(who + " got " + describe(got[i], n, active.get(i), active.size(), totalWeight, byWeight));
        }
        Host culprit = context.host(macs[worst]);
        final int w = worst;
        EvidenceLog log = EvidenceLog.merge(chosen.stream().filter(p -> p.receiverMac() == macs[w])
                .map(PathShape::deliveredFrames).toList());
        String message = "real server " + String.join("; ", parts.subList(worst, worst + 1)) + " for VIP "
                + service.address() + " (scheduler " + service.scheduler() + ", " + ConfigView.cite(config, service)
                + "); " + String.join("; ", others(parts, worst)) + "; binomial test p = "
                + String.format(Locale.ROOT, "%.2g", Math.min(1, worstP * active.size()))
                + " (Bonferroni over " + active.size() + " real servers)";
        out.add(this, culprit, message, log, fix(config, service, active));
    }

    private static String fix(ClusterConfig config, VirtualService service, List<ConfiguredRealServer> active) {
        StringBuilder fix = new StringBuilder("Compare the weights the director runs with the file: ipvsadm -Ln ")
                .append(ConfigView.serviceFlag(service)).append(". If they differ, apply the configured ones:\n");
        for (ConfiguredRealServer rs : active) {
            fix.append("ipvsadm -e ").append(ConfigView.serviceFlag(service)).append(" -r ").append(rs.address())
                    .append(' ').append(rs.method().flag()).append(" -w ").append(rs.weight()).append('\n');
        }
        fix.append(config.format() == ClusterConfig.Format.KEEPALIVED
                ? "(keepalived: systemctl reload keepalived; a MISC_CHECK with misc_dynamic also changes weights)."
                : "(or restore the saved table: ipvsadm-restore < /etc/ipvsadm.rules).")
                .append(" If they match, look for connections the capture does not show (other clients reaching"
                        + " the VIP by another path) or a scheduler that does not follow weights.");
        return fix.toString();
    }

    private static List<String> others(List<String> parts, int skip) {
        List<String> rest = new ArrayList<>(parts);
        rest.remove(skip);
        return rest;
    }

    private static double share(ConfiguredRealServer rs, int servers, int totalWeight, boolean byWeight) {
        return byWeight ? (double) rs.weight() / totalWeight : 1.0 / servers;
    }

    private static String describe(long k, long n, ConfiguredRealServer rs, int servers, int totalWeight,
                                   boolean byWeight) {
        double expected = share(rs, servers, totalWeight, byWeight);
        return k + " of " + n + " flows (" + percent((double) k / n) + "), configured " + percent(expected)
                + (byWeight ? " (weight " + rs.weight() + " of " + totalWeight + ")"
                : " (equal shares; this scheduler ignores weights)");
    }

    private static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    /** Exact binomial probabilities, in logs so that large counts do not underflow. */
    static final class Binomial {
        private Binomial() {
        }

        /**
         * The two-sided p-value of {@code k} successes in {@code n} draws with probability {@code p}: the total
         * probability of every outcome no more likely than {@code k}.
         */
        static double twoSidedPValue(long n, long k, double p) {
            if (p <= 0) {
                return k == 0 ? 1 : 0;
            }
            if (p >= 1) {
                return k == n ? 1 : 0;
            }
            double observed = logPmf(n, k, p);
            double sum = 0;
            for (long j = 0; j <= n; j++) {
                double lp = logPmf(n, j, p);
                if (lp <= observed + 1e-9) {
                    sum += Math.exp(lp);
                }
            }
            return Math.min(1, sum);
        }

        static double logPmf(long n, long k, double p) {
            return logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p)
                    + (n - k) * Math.log1p(-p);
        }

        static double logFactorial(long n) {
            if (n < 2) {
                return 0;
            }
            if (n < 256) {
                double sum = 0;
                for (long i = 2; i <= n; i++) {
                    sum += Math.log(i);
                }
                return sum;
            }
            double x = n;
            return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x) + 1 / (12 * x) - 1 / (360 * x * x * x);
        }
    }
}

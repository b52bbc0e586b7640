package dev.drcheck.cli;

import dev.drcheck.core.capture.LiveStats;
import dev.drcheck.core.finding.Finding;
import dev.drcheck.core.report.CaptureStats;
import dev.drcheck.core.report.FindingLifecycle;
import dev.drcheck.core.report.LossStats;
import dev.drcheck.core.report.Report;
import dev.drcheck.core.report.ServiceStats;
import dev.drcheck.core.report.VipOwner;
import dev.drcheck.core.topology.DrTopology;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** docs/monitoring agrees with what drcheck live --metrics serves, and promtool accepts the alerting rules. */
class MonitoringDocsTest {
    private static final Pattern METRIC = Pattern.compile("\\bdrcheck_[a-z_]+");
    private static final int VIP = 0xc0000264;
    private static final Path MONITORING = Cli.repoRoot().resolve("docs/monitoring");

    @Test
    void everyMetricTheDocsRulesAndDashboardNameIsServed() throws IOException, InterruptedException {
        Set<String> named = new TreeSet<>();
        for (String file : List.of("README.md", "drcheck-alerts.yml", "drcheck-dashboard.json")) {
            Matcher m = METRIC.matcher(Files.readString(MONITORING.resolve(file), StandardCharsets.UTF_8));
            while (m.find()) {
                named.add(m.group());
            }
        }

        String served;
        try (LiveMetrics metrics = LiveMetrics.serve("127.0.0.1", 0)) {
            // one of everything, so that every labelled metric has a series to show
            CaptureStats stats = new CaptureStats("v1", 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, Map.of(), Optional.empty(),
                    List.of("v1"), List.of(), List.of(), Map.of("flows evicted (flow table full)", 1L), LossStats.NONE);
            Finding arp = Reports.arpError();
            Report report = new Report(DrTopology.empty(), List.of(arp), List.of(), List.of(), stats,
                    List.of(new ServiceStats(VIP, 80, arp.culprit(), 3, 2, 1, 0)),
                    List.of(new VipOwner(VIP, arp.culprit().mac(), 3, 0)));
            metrics.update(report,
                    List.of(new FindingLifecycle.Transition(FindingLifecycle.Kind.RAISED, arp, arp.count())),
                    List.of(arp), new LiveStats(1, 0, 0), 1, 1);
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + metrics.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            served = response.body();
        }

        assertThat(named).isNotEmpty();
        for (String metric : named) {
            assertThat(served).as("served metrics").containsPattern("# HELP " + metric + "\\b");
        }
    }

    @Test
    void promtoolAcceptsTheAlertingRules() throws IOException, InterruptedException {
        Process check;
        try {
            String rules = MONITORING.resolve("drcheck-alerts.yml").toString();
            check = new ProcessBuilder("promtool", "check", "rules", rules).redirectErrorStream(true).start();
        } catch (IOException e) {
            if ("true".equals(System.getenv("CI"))) {
                fail("promtool missing: .ci/run installs prometheus, which has it");
            }
            Assumptions.abort("promtool not installed (Debian: apt-get install prometheus)");
            return;
        }
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS: 4 rules found");
    }
}

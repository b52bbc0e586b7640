package dev.drcheck.cli;

import dev.drcheck.core.capture.LiveStats;
import dev.drcheck.core.finding.Finding;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.net.Mac;
import dev.drcheck.core.report.FindingLifecycle;
import dev.drcheck.core.report.Report;
import dev.drcheck.core.report.ServiceStats;
import dev.drcheck.core.report.VipOwner;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code drcheck live --metrics HOST:PORT}: the Prometheus text exposition at {@code /metrics}, served by the
 * official Prometheus Java client's HTTP server on its own threads. The monitor thread updates the metrics once per
 * status interval from the interim report, the findings standing ({@link FindingLifecycle}) and libpcap's counts.
 */
final class LiveMetrics implements Closeable {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Gauge findingActive = Gauge.builder().name("drcheck_finding_active")
            .help("1 while a finding stands: its check id, severity and culprit MAC")
            .labelNames("check", "severity", "culprit").register(registry);
    private final Counter findingsRaised = Counter.builder().name("drcheck_findings_raised_total")
            .help("Findings raised (an episode starts), by check and severity")
            .labelNames("check", "severity").register(registry);
    private final Counter frames = Counter.builder().name("drcheck_frames_total")
            .help("Frames analysed").register(registry);
    private final Counter dropped = Counter.builder().name("drcheck_frames_dropped_total")
            .help("Frames libpcap reports dropped, by the kernel or by the interface")
            .labelNames("where").register(registry);
    private final Gauge flowsOpen = Gauge.builder().name("drcheck_flows_open")
            .help("TCP flows open now").register(registry);
    private final Counter evictions = Counter.builder().name("drcheck_table_evictions_total")
            .help("What the bounded tables dropped because they were full, by what was dropped")
            .labelNames("table").register(registry);
    private final Counter handshakes = Counter.builder().name("drcheck_handshakes_total")
            .help("VIP flows delivered to a real server, by outcome: completed handshakes, SYNs unanswered, resets")
            .labelNames("vip", "rs", "outcome").register(registry);
    private final Gauge vipOwner = Gauge.builder().name("drcheck_vip_owner")
            .help("1 for the host that claimed the VIP in ARP last (the one clients send to)")
            .labelNames("vip", "mac").register(registry);
    private final HTTPServer server;
    private final Map<List<String>, Long> handshakesSeen = new HashMap<>();
    private final Map<String, Long> evictionsSeen = new HashMap<>();
    private long framesSeen;
    private long kernelDropsSeen;
    private long interfaceDropsSeen;

    private LiveMetrics(String host, int port) throws IOException {
        server = HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
    }

    /**
     * Starts serving on {@code host:port}.
     *
     * @throws IOException when the address cannot be bound (port taken, address not local)
     */
    static LiveMetrics serve(String host, int port) throws IOException {
        return new LiveMetrics(host, port);
    }

    /** The port served, for a port 0 that the system chose. */
    int port() {
        return server.getPort();
    }

    /** Brings the metrics up to date; called by the monitor thread only. */
    void update(Report snapshot, List<FindingLifecycle.Transition> transitions, List<Finding> active,
                LiveStats stats, long framesAnalysed, int flows) {
        for (FindingLifecycle.Transition transition : transitions) {
            if (transition.kind() == FindingLifecycle.Kind.RAISED) {
                Finding f = transition.finding();
                findingsRaised.labelValues(f.checkId(), f.severity().id()).inc();
            }
        }
        Set<List<String>> standing = new HashSet<>();
        for (Finding f : active) {
            standing.add(List.of(f.checkId(), f.severity().id(), Mac.format(f.culprit().mac())));
        }
        findingActive.removeIf(labels -> !standing.contains(labels));
        for (List<String> labels : standing) {
            findingActive.labelValues(labels.toArray(String[]::new)).set(1);
        }
        frames.inc(framesAnalysed - framesSeen);
        framesSeen = framesAnalysed;
        dropped.labelValues("kernel").inc(Math.max(0, stats.droppedByKernel() - kernelDropsSeen));
        dropped.labelValues("interface").inc(Math.max(0, stats.droppedByInterface() - interfaceDropsSeen));
        kernelDropsSeen = Math.max(kernelDropsSeen, stats.droppedByKernel());
        interfaceDropsSeen = Math.max(interfaceDropsSeen, stats.droppedByInterface());
        flowsOpen.set(flows);
        for (ServiceStats service : snapshot.services()) {
            String vip = Ipv4.format(service.vip());
            String rs = Mac.format(service.realServer().mac());
            countHandshakes(List.of(vip, rs, "completed"), service.handshakesCompleted());
            countHandshakes(List.of(vip, rs, "unanswered"), service.synsUnanswered());
            countHandshakes(List.of(vip, rs, "reset"), service.resets());
        }
        Set<List<String>> owners = new HashSet<>();
        for (VipOwner owner : snapshot.vipOwners()) {
            owners.add(List.of(Ipv4.format(owner.vip()), Mac.format(owner.mac())));
        }
        vipOwner.removeIf(labels -> !owners.contains(labels));
        for (List<String> labels : owners) {
            vipOwner.labelValues(labels.toArray(String[]::new)).set(1);
        }
        for (Map.Entry<String, Long> limit : snapshot.stats().tableLimits().entrySet()) {
            long before = evictionsSeen.getOrDefault(limit.getKey(), 0L);
            evictions.labelValues(limit.getKey()).inc(Math.max(0, limit.getValue() - before));
            evictionsSeen.put(limit.getKey(), Math.max(before, limit.getValue()));
        }
    }

    /** Brings the handshake counter of one VIP, real server and outcome up to the report's {@code total}. */
    private void countHandshakes(List<String> labels, long total) {
        long before = handshakesSeen.getOrDefault(labels, 0L);
        handshakes.labelValues(labels.toArray(String[]::new)).inc(Math.max(0, total - before));
        handshakesSeen.put(labels, Math.max(before, total));
    }

    @Override
    public void close() {
        server.close();
    }
}

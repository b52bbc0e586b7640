package dev.drcheck.core.check;

import dev.drcheck.core.config.ClusterConfig;
import dev.drcheck.core.config.VirtualService;
import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.frame.Evidence;
import dev.drcheck.core.frame.EvidenceLog;
import dev.drcheck.core.frame.FrameRef;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.track.ArpBinding;
import dev.drcheck.core.track.PathShape;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compares the capture with the configuration: the service is persistent ({@code -p}, {@code persistence_timeout})
 * but one client's connections went to several real servers within the timeout. IPVS keeps a persistence
 * template for at least the timeout after a client's connection starts, so two connections of one client that
 * start less than the timeout apart must reach the same real server. Clients are told apart by address only where
 * the capture shows them on the LAN (their MAC uses their address in ARP).
 */
public final class PersistenceBroken implements Check {
    private static final CheckInfo INFO = new CheckInfo("PersistenceBroken", Severity.ERROR, 1,
            "persistence is configured but one client's connections go to several real servers within the timeout");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public void evaluate(AnalysisContext context, CheckOutput out) {
        ConfigView.forEachVipService(context, (config, service) -> {
            if (service.persistent()) {
                judge(context, config, service, out);
            }
        });
    }

    /** A flow's start, the real server it went to and the path it belongs to. */
    private record Start(long mac, Evidence syn, PathShape path) {
    }

    private void judge(AnalysisContext context, ClusterConfig config, VirtualService service, CheckOutput out) {
        Map<Integer, List<Start>> byClient = startsByClient(context, service, out);
        long timeoutNanos = service.persistenceSeconds() * 1_000_000_000L;
        List<String> spread = new ArrayList<>();
        EvidenceLog log = new EvidenceLog();
        long movedFlows = 0;
        for (Map.Entry<Integer, List<Start>> entry : byClient.entrySet()) {
            List<Start> starts = new ArrayList<>(entry.getValue());
            starts.sort(Comparator.comparingLong(s -> s.syn().timestampNanos()));
            Start first = starts.get(0);
            List<Start> moved = new ArrayList<>();
            for (Start s : starts) {
                if (s.mac() != first.mac() && s.syn().timestampNanos() - first.syn().timestampNanos() <= timeoutNanos) {
                    moved.add(s);
                }
            }
            if (moved.isEmpty()) {
                continue;
            }
            Start next = moved.get(0);
            double seconds = (next.syn().timestampNanos() - first.syn().timestampNanos()) / 1e9;
            spread.add("client " + Ipv4.format(entry.getKey()) + " went to " + context.host(first.mac())
                    + " (frame " + first.syn().frame() + ") and " + String.format(Locale.ROOT, "%.1f",
                    seconds) + " s later to " + context.host(next.mac()) + " (frame "
                    + next.syn().frame() + ")");
            moved.forEach(s -> log.record(FrameRef.of(s.syn().source(), s.syn().frame()), s.syn().timestampNanos()));
            Set<PathShape> movedPaths = new LinkedHashSet<>();
            moved.forEach(s -> movedPaths.add(s.path()));
            movedFlows += movedPaths.stream().mapToLong(p -> p.flows().count()).sum() - moved.size();
        }
        if (spread.isEmpty()) {
            return;
        }
        // A path keeps the frames of its earliest flows only; its other moved flows count without frames.
        log.countWithoutFrames(movedFlows);
        List<PathShape> flows = ConfigView.flowsOf(context, service);
        Host director = ConfigView.director(context, flows);
        if (director == null) {
            return;
        }
        String message = "director " + director + " does not keep clients on one real server for VIP "
                + service.address() + " although " + ConfigView.cite(config, service) + " sets persistence "
                + service.persistenceSeconds() + " s: "
                + String.join("; ", spread.subList(0, Math.min(3, spread.size())))
                + (spread.size() > 3 ? "; and " + (spread.size() - 3) + " more clients" : "")
                + "; " + Wording.count(log.count(), "connection", "connections") + " of "
                + Wording.count(spread.size(), "client", "clients")
                + " went to another real server than the client's first";
        String fix = "The director runs " + service.address() + " without persistence, or the file is not what it"
                + " runs: ipvsadm -Ln " + ConfigView.serviceFlag(service) + " must show 'persistent "
                + service.persistenceSeconds() + "'. Set it: ipvsadm -E " + ConfigView.serviceFlag(service) + " -s "
                + service.scheduler() + " -p " + service.persistenceSeconds()
                + (config.format() == ClusterConfig.Format.KEEPALIVED
                ? " (keepalived: persistence_timeout " + service.persistenceSeconds() + " in virtual_server "
                + Ipv4.format(service.vip()) + " " + service.port() + ", then systemctl reload keepalived)" : "")
                + ", and check the templates with ipvsadm -Lnc (entries with port 0 are persistence templates).";
        out.add(this, director, message, log, fix);
    }

    /** The flow starts to the service's real servers by client address, for the clients told apart on the LAN. */
    private static Map<Integer, List<Start>> startsByClient(AnalysisContext context, VirtualService service,
                                                            CheckOutput out) {
        Map<Integer, List<Start>> byClient = new LinkedHashMap<>();
        boolean unidentified = false;
        for (PathShape p : ConfigView.flowsOf(context, service)) {
            long receiver = p.receiverMac();
            if (receiver == 0 || context.topology().isDirector(receiver)) {
                continue;
            }
            if (!onLan(context, p.firstHopSrcMac(), p.firstClientIp())) {
                unidentified = true;
                continue;
            }
            for (Evidence e : p.flows().evidence()) {
                byClient.computeIfAbsent(p.firstClientIp(), k -> new ArrayList<>()).add(new Start(receiver, e, p));
            }
        }
        if (unidentified) {
            out.notObserved("persistence of " + service.address() + ": some clients reach the VIP through a router"
                    + " or are not seen on the LAN, so their connections were not told apart by client address");
        }
        return byClient;
    }

    /** True when the client MAC uses the client address in ARP: the client is on the LAN, one address per MAC. */
    private static boolean onLan(AnalysisContext context, long mac, int clientIp) {
        if (mac == 0) {
            return false;
        }
        for (ArpBinding binding : context.arp().bindingsOfMac(mac)) {
            if (binding.ip() == clientIp) {
                return true;
            }
        }
        return false;
    }
}

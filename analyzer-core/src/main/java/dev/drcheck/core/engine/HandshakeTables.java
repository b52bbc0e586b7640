package dev.drcheck.core.engine;

import dev.drcheck.core.check.AnalysisContext;
import dev.drcheck.core.frame.EvidenceLog;
import dev.drcheck.core.report.RealServerStats;
import dev.drcheck.core.report.ServiceStats;
import dev.drcheck.core.report.VipOwner;
import dev.drcheck.core.topology.DrTopology;
import dev.drcheck.core.topology.RealServer;
import dev.drcheck.core.topology.Vip;
import dev.drcheck.core.track.ArpTable;
import dev.drcheck.core.track.ClaimChange;
import dev.drcheck.core.track.PathShape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The report's tables of how the VIP flows went: per real server, per VIP service and real server, and who answers
 * ARP for each VIP now.
 */
final class HandshakeTables {
    private HandshakeTables() {
    }

    /** One row per real server of the topology, summed over every VIP service. */
    static List<RealServerStats> byRealServer(AnalysisContext context) {
        List<RealServerStats> table = new ArrayList<>();
        List<PathShape> vipFlows = context.vipFlows();
        for (RealServer rs : context.topology().realServers()) {
            long mac = rs.host().mac();
            List<PathShape> paths = vipFlows.stream().filter(p -> p.receiverMac() == mac).toList();
            table.add(new RealServerStats(rs.host(), sum(paths, PathShape::flows), sum(paths, PathShape::completed),
                    sum(paths, PathShape::unanswered), sum(paths, PathShape::resets)));
        }
        return table;
    }

    /** One row per VIP service and real server of the topology that received flows of it. */
    static List<ServiceStats> byService(AnalysisContext context) {
        Map<ServiceServer, List<PathShape>> groups = new LinkedHashMap<>();
        for (PathShape p : context.vipFlows()) {
            if (context.topology().isRealServer(p.receiverMac())) {
                groups.computeIfAbsent(new ServiceServer(p.serverIp(), p.serverPort(), p.receiverMac()),
                        key -> new ArrayList<>()).add(p);
            }
        }
        List<ServiceStats> table = new ArrayList<>();
        groups.forEach((key, paths) -> table.add(new ServiceStats(key.vip(), key.port(),
                context.topology().realServer(key.mac()).orElseThrow().host(), sum(paths, PathShape::flows),
                sum(paths, PathShape::completed), sum(paths, PathShape::unanswered),
                sum(paths, PathShape::resets))));
        return table;
    }

    /** A VIP service and the real server its flows went to: the key of one row of {@link #byService}. */
    private record ServiceServer(int vip, int port, long mac) {
    }

    /** The latest ARP claimant of each VIP that someone claimed. */
    static List<VipOwner> vipOwners(DrTopology topology, ArpTable arp) {
        List<VipOwner> owners = new ArrayList<>();
        for (Vip vip : topology.vips()) {
            List<ClaimChange> claims = arp.claimChanges(vip.ip());
            if (!claims.isEmpty()) {
                ClaimChange latest = claims.get(claims.size() - 1);
                owners.add(new VipOwner(vip.ip(), latest.mac(), latest.frame(), latest.timestampNanos()));
            }
        }
        return owners;
    }

    private static long sum(List<PathShape> paths, Function<PathShape, EvidenceLog> log) {
        return paths.stream().mapToLong(p -> log.apply(p).count()).sum();
    }
}

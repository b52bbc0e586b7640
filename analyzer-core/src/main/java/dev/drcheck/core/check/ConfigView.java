package dev.drcheck.core.check;

import dev.drcheck.core.config.ClusterConfig;
import dev.drcheck.core.config.ConfiguredRealServer;
import dev.drcheck.core.config.VirtualService;
import dev.drcheck.core.finding.Host;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.track.PathShape;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** What the checks that compare the capture with the cluster's configuration share. */
final class ConfigView {
    private ConfigView() {
    }

    /**
     * Calls {@code judge} with the configuration and each of its services that the topology checks as a VIP
     * service; does nothing when no configuration was given.
     */
    static void forEachVipService(AnalysisContext context, BiConsumer<ClusterConfig, VirtualService> judge) {
        context.topology().configuration().ifPresent(config -> {
            for (VirtualService service : config.services()) {
                if (context.topology().isVipService(service.vip(), service.port())) {
                    judge.accept(config, service);
                }
            }
        });
    }

    /** The flows of one configured service. */
    static List<PathShape> flowsOf(AnalysisContext context, VirtualService service) {
        return context.vipFlows().stream()
                .filter(p -> p.serverIp() == service.vip() && p.serverPort() == service.port())
                .toList();
    }

    /**
     * The flows of a service where the capture shows the director's choice: the client's frame to the director
     * and its forwarded copy to a real server. Only these show how the director spreads connections; a capture on
     * one real server's port shows that server's share alone.
     */
    static List<PathShape> chosenByDirector(AnalysisContext context, VirtualService service) {
        return flowsOf(context, service).stream()
                .filter(p -> context.topology().isDirector(p.firstHopDstMac()) && p.deliveredMac() != 0
                        && !context.topology().isDirector(p.deliveredMac()))
                .toList();
    }

    /** Flows per receiving MAC, in order first seen. */
    static Map<Long, Long> flowsPerReceiver(List<PathShape> paths) {
        Map<Long, Long> counts = new LinkedHashMap<>();
        for (PathShape p : paths) {
            counts.merge(p.receiverMac(), p.flows().count(), Long::sum);
        }
        return counts;
    }

    /** The director that forwarded these flows, as a host; null when the capture shows none. */
    static Host director(AnalysisContext context, List<PathShape> paths) {
        for (PathShape p : paths) {
            if (context.topology().isDirector(p.relayMac())) {
                return context.host(p.relayMac());
            }
            if (context.topology().isDirector(p.firstHopDstMac())) {
                return context.host(p.firstHopDstMac());
            }
        }
        return context.topology().directors().isEmpty() ? null
                : context.host(context.topology().directors().get(0).mac());
    }

    /** ipvsadm's flag for the service's protocol and address: {@code -t 192.0.2.100:80}. */
    static String serviceFlag(VirtualService service) {
        return switch (service.protocol()) {
            case TCP -> "-t ";
            case UDP -> "-u ";
            case SCTP -> "--sctp-service ";
        } + service.address();
    }

    /** "TCP 192.0.2.100:80 (--ipvs FILE line 4)". */
    static String cite(ClusterConfig config, VirtualService service) {
        return service.protocol() + " " + service.address() + " (" + config.source() + " line " + service.line() + ")";
    }

    /** The line that adds or edits a real server in the file's own terms. */
    static String realServerLine(ClusterConfig config, VirtualService service, ConfiguredRealServer rs,
                                 boolean add) {
        if (config.format() == ClusterConfig.Format.KEEPALIVED) {
            return "real_server " + Ipv4.format(rs.ip()) + " " + rs.port() + " {\n"
                    + "    weight " + rs.weight() + "\n"
                    + "    TCP_CHECK {\n        connect_timeout 3\n    }\n}";
        }
        return "ipvsadm " + (add ? "-a " : "-e ") + serviceFlag(service) + " -r " + rs.address() + " "
                + rs.method().flag() + " -w " + rs.weight();
    }
}

package dev.drcheck.core.check;

import dev.drcheck.core.config.ClusterConfig;
import dev.drcheck.core.config.ConfiguredRealServer;
import dev.drcheck.core.config.ForwardingMethod;
import dev.drcheck.core.config.VirtualService;
import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.frame.EvidenceLog;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.track.FlowDirection;
import dev.drcheck.core.track.LegShape;
import dev.drcheck.core.track.PathShape;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares the capture with the configuration: a VIP service the capture shows traffic for is configured with
 * NAT ({@code -m}, {@code lb_kind NAT}) or tunnelling ({@code -i}, {@code lb_kind TUN}) instead of direct routing.
 * One finding per service, naming the director; the message says whether the forwarded frames agree.
 */
public final class NonDrForwardingMethod implements Check {
    private static final CheckInfo INFO = new CheckInfo("NonDrForwardingMethod", Severity.ERROR, 1,
            "the configuration forwards a VIP service with NAT (-m, lb_kind NAT) or tunnelling (-i, lb_kind TUN),"
                    + " not direct routing");

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
        List<ConfiguredRealServer> nonDr = service.realServers().stream()
                .filter(rs -> !rs.method().directRouting()).toList();
        if (nonDr.isEmpty()) {
            return;
        }
        List<PathShape> flows = ConfigView.flowsOf(context, service);
        Host director = ConfigView.director(context, flows);
        if (flows.isEmpty() || director == null) {
            out.notObserved("forwarding method of " + service.address() + ": " + config.source()
                    + " configures " + nonDr.get(0).method() + ", but the capture shows no traffic to it to"
                    + " name its director by");
            return;
        }
        report(context, config, service, nonDr, flows, director, out);
    }

    private void report(AnalysisContext context, ClusterConfig config, VirtualService service,
                        List<ConfiguredRealServer> nonDr, List<PathShape> flows, Host director, CheckOutput out) {
        Set<ForwardingMethod> methods = new LinkedHashSet<>();
        nonDr.forEach(rs -> methods.add(rs.method()));
        String how = methods.stream().map(m -> m + " (ipvsadm " + m.flag() + ", " + m.listName() + ", lb_kind "
                + m.lbKind() + ")").collect(Collectors.joining(" and "));
        if (config.format() == ClusterConfig.Format.KEEPALIVED && methods.contains(ForwardingMethod.NAT)) {
            how += ", keepalived's default when lb_kind is not set";
        }
        String servers = nonDr.stream().map(ConfiguredRealServer::address).collect(Collectors.joining(", "));
        EvidenceLog log = EvidenceLog.merge(flows.stream().map(PathShape::flows).toList());
        String message = "director " + director + " is configured to forward VIP " + service.address() + " to "
                + servers + " with " + how + ", not direct routing (" + ConfigView.cite(config, service) + "), "
                + Wording.count(log.count(), "flow", "flows") + " in this capture"
                + captureAgrees(context, service, methods.iterator().next());
        StringBuilder fix = new StringBuilder();
        if (config.format() == ClusterConfig.Format.KEEPALIVED) {
            fix.append("In ").append(config.source().replaceFirst("^--keepalived ", "")).append(", virtual_server ")
                    .append(Ipv4.format(service.vip())).append(' ').append(service.port()).append(" {\n    lb_kind DR\n"
                            + "    ...\n}\n(and remove lb_kind/lvs_method NAT or TUN from its real_server blocks),"
                            + " then systemctl reload keepalived. ");
        } else {
            fix.append("On the director, switch each real server to direct routing:\n");
            for (ConfiguredRealServer rs : nonDr) {
                fix.append("ipvsadm -e ").append(ConfigView.serviceFlag(service)).append(" -r ")
                        .append(rs.address()).append(" -g -w ").append(rs.weight()).append('\n');
            }
            fix.append("and save it (ipvsadm-save -n > /etc/ipvsadm.rules). ");
        }
        fix.append("Direct routing keeps the VIP as destination, so on every real server:\n")
                .append(DrFixes.realServerSetup(service.vip()));
        out.add(this, director, message, log, fix.toString());
    }

    /** What the forwarded frames of this VIP show about the method actually in use. */
    private static String captureAgrees(AnalysisContext context, VirtualService service,
                                        ForwardingMethod configured) {
        List<LegShape> rewritten = new ArrayList<>();
        List<LegShape> kept = new ArrayList<>();
        for (LegShape leg : context.legs().shapes()) {
            if (leg.direction() == FlowDirection.SERVER_TO_CLIENT || leg.beforeDstIp() != service.vip()
                    || !context.topology().isDirector(leg.relayMac())) {
                continue;
            }
            if (leg.afterDstIp() != leg.beforeDstIp()) {
                rewritten.add(leg);
            } else if (leg.onlyMacsChanged()) {
                kept.add(leg);
            }
        }
        if (!rewritten.isEmpty()) {
            return "; the capture agrees: forwarded frames have their destination IP rewritten to "
                    + Ipv4.format(rewritten.get(0).afterDstIp()) + " (frame "
                    + dev.drcheck.core.frame.FrameRef.frame(rewritten.get(0).forwardedFrames().firstFrame()) + ")";
        }
        if (!kept.isEmpty()) {
            return "; yet the capture shows direct routing (only the destination MAC rewritten, frame "
                    + dev.drcheck.core.frame.FrameRef.frame(kept.get(0).forwardedFrames().firstFrame())
                    + "), so the file is not what the director runs: applying it would switch to " + configured;
        }
        return "";
    }
}

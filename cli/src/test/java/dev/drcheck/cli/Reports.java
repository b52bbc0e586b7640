package dev.drcheck.cli;

import dev.drcheck.core.capture.CaptureDamage;
import dev.drcheck.core.finding.Finding;
import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.frame.Evidence;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.net.Mac;
import dev.drcheck.core.report.CaptureStats;
import dev.drcheck.core.report.RealServerStats;
import dev.drcheck.core.report.Report;
import dev.drcheck.core.topology.Director;
import dev.drcheck.core.topology.DrTopology;
import dev.drcheck.core.topology.Provenance;
import dev.drcheck.core.topology.RealServer;
import dev.drcheck.core.topology.Vip;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hand-built reports for rendering tests. */
final class Reports {
    /** 2026-11-22T02:30:01.123456Z in nanoseconds. */
    static final long T1 = 1_795_314_601_123_456_000L;
    static final long DIRECTOR = Mac.parse("02:00:00:00:00:01");
    static final long RS1 = Mac.parse("02:00:00:00:00:11");
    static final long RS2 = Mac.parse("02:00:00:00:00:12");
    static final int VIP = Ipv4.parse("192.0.2.100");
    static final int RIP1 = Ipv4.parse("192.0.2.11");
    static final String ESC = "\u001b";

    private Reports() {
    }

    static DrTopology topology() {
        return new DrTopology(
                List.of(new Vip(VIP, List.of(80),
                        Provenance.inferred("client SYNs re-emitted by the director", List.of(3L, 7L, 12L)))),
                List.of(new Director(DIRECTOR, Provenance.given("--director-mac"))),
                List.of(new RealServer(Host.of(RS1, RIP1), Provenance.inferred("forwarded SYNs", List.of(4L))),
                        new RealServer(Host.macOnly(RS2), Provenance.inferred("forwarded SYNs", List.of(9L)))),
                List.of("RIP of 02:00:00:00:00:12 unknown: it sent no ARP"));
    }

    static Finding arpError() {
        return new Finding("RsAnswersArpForVip", Severity.ERROR, Host.of(RS1, RIP1),
                "02:00:00:00:00:11 (192.0.2.11) answers ARP for VIP 192.0.2.100",
                List.of(new Evidence(12, T1), new Evidence(14, T1 + 2_000_000L)), 7,
                "on 02:00:00:00:00:11 set\nsysctl -w net.ipv4.conf.all.arp_ignore=1\n"
                        + "sysctl -w net.ipv4.conf.all.arp_announce=2");
    }

    static Finding vipMissingError() {
        return new Finding("VipMissingOnRs", Severity.ERROR, Host.macOnly(RS2),
                "02:00:00:00:00:12 drops forwarded SYNs for 192.0.2.100", List.of(new Evidence(20, T1 + 5)), 1,
                "ip addr add 192.0.2.100/32 dev lo");
    }

    static Finding portWarning() {
        return new Finding("PortClosed", Severity.WARNING, Host.macOnly(RS2),
                "02:00:00:00:00:12 resets connections to 192.0.2.100:80", List.of(new Evidence(30, T1 + 9)), 1,
                "start the service on port 80");
    }

    static Finding info() {
        return new Finding("SingleRealServer", Severity.INFO, Host.of(RS1, RIP1), "only one real server answers",
                List.of(), 3, "add more real servers");
    }

    static CaptureStats stats(String name) {
        return new CaptureStats(name, 100, 10, 80, 5, 2, 3, T1 - 1_000_000_000L, T1 + 4_000_000_000L, 15, 14,
                Map.of("truncated_arp", 2L), Optional.empty());
    }

    /** Two errors and a warning, with a real-server table and a not-observed line. */
    static Report broken() {
        return new Report(topology(), List.of(portWarning(), arpError(), vipMissingError()),
                List.of(new RealServerStats(Host.of(RS1, RIP1), 10, 9, 1, 0),
                        new RealServerStats(Host.macOnly(RS2), 5, 0, 0, 5)),
                List.of("the real servers' replies: this capture point sees only the director's port"),
                stats("arp-ignore-rs1.pcap"));
    }

    static Report withFindings(Finding... findings) {
        return new Report(topology(), List.of(findings), List.of(), List.of(), stats("x.pcap"));
    }

    static Report healthy() {
        return withFindings();
    }

    static Report noTopology() {
        return new Report(DrTopology.empty(), List.of(), List.of(), List.of(), stats("empty.pcap"));
    }

    /** A report whose capture-derived strings all carry terminal escapes. */
    static Report hostile() {
        String evil = ESC + "]0;pwned" + '\u0007' + ESC + "[2J" + '\u009b' + "31m" + '\u007f';
        Finding finding = new Finding("RsAnswersArpForVip", Severity.ERROR, Host.of(RS1, RIP1), "msg " + evil,
                List.of(new Evidence(1, T1)), 1, "fix " + evil);
        DrTopology topology = new DrTopology(
                List.of(new Vip(VIP, List.of(), Provenance.inferred("how " + evil, List.of(1L)))), List.of(),
                List.of(), List.of("note " + evil));
        CaptureStats stats = new CaptureStats("name" + evil + ".pcap", 1, 0, 1, 0, 0, 0, T1, T1, 1, 0,
                Map.of("anomaly" + evil, 1L), Optional.of(new CaptureDamage(1, 40, "damage " + evil)));
        return new Report(topology, List.of(finding), List.of(), List.of("not observed " + evil), stats);
    }
}

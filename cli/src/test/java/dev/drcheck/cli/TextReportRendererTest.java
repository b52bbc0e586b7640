package dev.drcheck.cli;

import dev.drcheck.core.report.Report;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextReportRendererTest {
    private static final String ESC = "\u001b";

    private static String plain(Report report) {
        return new TextReportRenderer(false).render(report);
    }

    @Test
    void sectionsComeInOrder() {
        String text = plain(Reports.broken());
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).startsWith("drcheck arp-ignore-rs1.pcap: 100 frames, 2026-11-22 02:30:00.123456 to"
                + " 02:30:05.123456 UTC (5.000 s)");
        int topology = lines.indexOf("Topology");
        int findings = lines.indexOf("Findings");
        int realServers = lines.indexOf("Real servers");
        int notObserved = lines.indexOf("Not observed at this capture point");
        int capture = lines.indexOf("Capture");
        assertThat(List.of(topology, findings, realServers, notObserved, capture)).doesNotContain(-1).isSorted();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("Verdict: DR broken: 2 errors, 1 warning");
    }

    @Test
    void topologyShowsHowEachElementWasFound() {
        String text = plain(Reports.broken());
        assertThat(text).contains("VIP          192.0.2.100 port 80: inferred from frames 3, 7, 12 (client SYNs"
                + " re-emitted by the director)");
        assertThat(text).contains("Director     02:00:00:00:00:01: given by --director-mac");
        assertThat(text).contains("Real server  02:00:00:00:00:11 (192.0.2.11): inferred from frame 4");
        assertThat(text).contains("Real server  02:00:00:00:00:12 (RIP unknown)");
        assertThat(text).contains("note: RIP of 02:00:00:00:00:12 unknown");
    }

    @Test
    void findingsAreGroupedMostSevereFirstWithEvidenceAndFix() {
        String text = plain(Reports.broken());
        int firstError = text.indexOf("[ERROR] RsAnswersArpForVip: 02:00:00:00:00:11 (192.0.2.11) answers ARP");
        int secondError = text.indexOf("[ERROR] VipMissingOnRs:");
        int warning = text.indexOf("[WARNING] PortClosed:");
        assertThat(firstError).isPositive();
        assertThat(secondError).isGreaterThan(firstError);
        assertThat(warning).isGreaterThan(secondError);
        assertThat(text).contains("      culprit: 02:00:00:00:00:11 (192.0.2.11)\n");
        assertThat(text).contains("      evidence: frames 12 (02:30:01.123456), 14 (02:30:01.125456), ..."
                + " (7 in total)\n");
        assertThat(text).contains("      evidence: frame 20 (02:30:01.123456)\n");
        assertThat(text).contains("      fix: on 02:00:00:00:00:11 set\n"
                + "           sysctl -w net.ipv4.conf.all.arp_ignore=1\n"
                + "           sysctl -w net.ipv4.conf.all.arp_announce=2\n");
    }

    @Test
    void findingWithoutKeptFramesSaysSo() {
        String text = plain(Reports.withFindings(Reports.info()));
        assertThat(text).contains("[INFO] SingleRealServer: only one real server answers")
                .contains("evidence: no frame kept (3 in total)");
        assertThat(text).endsWith("Verdict: no DR problems found (1 info)\n");
    }

    @Test
    void realServerTableIsAligned() {
        List<String> lines = plain(Reports.broken()).lines().toList();
        int heading = lines.indexOf("Real servers");
        String header = lines.get(heading + 1);
        assertThat(header).startsWith("  RS").contains("FLOWS").contains("HANDSHAKES COMPLETED")
                .contains("SYNS UNANSWERED").endsWith("RESETS");
        String rs1 = lines.get(heading + 2);
        String rs2 = lines.get(heading + 3);
        assertThat(rs1).startsWith("  02:00:00:00:00:11 (192.0.2.11)").matches(".*\\s10\\s+9\\s+1\\s+0$");
        assertThat(rs2).startsWith("  02:00:00:00:00:12").matches(".*\\s5\\s+0\\s+0\\s+5$");
        assertThat(rs1).hasSameSizeAs(header);
        assertThat(rs2).hasSameSizeAs(header);
    }

    @Test
    void captureSectionListsAnomaliesAndDamage() {
        String text = plain(Reports.hostile());
        assertThat(text).contains("capture stopped early after frame 1: damage ");
        String broken = plain(Reports.broken());
        assertThat(broken).contains("100 frames: ARP 10, TCP 80, UDP 5, ICMP 2, other 3")
                .contains("15 TCP flows, 14 forwarded pairs").contains("    truncated_arp: 2");
        assertThat(broken).doesNotContain("capture stopped early");
    }

    @Test
    void notObservedSectionOnlyWhenThereIsSomething() {
        assertThat(plain(Reports.broken())).contains("Not observed at this capture point\n  - the real servers'");
        assertThat(plain(Reports.healthy())).doesNotContain("Not observed");
    }

    @Test
    void verdicts() {
        assertThat(plain(Reports.healthy())).contains("Findings\n  none\n")
                .endsWith("Verdict: no DR problems found\n");
        assertThat(plain(Reports.withFindings(Reports.portWarning())))
                .endsWith("Verdict: DR works, with 1 warning\n");
        assertThat(plain(Reports.withFindings(Reports.arpError()))).endsWith("Verdict: DR broken: 1 error\n");
        assertThat(plain(Reports.noTopology())).endsWith("Verdict: no DR topology found; give --vip IP[:PORT]"
                + " (and --director-mac MAC, --rs MAC[=RIP]) to check this capture\n");
        assertThat(plain(Reports.noTopology())).contains("VIPs:         none found");
    }

    @Test
    void plainTextHasNoEscapeCodes() {
        assertThat(plain(Reports.broken())).doesNotContain(ESC);
    }

    @Test
    void colourMarksSeveritiesAndHeadings() {
        String text = new TextReportRenderer(true).render(Reports.broken());
        assertThat(text).contains(ESC + "[1mTopology" + ESC + "[m");
        assertThat(text).contains(ESC + "[31m[ERROR]" + ESC + "[m");
        assertThat(text).contains(ESC + "[33m[WARNING]" + ESC + "[m");
        String healthy = new TextReportRenderer(true).render(Reports.healthy());
        assertThat(healthy).contains(ESC + "[32mVerdict: no DR problems found");
    }

    @Test
    void sanitiserStripsEscapesFromEveryCaptureDerivedString() {
        for (boolean color : new boolean[] {false, true}) {
            String text = new TextReportRenderer(color).render(Reports.hostile());
            String withoutOurCodes = text.replaceAll("\u001b\\[[0-9;]*m", "");
            assertThat(withoutOurCodes).doesNotContain(ESC).doesNotContain("\u0007").doesNotContain("\u009b")
                    .doesNotContain("\u007f");
            assertThat(withoutOurCodes).contains("drcheck name?]0;pwned??[2J?31m?.pcap")
                    .contains("msg ?]0;pwned").contains("fix ?]0;pwned").contains("how ?]0;pwned")
                    .contains("note ?]0;pwned").contains("not observed ?]0;pwned").contains("anomaly?]0;pwned")
                    .contains("damage ?]0;pwned");
        }
    }

    @Test
    void sanitiserReplacesEveryControlCharacter() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            all.append(c);
        }
        all.append('\u007f');
        for (char c = 0x80; c <= 0x9f; c++) {
            all.append(c);
        }
        String cleaned = Sanitizer.clean(all + "ok é");
        assertThat(cleaned).isEqualTo("?".repeat(all.length()) + "ok é");
        assertThat(Sanitizer.clean("plain")).isEqualTo("plain");
        assertThat(Sanitizer.clean(null)).isEmpty();
    }
}

package dev.drcheck.cli;

import dev.drcheck.core.capture.CaptureDamage;
import dev.drcheck.core.capture.SkippedRange;
import dev.drcheck.core.finding.Finding;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.frame.Evidence;
import dev.drcheck.core.frame.FrameRef;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.net.Mac;
import dev.drcheck.core.report.CaptureStats;
import dev.drcheck.core.report.LossStats;
import dev.drcheck.core.report.RealServerStats;
import dev.drcheck.core.report.Report;
import dev.drcheck.core.report.Verdict;
import dev.drcheck.core.topology.Director;
import dev.drcheck.core.topology.DrTopology;
import dev.drcheck.core.topology.Provenance;
import dev.drcheck.core.topology.RealServer;
import dev.drcheck.core.topology.Vip;
import org.fusesource.jansi.Ansi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Renders a {@link Report} for people. Sections, in order: header line, Topology, Findings (by severity),
 * Real servers, Not observed at this capture point, Capture, and a final verdict line.
 *
 * <p>Every string that comes from the report goes through {@link Sanitizer#clean(String)}, so capture data can
 * never put a terminal escape on the screen. With colour on, jansi escape codes mark errors red, warnings yellow,
 * a clean verdict green and headings bold; with colour off the output holds no escape code at all.
 */
final class TextReportRenderer {
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS", Locale.ROOT);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final String INDENT = "  ";
    private static final String DETAIL = "      ";

    private final boolean color;
    /** Names of the merged captures of the report being rendered; empty for a single capture. */
    private List<String> mergedCaptures = List.of();

    /** @param color whether to emit ANSI colour codes */
    TextReportRenderer(boolean color) {
        this.color = color;
    }

    /** The whole report as text, ending with a newline. */
    String render(Report report) {
        mergedCaptures = report.stats().isMerged() ? report.stats().captures() : List.of();
        StringBuilder sb = new StringBuilder(4096);
        header(report.stats(), sb);
        sb.append('\n');
        topology(report.topology(), sb);
        sb.append('\n');
        findings(report.findings(), sb);
        sb.append('\n');
        realServers(report.realServers(), sb);
        if (!report.notObserved().isEmpty()) {
            sb.append('\n');
            heading("Not observed at this capture point", sb);
            for (String line : report.notObserved()) {
                sb.append(INDENT).append("- ").append(clean(line)).append('\n');
            }
        }
        sb.append('\n');
        capture(report.stats(), sb);
        sb.append('\n');
        sb.append(verdict(report)).append('\n');
        return sb.toString();
    }

    // ---- sections ----

    private void header(CaptureStats stats, StringBuilder sb) {
        sb.append(bold("drcheck " + clean(stats.captureName()))).append(": ").append(plural(stats.frames(), "frame"));
        if (stats.frames() > 0) {
            ZonedDateTime first = utc(stats.firstTimestampNanos());
            ZonedDateTime last = utc(stats.lastTimestampNanos());
            sb.append(", ").append(DATE_TIME.format(first)).append(" to ");
            LocalDate firstDay = first.toLocalDate();
            sb.append(firstDay.equals(last.toLocalDate()) ? TIME.format(last) : DATE_TIME.format(last));
            double seconds = (stats.lastTimestampNanos() - stats.firstTimestampNanos()) / (double) NANOS_PER_SECOND;
            sb.append(" UTC (").append(String.format(Locale.ROOT, "%.3f s", seconds)).append(')');
        }
        sb.append('\n');
    }

    private void topology(DrTopology topology, StringBuilder sb) {
        heading("Topology", sb);
        if (topology.vips().isEmpty()) {
            sb.append(INDENT).append("VIPs:         none found\n");
        }
        for (Vip vip : topology.vips()) {
            String ports = vip.ports().isEmpty() ? "any port"
                    : (vip.ports().size() == 1 ? "port " : "ports ")
                    + vip.ports().stream().map(String::valueOf).collect(Collectors.joining(", "));
            sb.append(INDENT).append("VIP          ").append(Ipv4.format(vip.ip())).append(' ').append(ports)
                    .append(": ").append(provenance(vip.provenance())).append('\n');
        }
        if (topology.directors().isEmpty()) {
            sb.append(INDENT).append("Directors:    none found\n");
        }
        for (Director director : topology.directors()) {
            sb.append(INDENT).append("Director     ").append(Mac.format(director.mac())).append(": ")
                    .append(provenance(director.provenance())).append('\n');
        }
        if (topology.realServers().isEmpty()) {
            sb.append(INDENT).append("Real servers: none found\n");
        }
        for (RealServer rs : topology.realServers()) {
            sb.append(INDENT).append("Real server  ").append(rs.host().macText());
            sb.append(rs.host().ipKnown() ? " (" + rs.host().ipText() + ")" : " (RIP unknown)");
            sb.append(": ").append(provenance(rs.provenance())).append('\n');
        }
        for (String note : topology.notes()) {
            sb.append(INDENT).append("note: ").append(clean(note)).append('\n');
        }
    }

    private String provenance(Provenance provenance) {
        String how = clean(provenance.how());
        if (provenance.given()) {
            return how;
        }
        if (provenance.frames().isEmpty()) {
            return how.isEmpty() ? "inferred" : "inferred (" + how + ")";
        }
        String frames = "inferred from " + (provenance.frames().size() == 1 ? "frame " : "frames ")
                + provenance.frames().stream().map(ref -> frameLabel(FrameRef.frame(ref), FrameRef.source(ref)))
                .collect(Collectors.joining(", "));
        return how.isEmpty() ? frames : frames + " (" + how + ")";
    }

    private void findings(List<Finding> findings, StringBuilder sb) {
        heading("Findings", sb);
        if (findings.isEmpty()) {
            sb.append(INDENT).append("none\n");
            return;
        }
        boolean firstGroup = true;
        for (Severity severity : new Severity[] {Severity.ERROR, Severity.WARNING, Severity.INFO}) {
            List<Finding> group = findings.stream().filter(f -> f.severity() == severity).toList();
            if (group.isEmpty()) {
                continue;
            }
            if (!firstGroup) {
                sb.append('\n');
            }
            firstGroup = false;
            for (Finding finding : group) {
                finding(finding, sb);
            }
        }
    }

    private void finding(Finding finding, StringBuilder sb) {
        String tag = "[" + finding.severity().name() + "]";
        sb.append(INDENT).append(severityColor(finding.severity()).apply(tag)).append(' ')
                .append(bold(clean(finding.checkId()))).append(": ").append(clean(finding.message())).append('\n');
        sb.append(DETAIL).append("culprit: ").append(finding.culprit()).append('\n');
        sb.append(DETAIL).append("evidence: ").append(evidence(finding)).append('\n');
        String[] fixLines = finding.fix().strip().split("\r?\n|\r", -1);
        String label = "fix: ";
        sb.append(DETAIL).append(label).append(clean(fixLines[0])).append('\n');
        for (int i = 1; i < fixLines.length; i++) {
            sb.append(DETAIL).append(" ".repeat(label.length())).append(clean(fixLines[i])).append('\n');
        }
    }

    private String evidence(Finding finding) {
        List<Evidence> evidence = finding.evidence();
        if (evidence.isEmpty()) {
            return "no frame kept (" + finding.count() + " in total)";
        }
        List<String> items = new ArrayList<>(evidence.size());
        for (Evidence e : evidence) {
            items.add(frameLabel(e.frame(), e.source()) + " (" + TIME.format(utc(e.timestampNanos())) + ")");
        }
        String text = (evidence.size() == 1 ? "frame " : "frames ") + String.join(", ", items);
        if (finding.count() > evidence.size()) {
            text += ", ... (" + finding.count() + " in total)";
        }
        return text;
    }

    /** "12", or "12 of rs1.pcap" when several captures were merged. */
    private String frameLabel(long frame, int source) {
        if (mergedCaptures.isEmpty()) {
            return Long.toString(frame);
        }
        String capture = source < mergedCaptures.size() ? mergedCaptures.get(source) : "capture " + source;
        return frame + " of " + clean(capture);
    }

    private void realServers(List<RealServerStats> rows, StringBuilder sb) {
        heading("Real servers", sb);
        if (rows.isEmpty()) {
            sb.append(INDENT).append("no client flows reached a real server\n");
            return;
        }
        String[] header = {"RS", "FLOWS", "HANDSHAKES COMPLETED", "SYNS UNANSWERED", "RESETS"};
        List<String[]> table = new ArrayList<>();
        table.add(header);
        for (RealServerStats row : rows) {
            table.add(new String[] {row.realServer().toString(), Long.toString(row.flows()),
                    Long.toString(row.handshakesCompleted()), Long.toString(row.synsUnanswered()),
                    Long.toString(row.resets())});
        }
        int[] widths = new int[header.length];
        for (String[] cells : table) {
            for (int i = 0; i < cells.length; i++) {
                widths[i] = Math.max(widths[i], cells[i].length());
            }
        }
        for (String[] cells : table) {
            StringBuilder line = new StringBuilder(INDENT);
            line.append(cells[0]).append(" ".repeat(widths[0] - cells[0].length()));
            for (int i = 1; i < cells.length; i++) {
                line.append("  ").append(" ".repeat(widths[i] - cells[i].length())).append(cells[i]);
            }
            sb.append(line).append('\n');
        }
    }

    private void capture(CaptureStats stats, StringBuilder sb) {
        heading("Capture", sb);
        sb.append(INDENT).append(plural(stats.frames(), "frame")).append(": ARP ").append(stats.arpFrames())
                .append(", TCP ").append(stats.tcpFrames()).append(", UDP ").append(stats.udpFrames())
                .append(", ICMP ").append(stats.icmpFrames()).append(", other ").append(stats.otherFrames())
                .append('\n');
        sb.append(INDENT).append(plural(stats.tcpFlows(), "TCP flow")).append(", ")
                .append(plural(stats.forwardedPairs(), "forwarded pair")).append('\n');
        if (stats.anomalies().isEmpty()) {
            sb.append(INDENT).append("decode anomalies: none\n");
        } else {
            sb.append(INDENT).append("decode anomalies:\n");
            for (Map.Entry<String, Long> entry : new TreeMap<>(stats.anomalies()).entrySet()) {
                sb.append(INDENT).append(INDENT).append(clean(entry.getKey())).append(": ").append(entry.getValue())
                        .append('\n');
            }
        }
        for (Map.Entry<String, Long> limit : new TreeMap<>(stats.tableLimits()).entrySet()) {
            sb.append(INDENT).append(yellow("bounded state: " + limit.getValue() + " " + limit.getKey()))
                    .append('\n');
        }
        for (String note : stats.readerNotes()) {
            sb.append(INDENT).append(clean(note)).append('\n');
        }
        LossStats loss = stats.loss();
        if (loss.any()) {
            sb.append(INDENT).append(yellow(lossLine(loss))).append('\n');
        }
        for (SkippedRange range : stats.skippedRanges()) {
            String lost = range.framesLostKnown() ? plural(range.framesLost(), "frame") + " lost"
                    : "frames lost unknown";
            sb.append(INDENT).append(yellow("damaged bytes " + range.fromOffset() + " to " + range.toOffset()
                    + " skipped after frame " + range.afterFrame() + " (" + lost + "): "
                    + clean(range.description()))).append('\n');
        }
        if (stats.damage().isPresent()) {
            CaptureDamage damage = stats.damage().get();
            sb.append(INDENT).append(yellow("capture stopped early after frame " + damage.afterFrame() + ": "
                    + clean(damage.description()))).append('\n');
        }
    }

    /** What was lost and left out: "frames lost: 12 dropped by the kernel, ...; left out of the checks: ...". */
    static String lossLine(LossStats loss) {
        return "frames lost: " + loss.droppedByKernel() + " dropped by the kernel, " + loss.droppedByInterface()
                + " by the interface; left out of the checks: " + plural(loss.flowsLeftOutForLoss(), "TCP flow")
                + " open during the loss, " + plural(loss.flowsWithGaps(), "TCP flow")
                + " with frames missing from the capture, " + plural(loss.icmpErrorsLeftOut(), "ICMP error");
    }

    private String verdict(Report report) {
        long errors = report.count(Severity.ERROR);
        long warnings = report.count(Severity.WARNING);
        long infos = report.count(Severity.INFO);
        String counts = counts(errors, warnings, infos);
        if (errors > 0) {
            return bold(red("Verdict: DR broken: " + counts));
        }
        if (warnings > 0) {
            return bold(yellow("Verdict: DR works, with " + counts));
        }
        if (report.verdict() == Verdict.INCOMPLETE) {
            LossStats loss = report.stats().loss();
            return bold(yellow("Verdict: incomplete: no DR problem found in what was captured, but the capture lost "
                    + plural(loss.framesDropped(), "frame") + " and " + plural(loss.flowsLeftOut(), "flow")
                    + " were left out of the checks, which may hide one" + (infos > 0 ? " (" + counts + ")" : "")));
        }
        if (!report.topology().isKnown()) {
            String text = "Verdict: no DR topology found; give --vip IP[:PORT] (and --director-mac MAC,"
                    + " --rs MAC[=RIP]) to check this capture";
            return bold(yellow(infos > 0 ? text + " (" + counts + ")" : text));
        }
        return bold(green(infos > 0 ? "Verdict: no DR problems found (" + counts + ")"
                : "Verdict: no DR problems found"));
    }

    private static String counts(long errors, long warnings, long infos) {
        List<String> parts = new ArrayList<>(3);
        if (errors > 0) {
            parts.add(plural(errors, "error"));
        }
        if (warnings > 0) {
            parts.add(plural(warnings, "warning"));
        }
        if (infos > 0) {
            parts.add(infos + " info");
        }
        return String.join(", ", parts);
    }

    // ---- helpers ----

    private void heading(String title, StringBuilder sb) {
        sb.append(bold(title)).append('\n');
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static ZonedDateTime utc(long timestampNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(timestampNanos, NANOS_PER_SECOND),
                Math.floorMod(timestampNanos, NANOS_PER_SECOND)).atZone(ZoneOffset.UTC);
    }

    private static String clean(String text) {
        return Sanitizer.clean(text);
    }

    private UnaryOperator<String> severityColor(Severity severity) {
        return switch (severity) {
            case ERROR -> this::red;
            case WARNING -> this::yellow;
            case INFO -> this::cyan;
        };
    }

    private String bold(String text) {
        return color ? new Ansi().bold().a(text).reset().toString() : text;
    }

    private String red(String text) {
        return color ? new Ansi().fgRed().a(text).reset().toString() : text;
    }

    private String yellow(String text) {
        return color ? new Ansi().fgYellow().a(text).reset().toString() : text;
    }

    private String green(String text) {
        return color ? new Ansi().fgGreen().a(text).reset().toString() : text;
    }

    private String cyan(String text) {
        return color ? new Ansi().fgCyan().a(text).reset().toString() : text;
    }
}

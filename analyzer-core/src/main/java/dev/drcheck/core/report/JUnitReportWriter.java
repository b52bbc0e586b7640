package dev.drcheck.core.report;

import dev.drcheck.core.check.Check;
import dev.drcheck.core.check.Checks;
import dev.drcheck.core.finding.Finding;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.frame.Evidence;

import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

/**
 * Writes a {@link Report} as JUnit XML, so a CI system shows drcheck's results next to its other tests: one test
 * suite, one test case per registered check, and one {@code <failure>} per finding that counts (at or above the
 * failure threshold and not in a baseline). Findings that do not count are listed in the test case's
 * {@code <system-out>}.
 */
public final class JUnitReportWriter {

    private JUnitReportWriter() {
    }

    /**
     * Writes the XML document.
     *
     * @param counts which findings are failures; the others are reported as output only
     */
    public static void write(Report report, Predicate<Finding> counts, Appendable out) throws IOException {
        List<Check> checks = Checks.all();
        long failures = report.findings().stream().filter(counts).count();
        String suite = "drcheck " + report.stats().captureName();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<testsuite name=\"").append(xml(suite)).append("\" tests=\"").append(String.valueOf(checks.size()))
                .append("\" failures=\"").append(String.valueOf(failures)).append("\" errors=\"0\" skipped=\"0\">\n");
        for (Check check : checks) {
            String id = check.info().id();
            List<Finding> findings = report.findings().stream().filter(f -> f.checkId().equals(id)).toList();
            out.append("  <testcase classname=\"drcheck.invariant").append(String.valueOf(check.info().invariant()))
                    .append("\" name=\"").append(xml(id)).append("\">\n");
            StringBuilder systemOut = new StringBuilder();
            for (Finding finding : findings) {
                if (counts.test(finding)) {
                    out.append("    <failure type=\"").append(finding.severity().id()).append("\" message=\"")
                            .append(xml(finding.message())).append("\">").append(xml(details(finding)))
                            .append("</failure>\n");
                } else {
                    systemOut.append(label(finding.severity())).append(finding.message()).append('\n');
                }
            }
            if (!systemOut.isEmpty()) {
                out.append("    <system-out>").append(xml(systemOut.toString())).append("</system-out>\n");
            }
            out.append("  </testcase>\n");
        }
        out.append("</testsuite>\n");
    }

    private static String details(Finding finding) {
        StringBuilder text = new StringBuilder();
        text.append("culprit: ").append(finding.culprit()).append('\n');
        text.append("evidence frames:");
        for (Evidence e : finding.evidence()) {
            text.append(' ').append(e.frame());
        }
        text.append(" (").append(finding.count()).append(" in total)\n");
        text.append("fix: ").append(finding.fix()).append('\n');
        return text.toString();
    }

    private static String label(Severity severity) {
        return "[" + severity.id() + "] ";
    }

    /** Escapes for XML 1.0 text and attributes; characters XML 1.0 cannot hold become '?'. */
    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\n', '\t' -> out.append(c);
                default -> out.append(c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)
                        || Character.isSurrogate(c) || c == 0xfffe || c == 0xffff ? '?' : c);
            }
        }
        return out.toString();
    }
}

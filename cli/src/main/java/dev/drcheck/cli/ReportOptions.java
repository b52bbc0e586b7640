package dev.drcheck.cli;

import dev.drcheck.core.finding.Finding;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.report.Baseline;
import dev.drcheck.core.report.JUnitReportWriter;
import dev.drcheck.core.report.JsonReportWriter;
import dev.drcheck.core.report.Report;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.function.Predicate;

/** How a final report is printed and what it exits with; shared by {@code drcheck file} and {@code live}. */
final class ReportOptions {

    /** Output formats of {@code --format}. */
    enum Format { text, json, jsonl, junit }

    /** Choices of {@code --color}. */
    enum ColorMode { auto, always, never }

    @Option(names = "--format", paramLabel = "text|json|jsonl|junit", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). jsonl: one JSON"
                    + " object per line (drcheck live: each finding raised or cleared, then the report).")
    private Format format;

    @Option(names = "--fail-on", paramLabel = "info|warning|error", defaultValue = "error",
            converter = Converters.SeverityConverter.class,
            description = "Exit with 1 when a finding is at least this severe (default: ${DEFAULT-VALUE}).")
    private Severity failOn;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "A previous JSON report (--format json): its findings (same check and culprit MAC) do"
                    + " not count toward the exit code; only new ones do.")
    private String baselineFile;

    private Baseline baseline = new Baseline(Set.of());

    @Option(names = "--color", paramLabel = "auto|always|never", defaultValue = "auto",
            description = "Colour the text report: always, never, or auto (when standard output is a terminal"
                    + " and NO_COLOR is not set; default: ${DEFAULT-VALUE}).")
    private ColorMode color;

    /**
     * Reads the {@code --baseline} file, if one was given; call it before the analysis so that a bad file is
     * reported before any work is done.
     *
     * @throws UnreadableInputException when the file cannot be read as a drcheck JSON report
     */
    void loadBaseline() throws UnreadableInputException {
        if (baselineFile != null) {
            baseline = BaselineFile.read(baselineFile);
        }
    }

    /** Prints {@code report} in the chosen format and returns the exit code it calls for. */
    int print(Report report, PrintWriter out, Environment environment) {
        Predicate<Finding> counts = Report.counting(failOn, baseline);
        try {
            switch (format) {
                case json -> JsonReportWriter.write(report, out);
                case jsonl -> JsonReportWriter.writeLine(report, out);
                case junit -> JUnitReportWriter.write(report, counts, out);
                case text -> {
                    out.print(new TextReportRenderer(useColor(environment)).render(report));
                    long known = report.findings().stream().filter(baseline::contains).count();
                    if (baselineFile != null) {
                        out.println("Baseline: " + known + " of " + report.findings().size() + " findings are in "
                                + Sanitizer.clean(baselineFile) + " and do not count toward the exit code.");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
        return report.hasFindingsAtOrAbove(failOn, baseline) ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** True for JSON Lines, one object per line. */
    boolean isJsonLines() {
        return format == Format.jsonl;
    }

    /** True when the output is text for people (not JSON, JSON Lines or JUnit XML). */
    boolean isText() {
        return format == Format.text;
    }

    /** Whether to colour, from {@code --color}, the terminal and {@code NO_COLOR}. */
    boolean useColor(Environment environment) {
        return switch (color) {
            case always -> true;
            case never -> false;
            case auto -> environment.stdoutIsTerminal() && !environment.noColor();
        };
    }
}

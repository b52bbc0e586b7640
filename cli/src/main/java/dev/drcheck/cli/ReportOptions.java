package dev.drcheck.cli;

import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.report.JsonReportWriter;
import dev.drcheck.core.report.Report;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** How a final report is printed and what it exits with; shared by {@code drcheck file} and {@code live}. */
final class ReportOptions {

    /** Output formats of {@code --format}. */
    enum Format { text, json }

    /** Choices of {@code --color}. */
    enum ColorMode { auto, always, never }

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Option(names = "--fail-on", paramLabel = "info|warning|error", defaultValue = "error",
            converter = Converters.SeverityConverter.class,
            description = "Exit with 1 when a finding is at least this severe (default: ${DEFAULT-VALUE}).")
    private Severity failOn;

    @Option(names = "--color", paramLabel = "auto|always|never", defaultValue = "auto",
            description = "Colour the text report: always, never, or auto (when standard output is a terminal"
                    + " and NO_COLOR is not set; default: ${DEFAULT-VALUE}).")
    private ColorMode color;

    /** Prints {@code report} in the chosen format and returns the exit code it calls for. */
    int print(Report report, PrintWriter out, Environment environment) {
        if (format == Format.json) {
            try {
                JsonReportWriter.write(report, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            out.print(new TextReportRenderer(useColor(environment)).render(report));
        }
        out.flush();
        return report.hasFindingsAtOrAbove(failOn) ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** True when the output is text for people (not JSON). */
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

package dev.drcheck.cli;

import dev.drcheck.core.capture.CaptureFormatException;
import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.report.JsonReportWriter;
import dev.drcheck.core.report.Report;
import dev.drcheck.core.topology.TopologyOverrides;
import dev.drcheck.core.topology.TopologyOverrides.VipSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;

/** {@code drcheck file [options] CAPTURE}: analyses one pcap file and reports what is wrong with DR. */
@Command(name = "file",
        mixinStandardHelpOptions = true,
        version = "drcheck 0.1.0",
        description = {"Analyses one pcap capture (not pcapng) of an LVS-DR cluster and names the"
                + " misconfigurations it shows.",
                "The VIPs, directors and real servers are inferred from the traffic; the options below replace"
                + " what would be inferred."},
        sortOptions = false,
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.FINDINGS_HELP, ExitCodes.USAGE_HELP, ExitCodes.INPUT_HELP,
                ExitCodes.INTERNAL_HELP})
final class FileCommand implements Callable<Integer> {

    /** Output formats of {@code --format}. */
    enum Format { text, json }

    /** Choices of {@code --color}. */
    enum ColorMode { auto, always, never }

    @ParentCommand
    private Main parent;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CAPTURE", description = "The pcap file to analyse.")
    private String capture;

    @Option(names = "--vip", paramLabel = "IP[:PORT]", converter = Converters.VipConverter.class,
            description = "A virtual IP, optionally with its service port (repeatable).")
    private List<VipSpec> vips;

    @Option(names = "--director-mac", paramLabel = "MAC", converter = Converters.MacConverter.class,
            description = "The director's MAC, e.g. 02:00:00:00:00:01 (repeatable).")
    private List<Long> directorMacs;

    @Option(names = "--rs", paramLabel = "MAC[=RIP]", converter = Converters.RealServerConverter.class,
            description = "A real server's MAC, optionally with its own address (repeatable).")
    private List<Host> realServers;

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

    @Override
    public Integer call() {
        Environment environment = parent.environment();
        PrintWriter err = spec.commandLine().getErr();
        Path path;
        try {
            path = Path.of(capture);
        } catch (InvalidPathException e) {
            return cannotRead(err, "invalid file name");
        }
        String problem = precheck(path);
        if (problem != null) {
            return cannotRead(err, problem);
        }

        Report report;
        try {
            report = environment.analysis().analyze(path, overrides());
        } catch (NoSuchFileException e) {
            return cannotRead(err, "no such file");
        } catch (AccessDeniedException e) {
            return cannotRead(err, "permission denied");
        } catch (CaptureFormatException e) {
            return cannotRead(err, e.getMessage());
        } catch (FileSystemException e) {
            return cannotRead(err, e.getReason() != null ? lowerFirst(e.getReason()) : "I/O error: " + e.getMessage());
        } catch (IOException e) {
            return cannotRead(err, "I/O error: " + e.getMessage());
        } catch (UncheckedIOException e) {
            return cannotRead(err, "I/O error: " + e.getCause().getMessage());
        }

        PrintWriter out = spec.commandLine().getOut();
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

    /** The topology flags as overrides for the analyzer. */
    TopologyOverrides overrides() {
        return new TopologyOverrides(Objects.requireNonNullElse(vips, List.of()),
                Objects.requireNonNullElse(directorMacs, List.of()),
                Objects.requireNonNullElse(realServers, List.of()));
    }

    private boolean useColor(Environment environment) {
        return switch (color) {
            case always -> true;
            case never -> false;
            case auto -> environment.stdoutIsTerminal() && !environment.noColor();
        };
    }

    /** Why {@code path} cannot be read, found before opening it, or null when it looks readable. */
    private static String precheck(Path path) {
        if (!Files.exists(path)) {
            return Files.notExists(path) ? "no such file" : "permission denied";
        }
        if (Files.isDirectory(path)) {
            return "is a directory (expected: a pcap file)";
        }
        if (!Files.isReadable(path)) {
            return "permission denied";
        }
        return null;
    }

    private int cannotRead(PrintWriter err, String reason) {
        err.println("drcheck: cannot read " + Sanitizer.clean(capture) + ": " + Main.oneLine(reason));
        err.flush();
        return ExitCodes.INPUT;
    }

    private static String lowerFirst(String text) {
        if (text.isEmpty() || text.length() > 1 && Character.isUpperCase(text.charAt(1))) {
            return text;
        }
        return text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }
}

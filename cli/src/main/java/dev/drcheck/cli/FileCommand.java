package dev.drcheck.cli;

import dev.drcheck.core.engine.Analyzer;
import dev.drcheck.core.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code drcheck file [options] CAPTURE...}: analyses capture files (several capture points of one incident are
 * merged by time) and reports what is wrong with DR.
 */
@Command(name = "file",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Analyses capture files of an LVS-DR cluster and names the misconfigurations they show.",
                "Several files are captures of one incident taken at different points (director, real servers);"
                        + " they are merged by time and analysed as one. '-' reads standard input.",
                "The VIPs, directors and real servers are inferred from the traffic; the topology options"
                        + " replace what would be inferred."},
        sortOptions = false,
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.FINDINGS_HELP, ExitCodes.USAGE_HELP, ExitCodes.INPUT_HELP,
                ExitCodes.INTERNAL_HELP})
final class FileCommand implements Callable<Integer> {

    @ParentCommand
    private Main parent;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CAPTURE", description = "Capture files to analyse, or - for"
            + " standard input.")
    private List<String> captures;

    @Mixin
    private TopologyOptions topology;

    @Mixin
    private ReportOptions output;

    /** Choices of {@code --progress}. */
    enum ProgressMode { auto, always, never }

    @Option(names = "--progress", paramLabel = "auto|always|never", defaultValue = "auto",
            description = "A progress line on standard error: always, never, or auto (on a terminal, for"
                    + " captures of 64 MB or more; default: ${DEFAULT-VALUE}).")
    private ProgressMode progressMode;

    @Override
    public Integer call() {
        Environment environment = parent.environment();
        Report report;
        try {
            output.loadBaseline();
            PrintWriter err = spec.commandLine().getErr();
            AtomicReference<FileProgress> shown = new AtomicReference<>();
            report = environment.analysis().analyze(captures, topology.overrides(), files -> {
                if (!showProgress(environment, files)) {
                    return Analyzer.Progress.NONE;
                }
                shown.set(new FileProgress(err, files, System::nanoTime));
                return shown.get();
            });
            if (shown.get() != null) {
                shown.get().clear();
            }
        } catch (UnreadableInputException e) {
            return cannotRead(e.input(), e.getMessage());
        } catch (IOException e) {
            return cannotRead(String.join(" ", captures), "I/O error: " + e.getMessage());
        } catch (UncheckedIOException e) {
            return cannotRead(String.join(" ", captures), "I/O error: " + e.getCause().getMessage());
        }
        return output.print(report, spec.commandLine().getOut(), environment);
    }

    private boolean showProgress(Environment environment, List<FileChannel> files) {
        return switch (progressMode) {
            case always -> !files.isEmpty();
            case never -> false;
            case auto -> environment.stdoutIsTerminal()
                    && FileProgress.totalSize(files) >= FileProgress.AUTO_MIN_BYTES;
        };
    }

    private int cannotRead(String capture, String reason) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("drcheck: cannot read " + Sanitizer.clean(capture) + ": " + Main.oneLine(reason));
        err.flush();
        return ExitCodes.INPUT;
    }
}

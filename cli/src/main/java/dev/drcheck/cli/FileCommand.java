package dev.drcheck.cli;

import dev.drcheck.core.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code drcheck file [options] CAPTURE...}: analyses capture files (several capture points of one incident are
 * merged by time) and reports what is wrong with DR.
 */
@Command(name = "file",
        mixinStandardHelpOptions = true,
        version = "drcheck 0.1.0",
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

    @Override
    public Integer call() {
        Environment environment = parent.environment();
        Report report;
        try {
            output.loadBaseline();
            report = environment.analysis().analyze(captures, topology.overrides());
        } catch (UnreadableInputException e) {
            return cannotRead(e.input(), e.getMessage());
        } catch (IOException e) {
            return cannotRead(String.join(" ", captures), "I/O error: " + e.getMessage());
        } catch (UncheckedIOException e) {
            return cannotRead(String.join(" ", captures), "I/O error: " + e.getCause().getMessage());
        }
        return output.print(report, spec.commandLine().getOut(), environment);
    }

    private int cannotRead(String capture, String reason) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("drcheck: cannot read " + Sanitizer.clean(capture) + ": " + Main.oneLine(reason));
        err.flush();
        return ExitCodes.INPUT;
    }
}

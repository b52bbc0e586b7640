package dev.drcheck.cli;

import dev.drcheck.core.check.Check;
import dev.drcheck.core.check.Checks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code drcheck explain ID}: prints a check's page: what it means, what the capture shows, causes, fix. */
@Command(name = "explain",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Prints the page of one check (docs/checks/ID.md): what it means, what the capture shows,"
                + " the usual causes and the fix. 'drcheck checks' lists the ids.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK + ":the page was printed", ExitCodes.USAGE_HELP})
final class ExplainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", completionCandidates = CheckIds.class,
            description = "A check id, e.g. RsAnswersArpForVip (any case).")
    private String id;

    @Override
    public Integer call() {
        Optional<Check> check = Checks.byId(id);
        if (check.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "unknown check: " + id + " (expected one of: "
                    + Checks.all().stream().map(c -> c.info().id()).collect(Collectors.joining(", ")) + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(page(check.get().info().id()));
        out.flush();
        return ExitCodes.OK;
    }

    /** The ids of the registered checks: what shell completion offers after {@code drcheck explain}. */
    static final class CheckIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Checks.all().stream().map(c -> c.info().id()).iterator();
        }
    }

    /** The doc page of a registered check, as bundled in the jar from docs/checks/. */
    static String page(String checkId) {
        try (InputStream in = ExplainCommand.class.getResourceAsStream("checks/" + checkId + ".md")) {
            if (in == null) {
                throw new IllegalStateException("doc page of " + checkId + " is not in the jar (expected:"
                        + " docs/checks/" + checkId + ".md, bundled by the build)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

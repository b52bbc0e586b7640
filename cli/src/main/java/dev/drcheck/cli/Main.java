package dev.drcheck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * The {@code drcheck} command: checks packet captures of LVS direct-routing clusters and names the
 * misconfigurations it finds. Subcommands: {@code file}, {@code checks}, {@code explain} and {@code live}.
 */
@Command(name = "drcheck",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Checks packet captures of LVS direct-routing (LVS-DR) clusters and names the"
                + " misconfigurations they show.",
        subcommands = {FileCommand.class, ChecksCommand.class, ExplainCommand.class, LiveCommand.class},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.FINDINGS_HELP, ExitCodes.USAGE_HELP, ExitCodes.INPUT_HELP,
                ExitCodes.INTERNAL_HELP})
public final class Main implements Callable<Integer> {
    private final Environment environment;

    @Spec
    private CommandSpec spec;

    Main(Environment environment) {
        this.environment = environment;
    }

    /** Runs drcheck and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs drcheck on the process's standard streams and returns the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out), new PrintWriter(System.err), Environment.system(), args);
    }

    /**
     * Runs drcheck and returns the exit code. An {@link Error} that escapes picocli's handlers (a class missing
     * from a damaged jar, the JVM out of memory) is reported in one line too, never as a stack trace.
     */
    static int run(PrintWriter out, PrintWriter err, Environment environment, String... args) {
        try {
            return commandLine(out, err, environment).execute(args);
        } catch (Error e) {
            err.println("drcheck: internal error: " + e.getClass().getName() + ": " + oneLine(e.getMessage()));
            if (environment.debug()) {
                e.printStackTrace(err);
            }
            return ExitCodes.INTERNAL;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The configured command line with a chosen environment; for tests. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, Environment environment) {
        CommandLine commandLine = new CommandLine(new Main(environment));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(Main::usageError);
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            PrintWriter errors = failed.getErr();
            errors.println("drcheck: internal error: " + exception.getClass().getName() + ": "
                    + oneLine(exception.getMessage()));
            if (environment.debug()) {
                exception.printStackTrace(errors);
            }
            errors.flush();
            return ExitCodes.INTERNAL;
        });
        return commandLine;
    }

    /** Without a subcommand there is nothing to do: a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "missing command: " + String.join(", ", spec.subcommands().keySet()));
    }

    Environment environment() {
        return environment;
    }

    private static int usageError(ParameterException exception, String[] args) {
        CommandLine failed = exception.getCommandLine();
        PrintWriter err = failed.getErr();
        err.println("drcheck: " + oneLine(exception.getMessage()));
        err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** The first line of {@code message}, safe for a terminal. */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        String first = newline < 0 ? trimmed : trimmed.substring(0, newline);
        return Sanitizer.clean(first.strip());
    }
}

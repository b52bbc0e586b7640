package dev.drcheck.cli;

/**
 * The process exit codes of {@code drcheck}, in one place. The {@code *_HELP} strings feed picocli's
 * {@code exitCodeList}, so {@code --help} always matches what the code returns.
 */
public final class ExitCodes {
    /** No finding at or above {@code --fail-on}. */
    public static final int OK = 0;
    /** At least one finding at or above {@code --fail-on}. */
    public static final int FINDINGS = 1;
    /** The command line is wrong: unknown option, bad value, missing argument. */
    public static final int USAGE = 2;
    /** The input cannot be read: missing file, not a capture, unsupported link type, permission, I/O error. */
    public static final int INPUT = 3;
    /** A bug in drcheck: an unexpected exception. */
    public static final int INTERNAL = 4;

    static final String HEADING = "%nExit codes:%n";
    static final String OK_HELP = OK + ":no finding at or above --fail-on (default: error)";
    static final String FINDINGS_HELP = FINDINGS + ":findings at or above --fail-on";
    static final String USAGE_HELP = USAGE + ":usage error (unknown option, bad value, missing argument)";
    static final String INPUT_HELP = INPUT + ":input cannot be read (missing file, not a pcap capture, unsupported"
            + " link type, permission denied, a directory, I/O error)";
    static final String INTERNAL_HELP = INTERNAL + ":internal error (a bug; set DRCHECK_DEBUG=1 for the stack trace)";

    private ExitCodes() {
    }
}

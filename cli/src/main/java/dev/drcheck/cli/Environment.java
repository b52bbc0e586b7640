package dev.drcheck.cli;

import java.util.Map;

/**
 * What the commands take from outside the command line: environment variables, whether standard output is a
 * terminal, and how a capture file is analysed. Tests pass their own; {@link #system()} is the real one.
 *
 * @param variables environment variables ({@code NO_COLOR}, {@code DRCHECK_DEBUG})
 * @param stdoutIsTerminal whether standard output is a terminal, for {@code --color auto}
 * @param analysis how {@code drcheck file} turns a capture file into a report
 * @param live where {@code drcheck live} gets its capture, clock and signals
 */
record Environment(Map<String, String> variables, boolean stdoutIsTerminal, CaptureAnalysis analysis,
                   LiveSetup live) {

    Environment {
        variables = Map.copyOf(variables);
    }

    /** An environment whose live capture is the real one (libpcap, system clock, signals). */
    Environment(Map<String, String> variables, boolean stdoutIsTerminal, CaptureAnalysis analysis) {
        this(variables, stdoutIsTerminal, analysis, LiveSetup.SYSTEM);
    }

    /** The process's environment, terminal and the real capture pipeline. */
    static Environment system() {
        return new Environment(System.getenv(), System.console() != null, new CaptureFiles(System.in));
    }

    /** True when {@code DRCHECK_DEBUG=1}: print stack traces of internal errors. */
    boolean debug() {
        return "1".equals(variables.get("DRCHECK_DEBUG"));
    }

    /** True when {@code NO_COLOR} is set to a non-empty value (no-color.org). */
    boolean noColor() {
        String value = variables.get("NO_COLOR");
        return value != null && !value.isEmpty();
    }
}

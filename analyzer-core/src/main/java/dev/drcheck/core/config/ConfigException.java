package dev.drcheck.core.config;

/**
 * A configuration file drcheck cannot use; the message is one line: {@code line N: what: actual (expected: X)},
 * or without a line number when the problem is the whole file.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;

    /**
     * @param line the 1-based line, or 0 for the whole file
     * @param message what was wrong, shaped "what: actual (expected: X)"
     */
    public ConfigException(int line, String message) {
        super(line > 0 ? "line " + line + ": " + message : message);
        this.line = line;
    }

    /** The 1-based line, 0 for the whole file. */
    public int line() {
        return line;
    }
}

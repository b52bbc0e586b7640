package dev.drcheck.core.finding;

import java.util.Locale;

/** How bad a finding is, in increasing order. */
public enum Severity {
    /** Worth knowing; DR works. */
    INFO,
    /** DR works, but not as intended or not for long. */
    WARNING,
    /** DR is broken for some traffic. */
    ERROR;

    /** Lower-case name used in reports and flags. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a lower- or upper-case name.
     *
     * @throws IllegalArgumentException shaped as "severity: actual (expected: info, warning or error)"
     */
    public static Severity parse(String text) {
        for (Severity s : values()) {
            if (s.name().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("severity: " + text + " (expected: info, warning or error)");
    }
}

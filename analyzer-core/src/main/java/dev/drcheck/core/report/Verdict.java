package dev.drcheck.core.report;

/** The one-word outcome of an analysis, as the JSON report's {@code verdict} gives it. */
public enum Verdict {
    /** At least one error finding. */
    ERROR("error"),
    /** Warnings, no error. */
    WARNING("warning"),
    /**
     * No error or warning, but the capture lost frames or misses frames of some flows, and what was left out of the
     * checks may hide a fault.
     */
    INCOMPLETE("incomplete"),
    /** Only informational findings, nothing lost. */
    INFO("info"),
    /** No finding, nothing lost. */
    OK("ok");

    private final String id;

    Verdict(String id) {
        this.id = id;
    }

    /** The word in reports. */
    public String id() {
        return id;
    }
}

package dev.drcheck.core.check;

/**
 * One check: it reads what the trackers observed, compares it with the topology, and says what is wrong.
 * A check never reads frame bytes; decoding and tracking have done that.
 *
 * <p>Each check is one small class with its metadata in {@link #info()}, a doc page
 * {@code docs/checks/<id>.md}, a lab capture where it fires and a test; {@link Checks} lists them all.
 */
public interface Check {

    /** Id, severity, invariant and summary. */
    CheckInfo info();

    /**
     * Adds one finding per cause found in {@code context} to {@code out}, and says there what this capture
     * could not show it.
     */
    void evaluate(AnalysisContext context, CheckOutput out);
}

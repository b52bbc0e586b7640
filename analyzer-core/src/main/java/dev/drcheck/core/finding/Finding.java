package dev.drcheck.core.finding;

import dev.drcheck.core.frame.Evidence;

import java.util.List;
import java.util.Objects;

/**
 * One cause of trouble, with the frames that prove it. There is one finding per cause, not one per packet:
 * {@link #count()} says how many frames (or flows, as the message says) showed it, {@link #evidence()} lists
 * the first few.
 *
 * @param checkId stable id of the check that found it, e.g. {@code RsAnswersArpForVip}
 * @param severity how bad it is
 * @param culprit the host to fix
 * @param message one line naming the culprit host (MAC and IP) and what it does wrong
 * @param evidence the first frames that show it, in capture order
 * @param count total occurrences
 * @param fix what to change, e.g. the exact sysctl lines
 */
public record Finding(String checkId, Severity severity, Host culprit, String message, List<Evidence> evidence,
                      long count, String fix) {

    /** Validates and copies the evidence list. */
    public Finding {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(culprit, "culprit");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
        evidence = List.copyOf(evidence);
        if (count < evidence.size()) {
            throw new IllegalArgumentException(
                    "finding count: " + count + " (expected: at least the " + evidence.size() + " evidence frames)");
        }
    }
}

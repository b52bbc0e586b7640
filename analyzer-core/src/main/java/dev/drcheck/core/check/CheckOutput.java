package dev.drcheck.core.check;

import dev.drcheck.core.finding.Finding;
import dev.drcheck.core.finding.Host;
import dev.drcheck.core.frame.EvidenceLog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects what the checks conclude: findings, and what the capture point did not let them verify.
 */
public final class CheckOutput {
    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> notObserved = new LinkedHashSet<>();

    /** Adds a finding of {@code check}, with the evidence and count of {@code log}. */
    public void add(Check check, Host culprit, String message, EvidenceLog log, String fix) {
        findings.add(new Finding(check.info().id(), check.info().severity(), culprit, message, log.evidence(),
                log.count(), fix));
    }

    /** Records that {@code what} could not be verified at this capture point (not a violation). */
    public void notObserved(String what) {
        notObserved.add(what);
    }

    /** The findings so far. */
    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** What could not be verified, one line each. */
    public List<String> notObserved() {
        return List.copyOf(notObserved);
    }
}

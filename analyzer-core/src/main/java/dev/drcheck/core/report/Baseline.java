package dev.drcheck.core.report;

import dev.drcheck.core.finding.Finding;

import java.util.Set;

/**
 * The findings of an earlier report, so that only new ones count: a finding is known when the baseline has one
 * with the same check id and culprit MAC (counts and frames may differ between captures).
 *
 * @param keys check id and culprit MAC of each earlier finding, as {@link #key} builds them
 */
public record Baseline(Set<String> keys) {

    /** Copies the keys. */
    public Baseline {
        keys = Set.copyOf(keys);
    }

    /** The key a finding is known by: {@code RsAnswersArpForVip 02:00:00:00:00:11}. */
    public static String key(String checkId, String culpritMac) {
        return checkId + " " + culpritMac;
    }

    /** True when the earlier report had this finding. */
    public boolean contains(Finding finding) {
        return keys.contains(key(finding.checkId(), finding.culprit().macText()));
    }
}
